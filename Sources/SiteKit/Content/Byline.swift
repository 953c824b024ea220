import Foundation

/// A legacy signature read apart: the people who wrote the article and the outlet it came from.
/// "Theo VnExpress" is a source; "Kim Thanh (T/h)" is a person whose note ("compiled") is no part
/// of her name; "Bùi Hùng/VOV-Tokyo" and "Văn Sơn (TTXVN)" are a person and an outlet; "Ảnh:
/// Daily Mail" is a photo credit, not an author.
public struct Byline: Equatable, Sendable {
    public var authors: [String]
    /// The outlet's name as the outlet list spells it, else as the byline does.
    public var source: String?

    public init(authors: [String] = [], source: String? = nil) {
        self.authors = authors
        self.source = source
    }

    /// Notes about the work, dropped from names: "(T/h)", "(Tổng hợp)", "(lược dịch)".
    static let workNotes: Set = ["t/h", "th", "tổng hợp", "tong hop", "lược dịch", "dịch", "biên dịch", "lược thuật", "tổng thuật",
                                 "theo", "tổng hợp từ", "nguồn", "th/", "st", "sưu tầm"]
    /// Credits that open a signature and are not authorship.
    static let credits: [String] = ["ảnh", "nguồn", "clip", "video", "đồ họa", "infographic", "photo"]

    public static func parse(_ signature: String, outlets: Outlets) -> Byline {
        var text = LegacyTextParser.trim(undoubled(unglued(signature, outlets: outlets))[...]).trimmingTrailing(" -–—:")
        var byline = Byline()
        // "Bài và ảnh: Kỳ Nam", "Tin, ảnh: Minh Hà": who wrote it (and took the photos).
        if let people = droppingAuthorshipLabel(text) { text = people }
        // "Duy An Theo Daily Mail Ảnh: Cosmopolitan": a credit after the signature is no part of it.
        if let credit = credits.lazy.compactMap({ text.range(of: " " + $0 + ":", options: .caseInsensitive) }).first {
            text = LegacyTextParser.trim(text[..<credit.lowerBound])
        }
        // "Bấm xem >> Tiến Long": chrome before the name.
        if let arrow = text.range(of: ">>") { text = LegacyTextParser.trim(text[arrow.upperBound...]) }
        let lower = text.lowercased()
        if let credit = credits.first(where: { lower.hasPrefix($0) }) {
            // "Nguồn: VnExpress" names a source; "Ảnh: Daily Mail", "Clip VFF" only a credit.
            let rest = LegacyTextParser.trim(text.dropFirst(credit.count).drop(while: { $0 == ":" || $0 == " " }))
            if credit == "nguồn", let outlet = outlets.outlet(named: rest) { byline.source = outlet.name }
            return byline
        }
        // Notes and sources in parentheses: "(T/h)", "(TTXVN)", "(theo Goal.com)", "( Vnexpress)".
        var names = "", inside = "", depth = 0
        for character in text {
            if character == "(" { depth += 1; if depth == 1 { inside = ""; continue } }
            if character == ")", depth > 0 {
                depth -= 1
                if depth == 0 { byline.take(note: inside, outlets: outlets); continue }
            }
            if depth > 0 { inside.append(character) } else { names.append(character) }
        }
        // "Tri Thu (t/h) Theo Đời sống Plus", "Theo Anh Ngọc", "theo Trí Thức Trẻ".
        var people = LegacyTextParser.trim(names[...])
        if let theo = people.range(of: "theo ", options: .caseInsensitive),
           theo.lowerBound == people.startIndex || people[people.index(before: theo.lowerBound)] == " " {
            let after = LegacyTextParser.trim(people[theo.upperBound...])
            people = LegacyTextParser.trim(people[..<theo.lowerBound])
            byline.take(theo: after, outlets: outlets)
        }
        // Dashes between spaces part people ("Thu Hà – Minh Đức"); inside a word they part an outlet
        // from its bureau ("VOV–TP HCM").
        for person in people.split(separator: ",").flatMap({ $0.components(separatedBy: " - ") }).flatMap({ $0.components(separatedBy: " – ") }) {
            byline.take(person: LegacyTextParser.trim(person[...]), outlets: outlets)
        }
        byline.authors = uniqueNames(byline.authors)
        return byline
    }

    /// After "Theo": an outlet ("Theo VNE"), or a person and an outlet ("Theo Đinh Văn Quế/Vnexpress").
    private mutating func take(theo: String, outlets: Outlets) {
        if let outlet = outlets.outlet(named: theo) { source = source ?? outlet.name; return }
        let parts = theo.split(separator: "/").map { LegacyTextParser.trim($0) }
        if parts.count == 2 {
            take(person: parts[0], outlets: outlets)
            setSource(parts[1], outlets: outlets)
        } else if source != nil {
            take(person: theo, outlets: outlets)            // "Theo Anh Ngọc ( Vnexpress)"
        } else {
            setSource(theo, outlets: outlets)               // "Theo Khám phá": an outlet we do not list
        }
    }

    /// One name: "Bùi Hùng/VOV-Tokyo" (person/outlet), "TTXVN/Tin Tức" (outlets), "Đông Hùng Thể thao
    /// & Văn hóa" (person, then an outlet), "Trà Li thesun.co.uk" (person, then a site).
    private mutating func take(person name: String, outlets: Outlets) {
        // "Hà An -(T/h)": what is left of a dash once the note is gone.
        let raw = LegacyTextParser.trim(Substring(name.trimmingCharacters(in: .init(charactersIn: "-–—:;,. "))))
        guard !raw.isEmpty else { return }
        if Self.workNotes.contains(raw.lowercased()) { return }
        if let name = Self.droppingWorkNote(raw) { return take(person: name, outlets: outlets) }
        let parts = raw.split(separator: "/").map { LegacyTextParser.trim($0) }.filter { !$0.isEmpty }
        if parts.count > 1 {
            for part in parts { take(person: part, outlets: outlets) }
            return
        }
        if let outlet = outlets.outlet(named: raw) { source = source ?? outlet.name; return }
        let words = raw.split(separator: " ")
        for cut in stride(from: words.count - 1, through: 1, by: -1) {
            let tail = words[cut...].joined(separator: " ")
            let isSite = cut == words.count - 1 && tail.contains(".") && tail.first?.isLowercase == true
            if outlets.outlet(named: tail) != nil || isSite {
                setSource(tail, outlets: outlets)
                take(person: words[..<cut].joined(separator: " "), outlets: outlets)
                return
            }
        }
        authors.append(raw)
    }

    /// What stood in parentheses: a note about the work, a source, or (else) part of no name.
    private mutating func take(note raw: String, outlets: Outlets) {
        let note = LegacyTextParser.trim(raw[...])
        let lower = note.lowercased()
        if lower.hasPrefix("theo ") {
            take(theo: LegacyTextParser.trim(note.dropFirst(5)), outlets: outlets)
        } else if let outlet = outlets.outlet(named: note) {
            source = source ?? outlet.name
        } else if let slash = note.firstIndex(of: "/"), let outlet = outlets.outlet(named: String(note[..<slash])) {
            source = source ?? outlet.name                  // "(TTXVN/Tin Tức)"
        }
        // Anything else ("T/h", "Tổng hợp từ ATP & Telegraph", a place) is a note: dropped from the name.
    }

    private mutating func setSource(_ text: String, outlets: Outlets) {
        guard source == nil, !text.isEmpty else { return }
        source = outlets.outlet(named: text)?.name ?? text
    }

    /// Notes about the work written after the name without parentheses: "Hữu Nam Tổng hợp",
    /// "Văn Chương thực hiện", "Lan Quyên tổng hợp".
    static let trailingWorkNotes = ["nguồn tổng hợp", "tổng hợp", "thực hiện", "lược dịch", "biên dịch"]

    /// What follows a label of authorship, "Bài và ảnh:", "Tin, ảnh:", "Tin-ảnh:", "Bài:" (29 of
    /// corpus-dev's signatures), or nil when the text opens with none. Unlike "Ảnh:" alone, these
    /// name the writer.
    static func droppingAuthorshipLabel(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 12 else { return nil }
        let label = text[..<colon].lowercased().filter { $0.isLetter }
        guard ["bài", "tin", "bàivàảnh", "tinvàảnh", "bàiảnh", "tinảnh"].contains(label) else { return nil }
        let rest = LegacyTextParser.trim(text[text.index(after: colon)...])
        return rest.isEmpty ? nil : rest
    }

    /// The name before a trailing note about the work, or nil when there is none.
    static func droppingWorkNote(_ text: String) -> String? {
        let trimmed = text.trimmingTrailing(".")
        let lower = trimmed.lowercased()
        for note in trailingWorkNotes where lower.hasSuffix(" " + note) {
            let name = LegacyTextParser.trim(trimmed.dropLast(note.count))
            return name.isEmpty ? nil : name
        }
        return nil
    }

    /// A signature whose words the scrape glued together, as the old pages set them in separate
    /// elements: "T.TúTổng hợp", "Hiếu LươngThể thao & Văn hóa", "Duy AnTheo Billboard". A space
    /// goes before a capital that follows a lowercase letter (or ")") only when what starts there
    /// is "Theo", a note about the work, a credit or a known outlet, so that "ThS.", "VnEconomy"
    /// or "LyLy" stay as written.
    static func unglued(_ signature: String, outlets: Outlets = .vietnamese) -> String {
        let scalars = Array(signature.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if index > 0, scalar.properties.isUppercase, scalars[index - 1].properties.isLowercase || scalars[index - 1] == ")" {
                var rest = String.UnicodeScalarView()
                rest.append(contentsOf: scalars[index...])
                if startsAnotherPart(String(rest), outlets: outlets) { out.append(" ") }
            }
            out.append(scalar)
        }
        return String(out)
    }

    private static func startsAnotherPart(_ rest: String, outlets: Outlets) -> Bool {
        let lower = rest.lowercased()
        if lower.hasPrefix("theo ") || trailingWorkNotes.contains(where: { lower.hasPrefix($0) }) { return true }
        if credits.contains(where: { lower.hasPrefix($0 + ":") || lower.hasPrefix($0 + " ") }) { return true }
        let words = rest.split(separator: " ")
        return (1...min(5, words.count)).contains { outlets.outlet(named: words[..<$0].joined(separator: " ")) != nil }
    }

    /// "Việt Dương - Dũng Minh Việt Dương - Dũng Minh": a signature the scrape wrote twice, once.
    static func undoubled(_ signature: String) -> String {
        let words = signature.split(separator: " ")
        guard words.count >= 2, words.count.isMultiple(of: 2), Array(words[..<(words.count / 2)]) == Array(words[(words.count / 2)...]) else {
            return signature
        }
        return words[..<(words.count / 2)].joined(separator: " ")
    }

    /// One spelling per person: "Anh Quốc  Anh Quốc" signed twice, or in two cases.
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for name in names {
            // The same name twice in a row, glued by the scrape.
            let single = undoubled(name.split(separator: " ").joined(separator: " "))
            if !single.isEmpty, seen.insert(VietnameseText.key(single)).inserted { out.append(single) }
        }
        return out
    }
}

extension String {
    func trimmingTrailing(_ characters: String) -> String {
        var text = self
        while let last = text.last, characters.contains(last) { text.removeLast() }
        return LegacyTextParser.trim(text[...])
    }
}

import Foundation

/// One article scraped from the old CMS as plain text.
public struct LegacyArticle: Equatable, Sendable {
    public var title: String
    public var views: Int?            // from "Lượt xem: 2198" or "Lượt xem: 2.198" (also 2,198) → 2198
    public var viewsLine: Int?        // 1-based line of that field
    public var author: String?        // signature, trimmed (incl. trailing U+00A0)
    public var authorLine: Int?
    public var paragraphs: [String]   // body paragraphs in order, trimmed, without caption / author / "Tin khác" block
    public var textDate: TextDate?    // a date found in the text
}

/// A date read from the article text, with the words it came from so an editor can check it.
public struct TextDate: Equatable, Sendable {
    public var year: Int, month: Int, day: Int
    public var excerpt: String        // the words it came from, short, e.g. "Sáng ngày 1/8 … năm 2023"
    public var line: Int
}

/// Parser of the legacy plain-text format: title line, optional "Lượt xem: N", body paragraphs
/// separated by blank lines, photo captions, a signature, then the site's "Tin khác" block.
/// Every rule is a single pass over lines or words: this runs on 100,000 files.
public enum LegacyTextParser {
    /// `path` is only used in errors.
    public static func parse(_ text: String, path: String) throws -> LegacyArticle {
        let lines = splitLines(text.precomposedStringWithCanonicalMapping)
        var views: Int?, viewsLine: Int?, title: String?, body: [BodyLine] = []
        for (index, line) in lines.enumerated() {
            // The view counter sits next to the title, before or after it.
            if index < 3, viewsLine == nil, let count = viewCount(line) {
                (views, viewsLine) = (count, index + 1)
            } else if title == nil {
                if !line.isEmpty { title = line }   // tolerate blank lines before the title
            } else if clean(line).lowercased() == "tin khác" {
                break                               // site chrome: related headlines follow
            } else if line.hasSuffix("Tin khác") {  // "Xuân Kha Tin khác": chrome glued to the last line
                body.append(BodyLine(number: index + 1, text: trim(line.dropLast(8))))
                break
            } else {
                body.append(BodyLine(number: index + 1, text: line))
            }
        }
        guard let title else {
            let message = lines.allSatisfy(\.isEmpty) ? "empty file" : "no title line"
            throw SourceError(path: path, line: 1, message: message)
        }

        // Captions repeat the title under a photo; blank them so they still separate paragraphs.
        let titleWords = captionWords(title, limit: .max)
        for i in body.indices where isCaption(body[i].text, titleWords: titleWords) { body[i].text = "" }

        var author: String?, authorLine: Int?
        if let last = body.lastIndex(where: { !$0.text.isEmpty }), isNameLike(body[last].text) {
            // A name on its own line, unless it is just the wrapped end of a sentence.
            let previous = body[..<last].last?.text ?? ""
            if previous.isEmpty || endsSentence(previous) {
                (author, authorLine) = (body[last].text, body[last].number)
                body[last].text = ""
            }
        }

        var groups = paragraphGroups(body)
        var paragraphs = groups.map { $0.map(\.text).joined(separator: " ") }
        if author == nil, let last = paragraphs.last, let (rest, name) = splitGluedAuthor(last) {
            (author, authorLine) = (name, groups[groups.count - 1].last?.number)
            paragraphs[paragraphs.count - 1] = rest
            groups[groups.count - 1][groups[groups.count - 1].count - 1].text = rest  // keep the date scan off the name
        }
        return LegacyArticle(title: title, views: views, viewsLine: viewsLine, author: author,
                             authorLine: authorLine, paragraphs: paragraphs, textDate: textDate(groups))
    }

    /// Date from a file name or folder path: "2023/08/…", "2023-08-01-slug.txt", "20230801-…"; nil when none.
    /// Returns (year, month, day?) — day nil when only a year/month folder.
    public static func pathDate(_ relativePath: String) -> (year: Int, month: Int, day: Int?)? {
        let parts = relativePath.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        // A dated name ("2023-08-01-slug.txt", "20230801-slug.txt", a "2023-08-01" folder) is the most precise.
        for part in parts.reversed() {
            if let date = leadingDate(part) { return date }
        }
        // Otherwise "yyyy/mm(/dd)/" folders; the last component is the file itself.
        let folders = Array(relativePath.hasSuffix("/") ? parts : parts.dropLast())
        for i in folders.indices.dropLast() {
            guard let y = number(folders[i], digits: 4...4), let m = number(folders[i + 1], digits: 1...2),
                  isValid(y, m, 1) else { continue }
            if i + 2 < folders.count, let d = number(folders[i + 2], digits: 1...2), isValid(y, m, d) {
                return (y, m, d)
            }
            return (y, m, nil)
        }
        return nil
    }

    // MARK: - Lines

    /// A body line: its 1-based number in the file and its trimmed text ("" when blank or dropped).
    struct BodyLine { var number: Int; var text: String }

    /// LF, CRLF (one Character in Swift) and lone CR; other Unicode separators stay in the text
    /// so our line numbers match the editor's. A BOM is trimmed like any blank character.
    private static func splitLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { trim($0) }
    }

    /// The scraper left NBSP, narrow NBSP, figure space and BOM where the CMS had empty paragraphs.
    static func isSpace(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0 == "\u{FEFF}" || $0 == "\u{200B}" }
    }

    static func trim<S: StringProtocol>(_ s: S) -> String {
        guard let first = s.firstIndex(where: { !isSpace($0) }),
              let last = s.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(s[first...last])
    }

    /// Runs of non-blank lines; a blank line ends a paragraph. So does a long line (over 80
    /// characters, wider than any hard wrap) that ends a sentence: the real files keep each
    /// paragraph on one line and often put the lead on line 2 with the body right under it.
    private static func paragraphGroups(_ body: [BodyLine]) -> [[BodyLine]] {
        var groups: [[BodyLine]] = [], current: [BodyLine] = []
        for line in body {
            let text = line.text
            if !text.isEmpty { current.append(line) }
            let long = text.index(text.startIndex, offsetBy: 80, limitedBy: text.endIndex) != nil
            if (text.isEmpty || long && endsSentence(text)) && !current.isEmpty { groups.append(current); current = [] }
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// "Lượt xem: 2.198" → 2198 (thousands separators ".", ",", spaces); nil for any other line.
    private static func viewCount(_ line: String) -> Int? {
        let lower = line.lowercased()
        guard lower.hasPrefix("lượt xem") else { return nil }
        var digits = ""
        for c in lower.dropFirst(8).drop(while: { $0 == ":" || isSpace($0) }) {
            if c.isASCII, c.isNumber { digits.append(c) } else if !(c == "." || c == "," || isSpace(c)) { return nil }
        }
        return digits.count <= 18 ? Int(digits) : nil
    }

    // MARK: - Captions and signatures

    private static let sentenceEnds: Set<Character> = [".", "!", "?", "…"]

    /// True when `s` ends a sentence, also behind closing quotes: `… sai đường."`, `(DOC)”./.`.
    private static func endsSentence<S: StringProtocol>(_ s: S) -> Bool {
        guard let end = s.lastIndex(where: { !"\"”’»)".contains($0) }) else { return false }
        return sentenceEnds.contains(s[end])
    }

    /// Lowercased words without edge punctuation, at most `limit` of them (a 1 MB line costs nothing).
    private static func captionWords(_ s: String, limit: Int) -> [String] {
        var words: [String] = []
        for word in s.split(whereSeparator: isSpace) {
            if words.count == limit { break }
            let cleaned = clean(word).lowercased()
            if !cleaned.isEmpty { words.append(cleaned) }
        }
        return words
    }

    /// A short line without a final full stop that is the title, starts with it, or starts the title.
    private static func isCaption(_ line: String, titleWords: [String]) -> Bool {
        guard let last = line.last, last != ".", last != "…", !titleWords.isEmpty else { return false }
        let words = captionWords(line, limit: 26)
        guard words.count <= 25, words.count >= min(3, titleWords.count) else { return false }
        let n = min(words.count, titleWords.count)
        return words.prefix(n) == titleWords.prefix(n)
    }

    /// A signature: 1–5 capitalised name words ("Xuân Kha", "P.V", "N.Quyết - V.Duẩn"), optionally
    /// with short "(…)" notes ("(T/h)", "(TTXVN)"); no digits outside them, no final punctuation.
    static func isNameLike(_ s: String) -> Bool {
        guard s.utf8.count <= 120, let last = s.last, !".!?…:;,-–".contains(last) else { return false }
        var names = 0, noteLength = 0, inNote = false
        for word in s.split(whereSeparator: isSpace) {
            if inNote || word.hasPrefix("(") {
                noteLength = inNote ? noteLength + word.count + 1 : word.count
                inNote = !word.hasSuffix(")")
                if noteLength > 50 { return false }
            } else if word == "-" || word == "–" {
                continue                                    // "Thảo Vân - Song Giang"
            } else if let first = word.first, first.isUppercase,
                      !word.contains(where: { $0.isNumber || ":;,!?\"“”()".contains($0) }) {
                names += 1
            } else {
                return false
            }
        }
        return !inNote && (1...5).contains(names)
    }

    /// "… đối thủ. Hòa Lê (T/h)" → ("… đối thủ.", "Hòa Lê (T/h)"): a signature after the last sentence end.
    private static func splitGluedAuthor(_ text: String) -> (String, String)? {
        var i = text.endIndex, steps = 0
        while i > text.startIndex, steps < 160 {          // signatures are short: look at the tail only
            i = text.index(before: i); steps += 1
            guard isSpace(text[i]), endsSentence(text[..<i]), !endsWithTitle(text[..<i]) else { continue }
            let name = trim(text[text.index(after: i)...]), rest = trim(text[..<i])
            return isNameLike(name) && !rest.isEmpty ? (rest, name) : nil
        }
        return nil
    }

    /// "GS. TS. Phạm Xuân Sinh", "làm rõ. N. Huyền": the full stop of a title or of an initial
    /// (after a sentence end, unlike "25 độ C. Hà Anh") is no sentence end.
    private static func endsWithTitle(_ s: Substring) -> Bool {
        let start = s.lastIndex(where: isSpace).map { s.index(after: $0) } ?? s.startIndex
        let word = s[start...].filter { $0 != "." }
        if word.count == 1, word.first?.isUppercase == true {
            return s[..<start].lastIndex(where: { !isSpace($0) }).map { endsSentence(s[...$0]) } ?? false
        }
        return ["GS", "PGS", "TS", "THS", "BS", "KS", "LS", "GSTS", "PGSTS", "TSBS", "THSBS"].contains(word.uppercased())
    }

    // MARK: - Dates

    private typealias Word = (text: String, line: Int)
    private static let timesOfDay: Set<String> = ["sáng", "trưa", "chiều", "tối", "đêm", "khuya"]

    /// In order: a full date in the lead; the lead's "ngày d/m" with a "năm yyyy" from the lead
    /// (after it, else before) or the next two paragraphs, so a later "17/7/2023" does not win over
    /// it; else a full date later on. Words are scanned once per paragraph.
    private static func textDate(_ groups: [[BodyLine]]) -> TextDate? {
        guard !groups.isEmpty else { return nil }
        let lead = words(groups[0])
        if let date = firstFullDate(lead) { return date }
        let leadYears = lead.indices.compactMap { i in yearAt(lead, i).map { (index: i, year: $0) } }
        lazy var laterYear = groups.dropFirst().prefix(2).lazy.map(words).compactMap { ws in
            ws.indices.lazy.compactMap { yearAt(ws, $0) }.first
        }.first
        var next = 0
        for i in lead.indices where clean(lead[i].text).lowercased() == "ngày" && !isBirth(lead, i) {
            while next < leadYears.count, leadYears[next].index < i { next += 1 }
            guard let (d, m, end) = dayMonth(lead, at: i) else { continue }
            let year = next < leadYears.count ? leadYears[next].year : leadYears.first?.year
            guard let y = year ?? laterYear, isValid(y, m, d) else { continue }
            let excerpt = excerptWords(lead, from: i, to: end - 1) + " … năm \(y)"
            return TextDate(year: y, month: m, day: d, excerpt: excerpt, line: lead[i + 1].line)
        }
        for group in groups.dropFirst() {
            if let date = firstFullDate(words(group)) { return date }
        }
        return nil
    }

    private static func words(_ group: [BodyLine]) -> [Word] {
        group.flatMap { line in line.text.split(whereSeparator: isSpace).map { (text: String($0), line: line.number) } }
    }

    /// "17/7/2023", "17-7-2023", "17.7.2023" or "ngày 17 tháng 7 năm 2023", valid dates only.
    private static func firstFullDate(_ ws: [Word]) -> TextDate? {
        for i in ws.indices where !isBirth(ws, i) {
            let token = clean(ws[i].text)
            for sep in ["/", "-", "."] as [Character] {
                let parts = token.split(separator: sep, omittingEmptySubsequences: false)
                if parts.count == 3, let d = number(parts[0], digits: 1...2), let m = number(parts[1], digits: 1...2),
                   let y = number(parts[2], digits: 4...4), isValid(y, m, d) {
                    return TextDate(year: y, month: m, day: d, excerpt: excerptWords(ws, from: i, to: i), line: ws[i].line)
                }
            }
            if token.lowercased() == "ngày", let (d, m, end) = dayMonth(ws, at: i), let y = yearAt(ws, end), isValid(y, m, d) {
                return TextDate(year: y, month: m, day: d, excerpt: excerptWords(ws, from: i, to: end + 1), line: ws[i + 1].line)
            }
        }
        return nil
    }

    /// After the word "ngày" at `i`: "d/m", "d-m" or "d tháng m" → (day, month, index after them).
    private static func dayMonth(_ ws: [Word], at i: Int) -> (Int, Int, Int)? {
        guard i + 1 < ws.count else { return nil }
        let next = clean(ws[i + 1].text)
        for sep in ["/", "-"] as [Character] {
            let parts = next.split(separator: sep, omittingEmptySubsequences: false)
            if parts.count == 2, let d = number(parts[0], digits: 1...2), let m = number(parts[1], digits: 1...2),
               (1...31).contains(d), (1...12).contains(m) { return (d, m, i + 2) }
        }
        guard i + 3 < ws.count, let d = number(next, digits: 1...2), clean(ws[i + 2].text).lowercased() == "tháng",
              let m = number(clean(ws[i + 3].text), digits: 1...2), (1...31).contains(d), (1...12).contains(m) else { return nil }
        return (d, m, i + 4)
    }

    /// The year of "năm yyyy" starting at `i`, unless it is a birth year.
    private static func yearAt(_ ws: [Word], _ i: Int) -> Int? {
        guard i + 1 < ws.count, clean(ws[i].text).lowercased() == "năm", !isBirth(ws, i),
              let y = number(clean(ws[i + 1].text), digits: 4...4), (1990...2100).contains(y) else { return nil }
        return y
    }

    /// Birth dates and years ("sinh ngày 2/10/2000", "sinh năm 1990") say nothing about the article.
    private static func isBirth(_ ws: [Word], _ i: Int) -> Bool {
        var j = i - 1
        if j >= 0, clean(ws[j].text).lowercased() == "ngày" { j -= 1 }
        return j >= 0 && clean(ws[j].text).lowercased() == "sinh"
    }

    /// The date words, with a preceding "ngày" and time of day: "Sáng ngày 1/8".
    private static func excerptWords(_ ws: [Word], from: Int, to: Int) -> String {
        var start = from
        if start > 0, from == to, clean(ws[start - 1].text).lowercased() == "ngày" { start -= 1 }
        if start > 0, timesOfDay.contains(clean(ws[start - 1].text).lowercased()) { start -= 1 }
        return ws[start...to].map { clean($0.text) }.joined(separator: " ")
    }

    /// A word without surrounding punctuation: "(ngày" → "ngày", "1/8," → "1/8", "2023." → "2023".
    private static func clean<S: StringProtocol>(_ word: S) -> Substring {
        let edge: (Character) -> Bool = { "()[]{}\"“”‘’'«»,.;:!?…".contains($0) }
        let sub = Substring(word)
        guard let first = sub.firstIndex(where: { !edge($0) }), let last = sub.lastIndex(where: { !edge($0) }) else { return "" }
        return sub[first...last]
    }

    /// An ASCII number of `digits` length (Unicode digits like "٣" are not dates).
    private static func number<S: StringProtocol>(_ s: S, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    private static func isValid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1990...2100).contains(y), (1...12).contains(m), d >= 1 else { return false }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }

    /// "2023-08-01-slug", "20230801-slug", "2023-08" at the start of a path component.
    private static func leadingDate(_ part: Substring) -> (year: Int, month: Int, day: Int?)? {
        let runs = part.split(omittingEmptySubsequences: false, whereSeparator: { !($0.isASCII && $0.isNumber) })
        let seps = part.filter { !($0.isASCII && $0.isNumber) }
        if runs[0].count == 8, let y = Int(runs[0].prefix(4)), let m = Int(runs[0].dropFirst(4).prefix(2)),
           let d = Int(runs[0].suffix(2)), isValid(y, m, d) { return (y, m, d) }
        guard runs.count >= 2, let y = number(runs[0], digits: 4...4), seps.first == "-" || seps.first == "_",
              let m = number(runs[1], digits: 1...2), isValid(y, m, 1) else { return nil }
        if runs.count >= 3, seps.dropFirst().first == seps.first, let d = number(runs[2], digits: 1...2) {
            return isValid(y, m, d) ? (y, m, d) : nil
        }
        return (y, m, nil)
    }
}

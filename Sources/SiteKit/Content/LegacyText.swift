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
    /// Indices of `paragraphs` that are photo captions with their credit ("… Ảnh: EPA/TTXVN").
    public var captions: Set<Int> = []
}


/// Parser of the old CMS's plain text: a title line, an optional "Lượt xem: N", paragraphs, photo
/// captions, a signature, then the site's "Tin khác" block. It runs on 100,000 files, so each rule
/// is one pass over lines or words, on Unicode scalars rather than (much slower) Characters.
public enum LegacyTextParser {
    /// `path` is only used in errors.
    public static func parse(_ text: String, path: String) throws -> LegacyArticle {
        let lines = splitLines(isSurelyNFC(text) ? text : text.precomposedStringWithCanonicalMapping)
        var views: Int?, viewsLine: Int?, title: String?, body: [BodyLine] = []
        for (index, line) in lines.enumerated() {
            if index < 3, viewsLine == nil, let count = viewCount(line) {   // next to the title, either side
                (views, viewsLine) = (count, index + 1)
            } else if title == nil {
                if !line.isEmpty { title = line }                            // tolerate blank lines before it
            } else if line.utf8.count < 16, clean(line[...]).lowercased() == "tin khác" {
                break                                                        // site chrome: headlines follow
            } else if line.hasSuffix("Tin khác") {                           // glued: "Mai Lan Tin khác"
                body.append(BodyLine(number: index + 1, text: trim(line.dropLast(8))))
                break
            } else {
                body.append(BodyLine(number: index + 1, text: line))
            }
        }
        guard let title else {
            throw SourceError(path: path, line: 1, message: lines.allSatisfy(\.isEmpty) ? "empty file" : "no title line")
        }
        // Captions repeat the title under a photo; blank them so they still separate paragraphs.
        let titleWords = keys(title)
        for i in body.indices where isCaption(body[i].text, titleWords: titleWords) { body[i].text = "" }

        // "… được tiếp tục./. Xem thêm:": the label of related links the scrape dropped.
        if let last = body.lastIndex(where: { !$0.text.isEmpty }) { body[last].text = droppingSeeMore(body[last].text) }
        // "… Phúc Vũ - Thể thao Việt Nam | 19:55 06/02/2017": the page's publishing time after the signature.
        var stamped: TextDate?
        if let last = body.lastIndex(where: { !$0.text.isEmpty }), let (rest, date) = LegacyTimeStamp.split(body[last].text, line: body[last].number) {
            (body[last].text, stamped) = (rest, date)
        }
        var author: String?, authorLine: Int?
        if let last = body.lastIndex(where: { !$0.text.isEmpty }), isSignature(body[last].text) {
            let previous = body[..<last].last?.text ?? ""          // not the wrapped end of a sentence
            if previous.isEmpty || endsSentence(previous[...]) {
                (author, authorLine) = (body[last].text, body[last].number)
                body[last].text = ""
            }
        }
        var groups = paragraphGroups(body)
        // Else a name glued to the end of the last line: "… đối thủ. Hòa Lê (T/h)".
        if author == nil, let g = groups.indices.last, let (rest, name) = splitGluedAuthor(groups[g][groups[g].count - 1].text) {
            (author, authorLine) = (name, groups[g][groups[g].count - 1].number)
            groups[g][groups[g].count - 1].text = rest
        }
        let paragraphs = LegacyBody.paragraphs(groups.map { $0.map(\.text).joined(separator: " ") })
        return LegacyArticle(title: title, views: views, viewsLine: viewsLine, author: author, authorLine: authorLine,
                             paragraphs: paragraphs.map(\.text), textDate: stamped ?? LegacyDates.find(in: groups),
                             captions: Set(paragraphs.indices.filter { paragraphs[$0].isCaption }))
    }

    /// Date from a file name or folder path: "2023/08/…", "2023-08-01-slug.txt", "20230801-…"; nil when none.
    /// Returns (year, month, day?) — day nil when only a year/month folder.
    public static func pathDate(_ relativePath: String) -> (year: Int, month: Int, day: Int?)? {
        let parts = relativePath.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        // A dated name ("2023-08-01-slug.txt", a "2023-08-01" folder) is the most precise.
        for part in parts.reversed() {
            if let date = leadingDate(part) { return date }
        }
        // Else "yyyy/mm(/dd)/" folders; the last component is the file itself.
        let folders = Array(relativePath.hasSuffix("/") ? parts : parts.dropLast())
        for i in folders.indices.dropLast() {
            guard let y = number(folders[i], digits: 4...4), let m = number(folders[i + 1], digits: 1...2), isValid(y, m, 1) else { continue }
            let day = i + 2 < folders.count ? number(folders[i + 2], digits: 1...2) : nil
            return (y, m, day.flatMap { isValid(y, m, $0) ? $0 : nil })
        }
        return nil
    }

    /// A body line: its 1-based number in the file and its trimmed text ("" when blank or dropped).
    struct BodyLine { var number: Int; var text: String }

    static let closers = Set("\"”’»)".unicodeScalars), sentenceEnds = Set(".!?…".unicodeScalars)
    /// Punctuation trimmed off a word's ends. A switch, not a Set: it is asked twice for every
    /// word of every body, and hashing each scalar was a tenth of finding the dates.
    static func isEdgePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "(", ")", "[", "]", "{", "}", "\"", "“", "”", "‘", "’", "'", "«", "»", ",", ".", ";", ":", "!", "?", "…": return true
        default: return false
        }
    }
    static let timesOfDay: Set = ["sáng", "trưa", "chiều", "tối", "đêm", "khuya"]

    /// Latin, Vietnamese letters and general punctuation are stable under NFC: skip Foundation's
    /// costly normalisation unless the file holds combining marks or other scripts.
    private static func isSurelyNFC(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) || (0x2010...0x206F).contains($0.value) }
    }

    /// LF, CRLF and lone CR, found in the UTF-8 bytes; other Unicode separators stay in the text
    /// so our line numbers match the editor's.
    private static func splitLines(_ text: String) -> [String] {
        let bytes = text.utf8
        var lines: [String] = [], start = bytes.startIndex, i = start
        while i < bytes.endIndex {
            let byte = bytes[i]
            i = bytes.index(after: i)
            guard byte == 10 || byte == 13 else { continue }
            lines.append(trim(text[start..<bytes.index(before: i)]))
            if byte == 13, i < bytes.endIndex, bytes[i] == 10 { i = bytes.index(after: i) }
            start = i
        }
        return lines + [trim(text[start...])]
    }

    /// The Unicode White_Space list (incl. NBSP U+00A0, U+202F, U+2007, left where the CMS had empty
    /// paragraphs), zero-width space and BOM; spelled out, as a property lookup is slow.
    static func isBlank(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    static func trim(_ s: Substring) -> String {
        let u = s.unicodeScalars
        guard let first = u.firstIndex(where: { !isBlank($0) }), let last = u.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(u[first...last])
    }

    static func splitWords(_ s: Substring) -> [Substring] {
        s.unicodeScalars.split(whereSeparator: isBlank).map(Substring.init)
    }

    /// Runs of non-blank lines; a blank line ends a paragraph. So does a long line (over 80
    /// characters, wider than any hard wrap) that ends a sentence: the real files keep each
    /// paragraph on one line, and often put the lead on line 2 with the body right under it.
    private static func paragraphGroups(_ body: [BodyLine]) -> [[BodyLine]] {
        var groups: [[BodyLine]] = [], current: [BodyLine] = []
        for line in body {
            if !line.text.isEmpty { current.append(line) }
            let ends = line.text.isEmpty || line.text.unicodeScalars.count > 80 && endsSentence(line.text[...])
            if ends, !current.isEmpty { groups.append(current); current = [] }
        }
        return current.isEmpty ? groups : groups + [current]
    }

    /// "Lượt xem: 2.198" → 2198 (thousands separators ".", ",", spaces); nil for any other line.
    private static func viewCount(_ line: String) -> Int? {
        guard line.prefix(8).lowercased() == "lượt xem" else { return nil }
        var digits = ""
        for u in line.unicodeScalars.dropFirst(8).drop(while: { $0 == ":" || isBlank($0) }) {
            if ("0"..."9").contains(u) { digits.unicodeScalars.append(u) } else if !(u == "." || u == "," || isBlank(u)) { return nil }
        }
        return digits.count <= 18 ? Int(digits) : nil
    }

    /// True when `s` ends a sentence, also behind closing quotes: `… đã xong."`, `… hợp tác”./.`.
    private static func endsSentence(_ s: Substring) -> Bool {
        let u = s.unicodeScalars
        return u.lastIndex(where: { !closers.contains($0) }).map { sentenceEnds.contains(u[$0]) } ?? false
    }

    /// Lowercased words without edge punctuation, to compare lines with the title.
    private static func keys(_ s: String) -> [String] {
        splitWords(s[...]).map { clean($0).lowercased() }.filter { !$0.isEmpty }
    }

    /// A short line without a final full stop that is the title, starts with it, or starts the title.
    private static func isCaption(_ line: String, titleWords: [String]) -> Bool {
        // 25 words fit in 500 bytes: longer lines are body text, not worth splitting.
        guard line.utf8.count <= 500, !titleWords.isEmpty, let last = line.unicodeScalars.last, last != ".", last != "…" else { return false }
        let words = keys(line), n = min(words.count, titleWords.count)
        return words.count <= 25 && words.count >= min(3, titleWords.count) && words.prefix(n) == titleWords.prefix(n)
    }

    /// A signature: 1–5 capitalised name words ("Mai Lan", "P.V", "T.Lâm - K.Ngân"), optionally
    /// with short "(…)" notes ("(T/h)", "(TTXVN)"); no digits outside them, no final punctuation.
    static func isNameLike(_ s: String) -> Bool {
        guard s.utf8.count <= 120, let last = s.last, !".!?…:;,-–".contains(last) else { return false }
        var names = 0, noteLength = 0, inNote = false
        for word in splitWords(s[...]) {
            if inNote || word.hasPrefix("(") {
                noteLength = inNote ? noteLength + word.count + 1 : word.count
                inNote = !word.hasSuffix(")")
                if noteLength > 50 { return false }
            } else if word.first?.isUppercase == true, !word.contains(where: { $0.isNumber || ":;,!?\"“”()".contains($0) }) {
                names += 1
            } else if word != "-", word != "–" {                    // "Thu Hà - Minh Đức" is fine
                return false
            }
        }
        return !inNote && (1...5).contains(names)
    }

    /// A signature as real files sign: a name (`isNameLike`), or "Theo Trí Thức Trẻ", "(Theo Dân trí)",
    /// "Tri Thu (t/h) Theo Đời sống Plus", "Đông Hùng Thể thao & Văn hóa", "Bấm xem >> Tiến Long".
    static func isSignature(_ raw: String) -> Bool {
        guard raw.utf8.count <= 240 else { return false }          // a paragraph, not a signature (even written twice)
        let s = Byline.unglued(raw).trimmingTrailing(" -–")
        if isNameLike(s) { return true }
        if let people = Byline.droppingAuthorshipLabel(s) { return isSignature(people) }     // "Tin, ảnh: Minh Hà"
        // "Hữu Nam Tổng hợp", "Văn Chương thực hiện": a note about the work after the name.
        if let name = Byline.droppingWorkNote(s), isSignature(name) { return true }
        // "Vinh Quang/VOV–TP HCM Vinh Quang/VOV–TP HCM": signed twice by the scrape.
        let once = Byline.undoubled(s)
        if once != s { return isSignature(once) }
        // "PV/VTC1", "Thiên Hương/VOV5": a name and an outlet's channel.
        if let slash = s.lastIndex(of: "/"), Outlets.vietnamese.outlet(named: trim(s[s.index(after: slash)...])) != nil,
           isNameLike(trim(s[..<slash])) { return true }
        guard s.utf8.count <= 100, !s.contains(where: \.isNumber) else { return false }
        let words = splitWords(s[...]).map(String.init)
        guard (1...10).contains(words.count) else { return false }
        var t = s
        if t.hasPrefix("("), t.hasSuffix(")") { t = String(t.dropFirst().dropLast()) }
        if t.lowercased().hasPrefix("theo "), t.dropFirst(5).first?.isUppercase == true { return true }
        // "Tri Thu (t/h) Theo Đời sống Plus", "Anh Thư theo Phonearena", "Skye, Theo Thời Đại".
        if let theo = t.range(of: " theo ", options: .caseInsensitive), isNameLike(trim(t[..<theo.lowerBound]).trimmingTrailing(",")),
           t[theo.upperBound...].first?.isUppercase == true {
            return true
        }
        if let arrow = t.range(of: ">>") { return isNameLike(trim(t[arrow.upperBound...])) }
        if Outlets.vietnamese.outlet(named: t) != nil { return true }
        for cut in 1..<max(1, words.count) where Outlets.vietnamese.outlet(named: words[cut...].joined(separator: " ")) != nil {
            if isNameLike(words[..<cut].joined(separator: " ").trimmingTrailing(" -–")) { return true }   // "Phương Nam - Thể thao Việt Nam"
        }
        return false
    }

    /// "… đã xong./. Xem thêm:", "Anh Ngọc Xem thêm video:" → without the label; other text as it is.
    static func droppingSeeMore(_ text: String) -> String {
        var rest = text.trimmingTrailing(":>» ")
        for word in [" video", " clip", " ảnh", " tin"] where endsInLowercase(rest, word) {
            rest = String(rest.dropLast(word.count))
        }
        guard endsInLowercase(rest, "xem thêm") else { return text }
        rest = String(rest.dropLast("xem thêm".count))
        if endsInLowercase(rest, "mời ") { rest = String(rest.dropLast(4)) }
        return trim(rest[...])
    }

    /// `text.lowercased().hasSuffix(word)`, lowercasing only the tail: the last paragraph of a
    /// scraped body is often the whole body, and lowercasing it five times was 13 % of a clean
    /// build of corpus-dev's 5,062 legacy files.
    static func endsInLowercase(_ text: String, _ word: String) -> Bool {
        text.suffix(word.count + 1).lowercased().hasSuffix(word)
    }

    /// "… đối thủ. Hòa Lê (T/h)" → ("… đối thủ.", "Hòa Lê (T/h)"): a signature after the last sentence end.
    private static func splitGluedAuthor(_ text: String) -> (String, String)? {
        let u = text.unicodeScalars
        var i = u.endIndex, steps = 0
        while i > u.startIndex, steps < 160 {                        // signatures are short: read the tail only
            i = u.index(before: i); steps += 1
            let head = Substring(u[..<i])
            guard isBlank(u[i]), endsSentence(head), !endsWithAbbreviation(head) else { continue }
            let name = trim(Substring(u[i...])), rest = trim(head)
            return isSignature(name) && !rest.isEmpty ? (rest, name) : nil
        }
        return nil
    }

    /// "GS. TS. Đỗ Minh Quang", "xác minh. N. Thảo": the full stop of a title or of an initial
    /// (after a sentence end, unlike "38 độ C. Lê Vân") is no sentence end.
    private static func endsWithAbbreviation(_ s: Substring) -> Bool {
        let u = s.unicodeScalars
        let start = u.lastIndex(where: isBlank).map { u.index(after: $0) } ?? u.startIndex
        let word = String(u[start...].filter { $0 != "." })
        if word.count == 1, word.first?.isUppercase == true {
            return u[..<start].lastIndex(where: { !isBlank($0) }).map { endsSentence(Substring(u[...$0])) } ?? false
        }
        return ["GS", "PGS", "TS", "THS", "BS", "KS", "LS", "GSTS", "PGSTS", "TSBS", "THSBS"].contains(word.uppercased())
    }

    /// "17/7/2023" → ["17", "7", "2023"]: a word starting with a digit, split on the first separator it holds.
    static func fields(_ word: Substring, _ separators: String) -> [Substring] {
        guard let first = word.utf8.first, (48...57).contains(first), let sep = separators.first(where: word.contains) else { return [word] }
        return word.split(separator: sep, omittingEmptySubsequences: false)
    }

    /// A word without surrounding punctuation: "(ngày" → "ngày", "1/8," → "1/8", "2023." → "2023".
    static func clean(_ word: Substring) -> Substring {
        let u = word.unicodeScalars
        guard let first = u.firstIndex(where: { !isEdgePunctuation($0) }),
              let last = u.lastIndex(where: { !isEdgePunctuation($0) }) else { return "" }
        return Substring(u[first...last])
    }

    /// An ASCII number of `digits` length (Unicode digits like "٣" are not dates).
    static func number(_ s: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(s.utf8.count), s.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(s)
    }

    static func isValid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1990...2100).contains(y), (1...12).contains(m), d >= 1 else { return false }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    /// "2023-08-01-slug", "2023_08_01", "20230801-slug", "2023-08" at the start of a path component.
    private static func leadingDate(_ part: Substring) -> (year: Int, month: Int, day: Int?)? {
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        let runs = part.split(omittingEmptySubsequences: false, whereSeparator: { !isDigit($0) })
        let seps = part.filter { !isDigit($0) }
        if runs[0].count == 8, let y = Int(runs[0].prefix(4)), let m = Int(runs[0].dropFirst(4).prefix(2)),
           let d = Int(runs[0].suffix(2)), isValid(y, m, d) { return (y, m, d) }
        guard runs.count >= 2, let y = number(runs[0], digits: 4...4), seps.first == "-" || seps.first == "_",
              let m = number(runs[1], digits: 1...2), isValid(y, m, 1) else { return nil }
        guard runs.count >= 3, seps.dropFirst().first == seps.first, let d = number(runs[2], digits: 1...2) else { return (y, m, nil) }
        return isValid(y, m, d) ? (y, m, d) : nil
    }
}

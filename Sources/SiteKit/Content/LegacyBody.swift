/// The body of a scraped article as readable paragraphs. The real files hold the whole body on
/// one line (median longest paragraph 1,950 characters on 5,062 of them), with photo captions and
/// their credits inline ("… ngày 1/7. Ảnh: EPA/TTXVN Đây là …") and the lead often repeated.
enum LegacyBody {
    /// A paragraph, and whether it is a photo caption (rendered as such, out of the text flow).
    struct Paragraph: Equatable { var text: String; var isCaption: Bool }

    /// A paragraph longer than this is split at sentence ends…
    static let longParagraph = 700
    /// …into paragraphs of at least this many characters (three or four sentences).
    static let targetLength = 320
    /// Words that end with a full stop without ending a sentence ("TP. HCM", "GS. TS. Lê").
    static let abbreviations: Set = ["tp", "q", "p", "tt", "ts", "gs", "pgs", "ths", "bs", "ks", "ls", "mr", "mrs", "ms", "dr",
                                     "st", "nxb", "tx", "h", "x", "đ", "th.s", "tr", "no", "vs", "ô", "bà", "ttg", "ubnd"]

    static func paragraphs(_ texts: [String]) -> [Paragraph] {
        var out: [Paragraph] = []
        for (index, text) in texts.enumerated() {
            var text = text
            // The lead, then the body starting with the lead again: shown once.
            if index == 1, let lead = texts.first, lead.count > 40, text.hasPrefix(lead) {
                text = LegacyTextParser.trim(text.dropFirst(lead.count))
                if text.isEmpty { continue }
            }
            let letters = Letters(text), ends = sentenceEnds(letters)
            let pieces = captionsApart(letters, ends: ends)
            for piece in pieces {
                // No caption in it (most paragraphs; the one piece is the whole text, as long):
                // its letters and sentence ends serve the split as well.
                let whole = pieces.count == 1 && piece.text.utf8.count == text.utf8.count
                if piece.isCaption || (whole ? letters.count : piece.text.count) <= longParagraph {
                    out.append(piece)
                } else {
                    out += (whole ? split(letters, ends: ends) : split(piece.text)).map { Paragraph(text: $0, isCaption: false) }
                }
            }
        }
        return out
    }

    // MARK: Sentences

    /// Offsets (in Characters) just after each sentence end of `text`: a ".", "!", "?" or "…" (behind
    /// closing quotes) followed by a space and an upper-case letter or an opening quote, outside
    /// quotations, and not after an abbreviation or an initial.
    static func sentenceEnds(_ chars: [Character]) -> [Int] {
        sentenceEnds(Letters(chars))
    }

    static func sentenceEnds(_ text: Letters) -> [Int] {
        var ends: [Int] = []
        var inQuote = false, quoteStart = 0, straight = false
        var i = 0
        while i < text.count {
            if text.matches(i, "“") { inQuote = true; quoteStart = i } else if text.matches(i, "”") { inQuote = false } else if text.matches(i, "\"") {
                straight.toggle(); inQuote = straight; quoteStart = i
            }
            if inQuote, i - quoteStart > 600 { inQuote = false; straight = false }   // an unclosed quote
            if text.endsSentence(i), !inQuote || text.endsSentence(max(0, i - 1)) {
                var j = i + 1
                while j < text.count, text.closes(j) { if text.matches(j, "”") || text.matches(j, "\"") { inQuote = false; straight = false }; j += 1 }
                if j + 1 < text.count, text.matches(j, " "), startsSentence(text.chars[j + 1]), !inQuote, !isAbbreviation(text, before: i) {
                    ends.append(j)
                }
                i = j
                continue
            }
            i += 1
        }
        return ends
    }

    static func startsSentence(_ c: Character) -> Bool {
        c.isUppercase || c == "“" || c == "\"" || c == "("
    }

    /// The word before the full stop at `i` is an abbreviation ("TP."), an initial ("N."), or
    /// holds full stops of its own ("P.V.").
    static func isAbbreviation(_ text: Letters, before i: Int) -> Bool {
        let chars = text.chars
        guard chars[i] == "." else { return false }
        var start = i
        while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
        let word = text.string(start..<i).trimmingCharacters(in: .init(charactersIn: "(\"“"))
        if word.isEmpty { return false }
        if word.count == 1, word.first!.isLetter { return true }
        if word.contains("."), word.count <= 6 { return true }
        return abbreviations.contains(word.lowercased())
    }

    /// Paragraphs of `targetLength` and more, cut at sentence ends.
    static func split(_ text: String) -> [String] {
        let letters = Letters(text)
        return split(letters, ends: sentenceEnds(letters))
    }

    /// The same, for a text whose letters and sentence ends are known.
    static func split(_ letters: Letters, ends: [Int]) -> [String] {
        let chars = letters.chars
        var pieces: [String] = [], start = 0
        for end in ends where end - start >= targetLength && chars.count - end >= targetLength / 3 {
            pieces.append(LegacyTextParser.trim(letters.text(start..<end)))
            start = end
        }
        pieces.append(LegacyTextParser.trim(letters.text(start..<chars.count)))
        return pieces.filter { !$0.isEmpty }
    }

    // MARK: Captions

    static let creditWords = ["ảnh", "nguồn", "ảnh minh họa", "nguồn ảnh", "video", "clip"]

    /// "… phát biểu. Ảnh: EPA/TTXVN Đây là …" → the text before, the caption "… phát biểu. Ảnh:
    /// EPA/TTXVN" as a paragraph of its own, the text after. The caption is the sentence the credit
    /// ends; the credit ends at its ")" or where a new sentence starts ("Đây là").
    static func captionsApart(_ text: String) -> [Paragraph] {
        let letters = Letters(text)
        return captionsApart(letters, ends: sentenceEnds(letters))
    }

    /// The same, for a text whose letters and sentence ends (`sentenceEnds`) are known.
    static func captionsApart(_ letters: Letters, ends: [Int]) -> [Paragraph] {
        let chars = letters.chars
        var out: [Paragraph] = [], from = 0
        var ends = ends
        var i = 0
        while i < chars.count {
            guard let (creditStart, creditEnd) = credit(letters, at: i) else { i += 1; continue }
            // The caption starts after the last sentence end before the credit (not the one just before it).
            let captionStart = ends.last(where: { $0 >= from && $0 < creditStart - 2 }) ?? from
            if captionStart > from {
                out.append(Paragraph(text: LegacyTextParser.trim(letters.text(from..<captionStart)), isCaption: false))
            }
            let caption = LegacyTextParser.trim(letters.text(captionStart..<creditEnd))
            if !caption.isEmpty { out.append(Paragraph(text: caption, isCaption: true)) }
            from = creditEnd
            ends.removeAll { $0 < from }
            i = creditEnd
        }
        let rest = LegacyTextParser.trim(letters.text(from..<chars.count))
        if !rest.isEmpty { out.append(Paragraph(text: rest, isCaption: false)) }
        return out.isEmpty ? [Paragraph(text: letters.string(0..<chars.count), isCaption: false)] : out
    }

    /// A credit starting at `i` ("Ảnh: X", "(Ảnh: X)", "(Nguồn: X)"): its start and end offsets.
    static func credit(_ letters: Letters, at i: Int) -> (Int, Int)? {
        let chars = letters.chars
        let open = letters.matches(i, "(")
        let wordStart = open ? i + 1 : i
        guard wordStart < chars.count, letters.matches(wordStart, "Ả") || letters.matches(wordStart, "N") || letters.matches(wordStart, "ả"),
              i == 0 || letters.matches(i - 1, " ") else { return nil }
        var colon = wordStart
        while colon < chars.count, colon - wordStart < 14, chars[colon] != ":" { colon += 1 }
        guard colon < chars.count, chars[colon] == ":" else { return nil }
        let word = letters.string(wordStart..<colon).lowercased().trimmingCharacters(in: .whitespaces)
        guard creditWords.contains(word) else { return nil }
        var end = colon + 1
        if open {
            while end < chars.count, chars[end] != ")", end - colon < 80 { end += 1 }
            guard end < chars.count, chars[end] == ")" else { return nil }
            return (i, end + 1)
        }
        // Credit words: the first always; then capitalised ones, until one that starts a sentence
        // (a capitalised word followed by a lower-case one) or one that ends with a full stop.
        let words = wordRanges(chars, from: end, limit: 8)
        guard let first = words.first else { return nil }
        end = first.upperBound
        if !".)".contains(chars[first.upperBound - 1]) {
            for (k, range) in words.enumerated().dropFirst() {
                let word = chars[range]
                guard let initial = word.first, initial.isUppercase || initial == "/" || initial.isNumber else { break }
                if k + 1 < words.count, chars[words[k + 1]].first?.isLowercase == true { break }
                end = range.upperBound
                if ".)".contains(word.last!) { break }
            }
        }
        return (i, end)
    }

    static func wordRanges(_ chars: [Character], from: Int, limit: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = [], i = from
        while i < chars.count, ranges.count < limit {
            while i < chars.count, chars[i] == " " { i += 1 }
            let start = i
            while i < chars.count, chars[i] != " " { i += 1 }
            if i > start { ranges.append(start..<i) }
        }
        return ranges
    }

    /// A text as Characters (the offsets and lengths above count them), with each Character's
    /// scalar beside it when it is a single one. The scans compare every character with a few
    /// punctuation marks: comparing Characters cost more than the rest of loading such a file.
    /// A run of Characters is cut out of the text itself (`text(_:)`): the same bytes as a String
    /// built Character by Character, which was a third of the time of `captionsApart`.
    struct Letters {
        let chars: [Character]
        /// The scalar value of each Character of one scalar; `several` for a cluster.
        let scalars: [UInt32]
        static let several = UInt32.max
        /// The text, and where each Character starts in it (one more: its end).
        private let source: String
        private let starts: [String.Index]

        init(_ text: String) {
            // Most text is one Character per scalar (ASCII, Vietnamese letters precomposed, the
            // usual punctuation): then the Characters come from the scalars, without finding
            // grapheme boundaries, which was half of cutting corpus-dev's bodies into paragraphs.
            if text.unicodeScalars.allSatisfy(Self.standsAlone) {
                var chars: [Character] = [], starts: [String.Index] = [], scalars: [UInt32] = []
                chars.reserveCapacity(text.utf8.count)
                starts.reserveCapacity(text.utf8.count + 1)
                scalars.reserveCapacity(text.utf8.count)
                let view = text.unicodeScalars
                var index = view.startIndex
                while index < view.endIndex {
                    let scalar = view[index]
                    starts.append(index)
                    chars.append(Character(scalar))
                    scalars.append(scalar.value)
                    index = view.index(after: index)
                }
                starts.append(text.endIndex)
                self.init(chars: chars, source: text, starts: starts, scalars: scalars)
                return
            }
            var chars: [Character] = [], starts: [String.Index] = []
            chars.reserveCapacity(text.utf8.count)
            starts.reserveCapacity(text.utf8.count + 1)
            var index = text.startIndex
            for char in text {
                starts.append(index)
                chars.append(char)
                index = text.utf8.index(index, offsetBy: char.utf8.count)
            }
            starts.append(text.endIndex)
            self.init(chars: chars, source: text, starts: starts)
        }

        init(_ chars: [Character]) { self.init(String(chars)) }

        private init(chars: [Character], source: String, starts: [String.Index], scalars: [UInt32]? = nil) {
            self.chars = chars
            self.source = source
            self.starts = starts
            self.scalars = scalars ?? chars.map { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first!.value : Self.several }
        }

        /// A scalar that is a Character by itself whatever stands beside it: none of these joins
        /// a neighbour into a grapheme cluster (no combining mark, joiner, CR, Hangul, emoji
        /// modifier or regional indicator is among them).
        static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x0A, 0x20...0x7E, 0xA0...0x2FF, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E: return true
            default: return false
            }
        }

        var count: Int { chars.count }

        /// The Characters `range` as they stand in the text.
        func text(_ range: Range<Int>) -> Substring { source[starts[range.lowerBound]..<starts[range.upperBound]] }

        func string(_ range: Range<Int>) -> String { String(text(range)) }

        /// `chars[i] == Character(scalar)`: a cluster of several scalars is compared as a Character
        /// (it can equal one, "A" + U+0309 is "Ả"); a single scalar equals only itself, as no mark
        /// we look for has another single-scalar spelling.
        func matches(_ i: Int, _ scalar: Unicode.Scalar) -> Bool {
            let value = scalars[i]
            return value == scalar.value || (value == Self.several && chars[i] == Character(scalar))
        }

        /// ".", "!", "?" or "…".
        func endsSentence(_ i: Int) -> Bool { self.matches(i, ".") || self.matches(i, "!") || self.matches(i, "?") || self.matches(i, "…") }

        /// A closing quote or bracket after a sentence end.
        func closes(_ i: Int) -> Bool { self.matches(i, "\"") || self.matches(i, "”") || self.matches(i, "’") || self.matches(i, "»") || self.matches(i, ")") }
    }
}

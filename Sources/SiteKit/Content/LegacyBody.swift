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
            for piece in captionsApart(text) {
                if piece.isCaption || piece.text.count <= longParagraph {
                    out.append(piece)
                } else {
                    out += split(piece.text).map { Paragraph(text: $0, isCaption: false) }
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
        var ends: [Int] = []
        var inQuote = false, quoteStart = 0, straight = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "“" { inQuote = true; quoteStart = i } else if c == "”" { inQuote = false } else if c == "\"" {
                straight.toggle(); inQuote = straight; quoteStart = i
            }
            if inQuote, i - quoteStart > 600 { inQuote = false; straight = false }   // an unclosed quote
            if ".!?…".contains(c), !inQuote || ".!?…".contains(chars[max(0, i - 1)]) {
                var j = i + 1
                while j < chars.count, "\"”’»)".contains(chars[j]) { if chars[j] == "”" || chars[j] == "\"" { inQuote = false; straight = false }; j += 1 }
                if j + 1 < chars.count, chars[j] == " ", startsSentence(chars[j + 1]), !inQuote, !isAbbreviation(chars, before: i) {
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
    static func isAbbreviation(_ chars: [Character], before i: Int) -> Bool {
        guard chars[i] == "." else { return false }
        var start = i
        while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
        let word = String(chars[start..<i]).trimmingCharacters(in: .init(charactersIn: "(\"“"))
        if word.isEmpty { return false }
        if word.count == 1, word.first!.isLetter { return true }
        if word.contains("."), word.count <= 6 { return true }
        return abbreviations.contains(word.lowercased())
    }

    /// Paragraphs of `targetLength` and more, cut at sentence ends.
    static func split(_ text: String) -> [String] {
        let chars = Array(text)
        var pieces: [String] = [], start = 0
        for end in sentenceEnds(chars) where end - start >= targetLength && chars.count - end >= targetLength / 3 {
            pieces.append(LegacyTextParser.trim(String(chars[start..<end])[...]))
            start = end
        }
        pieces.append(LegacyTextParser.trim(String(chars[start...])[...]))
        return pieces.filter { !$0.isEmpty }
    }

    // MARK: Captions

    static let creditWords = ["ảnh", "nguồn", "ảnh minh họa", "nguồn ảnh", "video", "clip"]

    /// "… phát biểu. Ảnh: EPA/TTXVN Đây là …" → the text before, the caption "… phát biểu. Ảnh:
    /// EPA/TTXVN" as a paragraph of its own, the text after. The caption is the sentence the credit
    /// ends; the credit ends at its ")" or where a new sentence starts ("Đây là").
    static func captionsApart(_ text: String) -> [Paragraph] {
        let chars = Array(text)
        var out: [Paragraph] = [], from = 0
        var ends = sentenceEnds(chars)
        var i = 0
        while i < chars.count {
            guard let (creditStart, creditEnd) = credit(chars, at: i) else { i += 1; continue }
            // The caption starts after the last sentence end before the credit (not the one just before it).
            let captionStart = ends.last(where: { $0 >= from && $0 < creditStart - 2 }) ?? from
            if captionStart > from {
                out.append(Paragraph(text: LegacyTextParser.trim(String(chars[from..<captionStart])[...]), isCaption: false))
            }
            let caption = LegacyTextParser.trim(String(chars[captionStart..<creditEnd])[...])
            if !caption.isEmpty { out.append(Paragraph(text: caption, isCaption: true)) }
            from = creditEnd
            ends.removeAll { $0 < from }
            i = creditEnd
        }
        let rest = LegacyTextParser.trim(String(chars[from...])[...])
        if !rest.isEmpty { out.append(Paragraph(text: rest, isCaption: false)) }
        return out.isEmpty ? [Paragraph(text: text, isCaption: false)] : out
    }

    /// A credit starting at `i` ("Ảnh: X", "(Ảnh: X)", "(Nguồn: X)"): its start and end offsets.
    static func credit(_ chars: [Character], at i: Int) -> (Int, Int)? {
        let open = chars[i] == "("
        let wordStart = open ? i + 1 : i
        guard wordStart < chars.count, chars[wordStart] == "Ả" || chars[wordStart] == "N" || chars[wordStart] == "ả",
              i == 0 || chars[i - 1] == " " else { return nil }
        var colon = wordStart
        while colon < chars.count, colon - wordStart < 14, chars[colon] != ":" { colon += 1 }
        guard colon < chars.count, chars[colon] == ":" else { return nil }
        let word = String(chars[wordStart..<colon]).lowercased().trimmingCharacters(in: .whitespaces)
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
}

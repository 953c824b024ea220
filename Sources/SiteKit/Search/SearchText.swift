/// How search cuts text into syllables. templates/assets/search.js implements the same rules for
/// the reader's query; change both together (SearchTextTests pins the behaviour).
///
/// - A syllable is a run of letters, combining marks and digits ("Tỉnh", "2023", "COVID").
///   "3/2" and "2.300" give two syllables each.
/// - Each syllable has an *exact* form (NFC, lowercase, diacritics kept: "tỉnh") and a *folded*
///   form (`VietnameseText.fold`: "tinh"). Postings are stored by exact form, grouped under the
///   folded one, so "tinh uy", "Tỉnh ủy" and "TỈNH ỦY" meet and an exact query can still be told apart.
/// - Two neighbouring syllables form a pair ("tinh uy") unless punctuation *and* a space separate
///   them ("Nội, Việt" or "Nội - Hải" are not pairs; "3/2" and "tỉnh ủy" are).
public enum SearchText {
    /// One syllable of a text, as a slice of it.
    public struct Token: Sendable, Equatable {
        /// As written.
        public var raw: Substring
        /// Whether it forms a pair with the syllable before it.
        public var pairsWithPrevious: Bool
    }

    /// Letters, marks and digits make syllables (JavaScript: `[\p{L}\p{M}\p{N}]`).
    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// JavaScript's `\s`, so that both sides agree on what separates words.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// Longer runs are URLs, codes or garbage, not words anyone types.
    public static let maxTokenLength = 40

    /// 0 other, 1 part of a syllable, 2 space, for scalars below 0x3100 (all of Vietnamese and
    /// Latin, punctuation, CJK spaces); computed once.
    private static let classes: [UInt8] = (0..<0x3100).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return 0 }
        return isWordScalar(scalar) ? 1 : isSpace(scalar) ? 2 : 0
    }

    @inline(__always)
    static func classify(_ value: UInt32) -> UInt8 {
        if value < 0x3100 { return classes[Int(value)] }
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        return isWordScalar(scalar) ? 1 : isSpace(scalar) ? 2 : 0
    }

    /// The scanner behind `scan`, on UTF-8 bytes: `body(start, end, pairsWithPrevious)` per
    /// syllable, with byte offsets. Fast enough for a whole archive.
    @inline(__always)
    static func scanUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Bool) -> Void) {
        classes.withUnsafeBufferPointer { classes in scanUTF8(bytes, classes: classes, body) }
    }

    @inline(__always)
    private static func scanUTF8(_ bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Bool) -> Void) {
        var index = 0
        let count = bytes.count
        var sawSpace = false
        var sawOther = false
        var havePrevious = false
        var start = -1
        var length = 0
        while index <= count {
            var kind: UInt8 = 0
            var width = 1
            if index < count {
                let lead = bytes[index]
                var value: UInt32
                if lead < 0x80 {
                    value = UInt32(lead)
                } else if lead < 0xE0 {
                    width = 2
                    value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                } else if lead < 0xF0 {
                    width = 3
                    value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                } else {
                    width = 4
                    value = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                }
                kind = value < 0x3100 ? classes[Int(value)] : classify(value)
            }
            if kind == 1 {
                if start < 0 { start = index; length = 0 }
                length += 1
            } else {
                if start >= 0 {
                    if length <= maxTokenLength {
                        body(start, index, havePrevious && !(sawSpace && sawOther))
                        havePrevious = true
                    } else {
                        havePrevious = false
                    }
                    start = -1
                    sawSpace = false
                    sawOther = false
                }
                if kind == 2 { sawSpace = true } else { sawOther = true }
            }
            index += width
        }
    }

    /// Calls `body` for each syllable of `text`, in order.
    public static func scan(_ text: Substring, _ body: (Token) -> Void) {
        var copy = String(text)
        copy.withUTF8 { buffer in
            let utf8 = text.utf8
            scanUTF8(buffer) { start, end, pairs in
                let from = utf8.index(utf8.startIndex, offsetBy: start)
                let to = utf8.index(from, offsetBy: end - start)
                body(Token(raw: text[from..<to], pairsWithPrevious: pairs))
            }
        }
    }

    public static func scan(_ text: String, _ body: (Token) -> Void) {
        scan(text[...], body)
    }

    /// The exact form of a syllable: NFC and lowercase, diacritics kept ("Tỉnh" → "tỉnh").
    public static func exact(_ raw: some StringProtocol) -> String {
        VietnameseText.lowercase(VietnameseText.nfc(String(raw)))
    }

    /// The folded form ("tỉnh" → "tinh"), shared with slugs.
    public static func folded(_ raw: some StringProtocol) -> String {
        VietnameseText.fold(String(raw))
    }

    /// A query or a text as search sees it: (exact, folded, pairs with previous) per syllable.
    public static func syllables(_ text: String) -> [(exact: String, folded: String, pairsWithPrevious: Bool)] {
        var result: [(exact: String, folded: String, pairsWithPrevious: Bool)] = []
        scan(text) { token in
            let exact = exact(token.raw)
            result.append((exact, folded(exact), token.pairsWithPrevious))
        }
        return result
    }

    /// The key under which a pair of folded syllables is stored.
    public static func pairKey(_ first: String, _ second: String) -> String {
        first + " " + second
    }

    // MARK: - HTML to text

    /// Elements that end a block of text: no pair is formed across them (by `packedName`).
    private static let blockTags: Set<UInt64> = Set([
        "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "table", "thead", "tbody", "tr", "td", "th", "caption", "figcaption", "figure",
        "section", "article", "aside", "header", "footer", "nav", "details", "summary", "img", "iframe", "video", "audio",
    ].map { name in Array(name.utf8).withUnsafeBufferPointer { packedName($0, 0..<$0.count)! } })
    private static let scriptTag = Array("script".utf8).withUnsafeBufferPointer { packedName($0, 0..<$0.count)! }
    private static let styleTag = Array("style".utf8).withUnsafeBufferPointer { packedName($0, 0..<$0.count)! }

    /// A tag name of ASCII letters and digits, case folded, as a number (six bits a character):
    /// every tag of a body is looked up, and a String for each would cost more than the rest.
    /// Nil for names over ten characters, longer than any tag looked for.
    private static func packedName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        guard range.count <= 10 else { return nil }
        var packed: UInt64 = 0
        for byte in bytes[range] {
            // Letters 1–26 (either case), digits 27–36: never 0, so the length is part of the number.
            let code = byte >= 0x30 && byte <= 0x39 ? UInt64(byte - 0x30 + 27) : UInt64((byte | 0x20) - 0x60)
            packed = packed << 6 | code
        }
        return packed
    }

    /// The text of an HTML fragment (cmark's output): tags dropped, blocks separated so that no
    /// pair spans them, entities decoded, `<script>` and `<style>` skipped.
    public static func plainText(fromHTML html: String) -> String {
        String(decoding: plainTextBytes(fromHTML: html), as: UTF8.self)
    }

    /// The same, as UTF-8 bytes.
    static func plainTextBytes(fromHTML html: String) -> [UInt8] {
        var html = html
        return html.withUTF8 { plainTextBytes(fromHTML: $0) }
    }

    private static func plainTextBytes(fromHTML bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                // Tag name.
                var nameStart = index + 1
                if nameStart < count, bytes[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
                var nameEnd = nameStart
                while nameEnd < count, (bytes[nameEnd] >= 0x41 && bytes[nameEnd] <= 0x5A) || (bytes[nameEnd] >= 0x61 && bytes[nameEnd] <= 0x7A) || (bytes[nameEnd] >= 0x30 && bytes[nameEnd] <= 0x39) {
                    nameEnd += 1
                }
                guard nameEnd > nameStart || (nameStart < count && (bytes[nameStart] == UInt8(ascii: "!") || bytes[nameStart] == UInt8(ascii: "?"))) else {
                    // A lone "<" is text.
                    out.append(byte)
                    index += 1
                    continue
                }
                let name = packedName(bytes, nameStart..<nameEnd)
                var end = nameEnd
                while end < count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                index = min(end + 1, count)
                if let name, name == scriptTag || name == styleTag, bytes[nameStart - 1] != UInt8(ascii: "/") {
                    // Skip to the closing tag.
                    let closing = [UInt8(ascii: "<"), UInt8(ascii: "/")] + bytes[nameStart..<nameEnd].map(lower)
                    while index < count {
                        if bytes[index] == UInt8(ascii: "<"), index + closing.count <= count,
                           zip(bytes[index..<(index + closing.count)], closing).allSatisfy({ lower($0) == $1 }) {
                            break
                        }
                        index += 1
                    }
                    continue
                }
                if let name, blockTags.contains(name) { out.append(contentsOf: [0x20, UInt8(ascii: "|"), 0x20]) }
                continue
            }
            if byte == UInt8(ascii: "&") {
                var end = index + 1
                while end < count, end - index < 12, bytes[end] != UInt8(ascii: ";"), bytes[end] != UInt8(ascii: "&"), bytes[end] != 0x20 { end += 1 }
                if end < count, bytes[end] == UInt8(ascii: ";"),
                   let decoded = decodeEntity(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)) {
                    out.append(contentsOf: decoded.utf8)
                    index = end + 1
                    continue
                }
            }
            out.append(byte)
            index += 1
        }
        return out
    }

    private static func decodeEntity(_ name: String) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}

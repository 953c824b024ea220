import Foundation

/// Vietnamese text rules shared by slugs, tag comparison and search: one place decides
/// what "the same word" means.
public enum VietnameseText {
    /// NFC, so that NFC and NFD spellings of one word become the same bytes (ext4 file names differ otherwise).
    public static func nfc(_ text: String) -> String {
        // Text without combining marks or jamo is already NFC: skip Foundation's normaliser,
        // which otherwise runs on every field of every article.
        let mayChange = text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return value >= 0x300 && !(0x1E00...0x1EFF).contains(value) && !(0x2000...0x20CF).contains(value)
                && !(0x2100...0x2BFF).contains(value) && !(0x4E00...0x9FFF).contains(value)
        }
        return mayChange ? text.precomposedStringWithCanonicalMapping : text
    }

    /// Lowercase ASCII without diacritics: "Đồng chí TỈNH ỦY" → "dong chi tinh uy".
    /// Foundation's diacritic folding leaves đ/Đ alone, so they are mapped first.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                out.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 0x20)! : scalar)
            } else if let base = latinBase[scalar.value] {
                out.append(Unicode.Scalar(base))
            } else if (0x300...0x36F).contains(scalar.value) {
                continue  // a combining mark of NFD input
            } else {
                // Outside the Latin letters Vietnamese uses: let Foundation decide.
                return String(text.unicodeScalars.map { $0 == "đ" || $0 == "Đ" ? "d" : Character($0) })
                    .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
            }
        }
        return String(out)
    }

    /// Base ASCII letter of every precomposed Latin letter (U+00C0–U+024F, U+1E00–U+1EFF), built once.
    static let latinBase: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [0x0110: 0x64, 0x0111: 0x64]  // Đ đ
        for value in Array(UInt32(0x00C0)...0x024F) + Array(UInt32(0x1E00)...0x1EFF) {
            guard let scalar = Unicode.Scalar(value), table[value] == nil else { continue }
            let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first!
            if base.isASCII, base.properties.isAlphabetic { table[value] = UInt8(base.value | 0x20) }
        }
        return table
    }()

    /// Lowercased and NFC but with its diacritics: how tags compare for equality.
    public static func key(_ text: String) -> String {
        let lowered = lowercase(nfc(text))
        // Most names are spaced already; splitting walks grapheme clusters, which costs more than the rest.
        return isSingleSpaced(lowered) ? lowered : lowered.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Words separated by single ASCII spaces, none at either end, and no other white space
    /// (the Unicode White_Space characters) or control character.
    static func isSingleSpaced(_ text: String) -> Bool {
        var afterSpace = true
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x20 {
                if afterSpace { return false }
                afterSpace = true
                continue
            }
            if value < 0x20 || (0x7F...0xA0).contains(value) || value == 0x1680 || (0x2000...0x200A).contains(value)
                || value == 0x2028 || value == 0x2029 || value == 0x202F || value == 0x205F || value == 0x3000 {
                return false
            }
            afterSpace = false
        }
        return !afterSpace || text.isEmpty
    }

    /// The same as `lowercased()`, by table for ASCII and the Latin letters Vietnamese uses:
    /// Foundation's case mapping looks up each scalar's properties, and every tag, category and
    /// author of every article and the whole text of every legacy article come through here.
    /// Text in other scripts goes to `lowercased()` as a whole.
    public static func lowercase(_ text: String) -> String {
        guard text.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                out.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
            } else if let lower = latinLower(value) {
                out.append(lower)
            } else if (0x300...0x36F).contains(value) {
                out.append(scalar)  // a combining mark has no case
            } else {
                return text.lowercased()
            }
        }
        return String(out)
    }

    private static func latinLower(_ value: UInt32) -> Unicode.Scalar? {
        let table: [Unicode.Scalar?], offset: UInt32
        switch value {
        case 0x00C0...0x024F: (table, offset) = (latinLowerTables.0, 0x00C0)
        case 0x1E00...0x1EFF: (table, offset) = (latinLowerTables.1, 0x1E00)
        default: return nil
        }
        return table[Int(value - offset)]
    }

    /// For U+00C0–U+024F and U+1E00–U+1EFF: each letter's lowercase when it is one scalar
    /// (İ becomes two, so it is left to Foundation), built once from Foundation's own mapping.
    static let latinLowerTables: ([Unicode.Scalar?], [Unicode.Scalar?]) = {
        func table(_ range: ClosedRange<UInt32>) -> [Unicode.Scalar?] {
            range.map { value in
                guard let scalar = Unicode.Scalar(value) else { return nil }
                let lower = String(scalar).lowercased().unicodeScalars
                return lower.count == 1 ? lower.first : nil
            }
        }
        return (table(0x00C0...0x024F), table(0x1E00...0x1EFF))
    }()
}

/// URL slugs: ASCII, lowercase, hyphen-separated.
public enum Slug {
    /// "Ban Thường vụ Tỉnh ủy sơ kết công tác tháng 7" → "ban-thuong-vu-tinh-uy-so-ket-cong-tac-thang-7".
    public static func make(_ text: String, maxLength: Int = 80) -> String {
        let folded = VietnameseText.fold(text)
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let isWordCharacter = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            if isWordCharacter {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        guard slug.count > maxLength else { return slug }
        // Cut at a hyphen so that a long title does not end in half a word.
        let prefix = slug.prefix(maxLength)
        if let cut = prefix.lastIndex(of: "-") { return String(prefix[..<cut]) }
        return String(prefix)
    }

    /// A slug given by an editor is kept as long as it is safe as one path segment.
    public static func isSafe(_ slug: String) -> Bool {
        !slug.isEmpty && slug.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_" || $0 == "."
        } && slug != "." && slug != ".." && !slug.hasPrefix(".")
    }
}

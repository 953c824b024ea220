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
        nfc(text).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
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

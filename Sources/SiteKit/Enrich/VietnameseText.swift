import Foundation

/// Vietnamese text rules shared by slugs, tag comparison and search: one place decides
/// what "the same word" means.
public enum VietnameseText {
    /// NFC, so that NFC and NFD spellings of one word become the same bytes (ext4 file names differ otherwise).
    public static func nfc(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }

    /// Lowercase ASCII without diacritics: "Đồng chí TỈNH ỦY" → "dong chi tinh uy".
    /// Foundation's diacritic folding leaves đ/Đ alone, so they are mapped first.
    public static func fold(_ text: String) -> String {
        var mapped = ""
        mapped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var isASCII = true
        for scalar in text.unicodeScalars {
            switch scalar {
            case "đ", "Đ": mapped.unicodeScalars.append("d")
            default:
                if !scalar.isASCII { isASCII = false }
                mapped.unicodeScalars.append(scalar)
            }
        }
        if isASCII { return mapped.lowercased() }
        return mapped.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }

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

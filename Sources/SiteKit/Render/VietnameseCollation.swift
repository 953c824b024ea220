import Foundation

/// Vietnamese alphabetical order, as a dictionary sorts: the letters a ă â b c d đ e ê g h i k l
/// m n o ô ơ p q r s t u ư v x y (so "Dân tộc" < "Di sản" < "Đầu tư"), then, for words with the
/// same letters, the tones in the order ngang, huyền, hỏi, ngã, sắc, nặng (ma, mà, mả, mã, má,
/// mạ), then lower case before upper case.
///
/// ICU's `vi` collation gives the same order and Foundation on Linux reaches it through
/// `compare(_:options:range:locale:)`, but it builds a collator for every comparison: sorting
/// 20,000 names took 4 s on this machine. A key made once per name sorts them in milliseconds,
/// and it does not move with the ICU version.
enum VietnameseCollation {
    /// Compares as `[UInt32]`: the letters' weights, 0, the tones, 0, the cases.
    static func key(_ text: String) -> [UInt32] {
        var primary: [UInt32] = [], tones: [UInt32] = [], cases: [UInt32] = []
        for character in text.precomposedStringWithCanonicalMapping {
            var scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let first = scalars.first else { continue }
            var tone: UInt32 = 0
            var mark: Unicode.Scalar?
            scalars.removeFirst()
            for scalar in scalars {
                if let weight = toneWeights[scalar] { tone = weight } else { mark = scalar }
            }
            let lower = Character(first).lowercased()
            let isUpper = lower != String(first)
            cases.append(isUpper ? 1 : 0)
            tones.append(tone)
            if let base = lower.unicodeScalars.first, let weight = letterWeight(base, mark: mark) {
                primary.append(weight)
            } else if first.properties.isWhitespace {
                primary.append(1)
            } else if first.isASCII {
                // Punctuation before digits and letters, all alike; the name itself breaks ties.
                primary.append(2)
            } else {
                // Letters of other scripts after ours, in code point order.
                primary.append(1000 + first.value)
            }
        }
        return primary + [0] + tones + [0] + cases
    }

    /// Sorts by `key`, each name's key made once; equal keys keep the order of `tieBreak`.
    static func sorted<T>(_ items: [T], name: (T) -> String, tieBreak: (T, T) -> Bool) -> [T] {
        items.map { (key: key(name($0)), item: $0) }
            .sorted { $0.key != $1.key ? $0.key.lexicographicallyPrecedes($1.key) : tieBreak($0.item, $1.item) }
            .map(\.item)
    }

    private static let toneWeights: [Unicode.Scalar: UInt32] = [
        "\u{0300}": 1, // huyền
        "\u{0309}": 2, // hỏi
        "\u{0303}": 3, // ngã
        "\u{0301}": 4, // sắc
        "\u{0323}": 5, // nặng
    ]

    /// The alphabet, with f j w z (foreign words and names) where the Latin alphabet has them.
    private static let alphabet: [String] = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
                                             "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]
    private static let weights: [String: UInt32] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map {
        ($1.decomposedStringWithCanonicalMapping, UInt32(100 + $0))
    })

    /// A letter with the mark that makes it another letter (ă â ê ô ơ ư); digits before letters.
    private static func letterWeight(_ base: Unicode.Scalar, mark: Unicode.Scalar?) -> UInt32? {
        if ("0"..."9").contains(base) { return 10 + base.value - 48 }
        var letter = String(base)
        if let mark { letter.unicodeScalars.append(mark) }
        return weights[letter] ?? (mark == nil ? nil : weights[String(base)])
    }
}

/// Vietnamese syllables that carry no topic: function words, pronouns, particles, auxiliaries,
/// vague quantities. Two articles that share "của" or "được" are no more related than two that
/// do not, and such syllables are in most leads, so their posting lists would be the longest.
/// Lowercase, NFC, with diacritics (the search tokeniser's exact form). Words that are also
/// names or topics ("Anh", "Mỹ", "sao", "giá") are not here: rarity weighs them.
enum StopSyllables {
    static let all: Set<String> = [
        // Conjunctions, prepositions, relatives.
        "và", "với", "của", "cho", "là", "thì", "mà", "nhưng", "hay", "hoặc", "nếu", "vì", "do", "bởi",
        "nên", "để", "rằng", "tuy", "dù", "trong", "ngoài", "trên", "dưới", "tại", "ở", "từ", "đến", "tới",
        "về", "vào", "qua", "theo", "như", "khi", "lúc", "sau", "trước", "giữa", "cùng", "bằng",
        // Auxiliaries and adverbs of time, degree, negation.
        "đã", "đang", "sẽ", "vừa", "mới", "từng", "vẫn", "còn", "cũng", "đều", "lại", "rất", "quá", "hơn",
        "nhất", "khá", "chỉ", "ngay", "luôn", "không", "chưa", "chẳng", "được", "bị", "có", "phải", "cần",
        "nữa", "rồi", "thêm", "hết", "cả", "càng",
        // Determiners, quantities, classifiers.
        "các", "những", "một", "mọi", "mỗi", "vài", "nhiều", "ít", "này", "kia", "đó", "ấy", "nọ",
        "đây", "nào", "gì", "sự", "việc", "cái", "chiếc", "con", "điều",
        // Pronouns and particles.
        "tôi", "ta", "chúng", "mình", "họ", "nó", "ai", "ạ", "à", "ơi", "nhé", "chứ", "vậy", "thế",
        // Verbs of saying and being that every report uses.
        "biết", "nói", "thấy", "ra", "lên", "xuống", "đi",
    ]

    /// Whether a syllable (exact form) is left out: a stop syllable, or digits only (a day,
    /// an amount), which relate nothing by themselves.
    static func contains(_ exact: String) -> Bool {
        all.contains(exact) || exact.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

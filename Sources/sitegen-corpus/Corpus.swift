import Foundation

/// What the generator decides about one article before writing any text: enough to link to it.
struct ArticleMeta: Sendable {
    var index: Int
    var year: Int, month: Int, day: Int, hour: Int, minute: Int
    var title: String
    var titleWord: Word
    var slug: String
    var isLegacy: Bool
    var author: Int
    var tags: [Int]
    var categories: [Int]
    var views: Int
    var hasSummary: Bool
    var wordTarget: Int

    /// Relative to the site's `content/` folder.
    var contentPath: String {
        isLegacy ? "legacy/" + Corpus.legacyName(index) : "\(year)/\(Corpus.pad(month))/\(slug).md"
    }

    /// The page's URL under sitegen's default permalinks (`/:year/:month/:slug/`).
    var url: String { "/\(year)/\(Corpus.pad(month))/\(slug)/" }
}

/// The whole archive, decided up front (dates, titles, slugs, tags) and written article by article.
/// Every article draws from its own random stream, so the files are the same whatever the order
/// or number of threads that write them.
struct Corpus: Sendable {
    static let version = "sitegen-corpus 2"

    let count: Int
    let seed: UInt64
    let legacyShare: Double
    let lexicon: Lexicon
    let authors: [String]
    let articles: [ArticleMeta]
    /// Indexes of the Markdown articles: the only ones other articles link to (their URLs are known).
    let linkTargets: [Int]

    // Random streams, one per purpose.
    static let metaStream: UInt64 = 1
    static let bodyStream: UInt64 = 2

    init(count: Int, seed: UInt64, legacyShare: Double) {
        self.count = count
        self.seed = seed
        self.legacyShare = legacyShare
        let lexicon = Lexicon()
        self.lexicon = lexicon
        let authors = Self.makeAuthors(contributors: count / 5)
        self.authors = authors

        let legacyCount = Int((Double(count) * legacyShare).rounded())
        let tagPicker = WeightedPicker.zipf(count: Vocabulary.tags.count)
        let staffPicker = WeightedPicker(weights: (0..<Self.staffCount).map { 1 / (Double($0) + 8) })
        // A real archive's long tail: thousands of contributors, most signing one or two articles.
        let contributorPicker = WeightedPicker(weights: (Self.staffCount..<max(authors.count, Self.staffCount + 1)).map { 1 / (Double($0 - Self.staffCount) + 10) })
        var categoryOfTag = [Int?](repeating: nil, count: Vocabulary.tags.count)
        for (category, entry) in Vocabulary.categories.enumerated() {
            for tag in entry.tags where categoryOfTag[tag] == nil { categoryOfTag[tag] = category }
        }

        var articles: [ArticleMeta] = []
        articles.reserveCapacity(count)
        for index in 0..<count {
            var random = SplitMix64(seed: seed, stream: Self.metaStream, index: index)
            // Legacy files are spread evenly through the archive: exactly `legacyCount` of them.
            let isLegacy = legacyCount > 0 && (index * legacyCount) / count != ((index + 1) * legacyCount) / count
            // A day from 2015-01-01 to 2024-12-31 (3,653 days), in the day time of Hà Nội.
            let (year, month, day) = Self.civilDate(daysSince1970: 16_436 + random.below(3_653))
            let hour = random.int(6, 21), minute = random.below(60)
            let title = Self.title(&random, year: year, month: month)
            let words = Self.slugWords(title)
            let slug = words + (words.isEmpty ? "" : "-") + String(index + 1)
            let tagCount = [1, 2, 2, 2, 3, 3, 3, 4][random.below(8)]
            let tags = tagPicker.pickDistinct(tagCount, &random)
            var categories: [Int] = []
            if let first = categoryOfTag[tags[0]], random.chance(0.7) {
                categories.append(first)
            } else {
                categories.append(random.below(Vocabulary.categories.count))
            }
            if random.chance(0.1) {
                let second = random.below(Vocabulary.categories.count)
                if second != categories[0] { categories.append(second) }
            }
            // Views: heavily skewed (u⁵): most articles a few hundred or thousand, a few tens of thousands.
            let u = random.unit()
            let views = 20 + Int(u * u * u * u * u * 150_000) + random.below(100)
            // 360–1,450 words, a body of 2–8 KB, most around 3–4 KB (as in a real archive).
            let wordTarget = 360 + Int(random.unit() * random.unit() * 1_090)
            let author = authors.count > Self.staffCount && random.chance(Self.contributorShare)
                ? Self.staffCount + contributorPicker.pick(&random) : staffPicker.pick(&random)
            articles.append(ArticleMeta(
                index: index, year: year, month: month, day: day, hour: hour, minute: minute,
                title: title, titleWord: Word(title), slug: slug, isLegacy: isLegacy,
                author: author, tags: tags, categories: categories, views: views,
                hasSummary: random.chance(0.5), wordTarget: wordTarget
            ))
        }
        self.articles = articles
        self.linkTargets = articles.filter { !$0.isLegacy }.map(\.index)
    }

    // MARK: - Names, titles, dates

    /// The newsroom's own writers, who sign most articles.
    static let staffCount = 60
    /// The share of articles signed by an outside contributor.
    static let contributorShare = 0.45

    /// 60 staff names, then `contributors` more, each a distinct Vietnamese name
    /// (three-part names first, then four-part ones once those run out).
    static func makeAuthors(contributors: Int) -> [String] {
        let family = Vocabulary.familyNames, middle = Vocabulary.middleNames, given = Vocabulary.givenNames
        var names: [String] = []
        var seen: Set<String> = []
        var k = 0
        while names.count < staffCount {
            let name = "\(family[k % family.count]) \(middle[(k * 7) % middle.count]) \(given[(k * 11) % given.count])"
            if seen.insert(name).inserted { names.append(name) }
            k += 1
        }
        let threePart = family.count * middle.count * given.count
        k = 0
        while names.count < staffCount + contributors, k < threePart * (middle.count + 1) {
            // Every combination once: family varies fastest, then given, then middle (and a second middle).
            let f = k % family.count, g = (k / family.count) % given.count, m = (k / (family.count * given.count)) % middle.count
            let second = k / threePart
            let name = second == 0 ? "\(family[f]) \(middle[m]) \(given[g])" : "\(family[f]) \(middle[m]) \(middle[second - 1]) \(given[g])"
            if seen.insert(name).inserted { names.append(name) }
            k += 1
        }
        return names
    }

    static func title(_ random: inout SplitMix64, year: Int, month: Int) -> String {
        var parts: [String] = []
        func noun() -> String { random.pick(Vocabulary.nouns) }
        switch random.below(10) {
        case 0..<4:
            parts = [random.pick(Vocabulary.subjects), random.pick(Vocabulary.headlineVerbs), noun()]
            if random.chance(0.5) { parts.append(noun()) }
        case 4..<7:
            let kind = ["huyện", "xã", "thành phố", "thị xã", "phường"][random.below(5)]
            parts = [kind, random.pick(Vocabulary.places), random.pick(Vocabulary.headlineVerbs), noun()]
            if random.chance(0.4) { parts.append(random.pick(Vocabulary.modifiers)) }
        case 7..<9:
            parts = [random.pick(Vocabulary.verbs), noun(), random.pick(Vocabulary.modifiers), "ở", random.pick(Vocabulary.places)]
        default:
            let amount = [random.int(12, 99), random.int(100, 999), random.int(1_000, 20_000)][random.below(3)]
            parts = ["hơn", Self.grouped(amount), noun(), "được", random.pick(Vocabulary.verbs), noun()]
        }
        switch random.below(10) {
        case 0, 1: parts.append("năm \(year)")
        case 2: parts.append("tháng \(month)")
        case 3: parts.append("\(random.pick(["6 tháng", "9 tháng", "quý I", "quý II", "quý III"])) đầu năm")
        case 4: parts.append("giai đoạn \(year - year % 5 + 1)-\(year - year % 5 + 5)")
        default: break
        }
        let text = parts.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// "Ban Thường vụ Tỉnh ủy sơ kết" → "ban-thuong-vu-tinh-uy-so-ket": diacritics dropped, đ → d,
    /// at most 60 characters cut at a hyphen. (The article number is appended to make it unique.)
    static func slugWords(_ title: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in title.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }  // combining marks: the diacritics
            var ascii: Unicode.Scalar? = nil
            switch scalar {
            case "đ", "Đ": ascii = "d"
            case "a"..."z", "0"..."9": ascii = scalar
            case "A"..."Z": ascii = Unicode.Scalar(scalar.value + 32)
            default: ascii = nil
            }
            if let ascii {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(ascii)
            } else {
                pendingHyphen = true
            }
        }
        if slug.count > 60, let cut = slug.prefix(60).lastIndex(of: "-") { slug = String(slug[..<cut]) }
        return slug
    }

    /// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's civil_from_days).
    static func civilDate(daysSince1970 days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func legacyName(_ index: Int) -> String {
        let digits = String(index + 1)
        return "bai-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".txt"
    }

    static func grouped(_ value: Int) -> String {
        var writer = TextWriter(capacity: 16)
        writer.appendNumber(value, grouped: true)
        return String(decoding: writer.out, as: UTF8.self)
    }

    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    // MARK: - site.yml

    /// The settings of the generated site: the keys of sitegen's site.yml, and the rules that give
    /// legacy articles their tags and categories.
    func siteYAML() -> String {
        var yaml = """
        # Generated by \(Self.version) (--count \(count) --seed \(seed) --legacy-share \(legacyShare)).
        title: "Báo \(Vocabulary.province) điện tử - Lưu trữ"
        description: "Lưu trữ tin tức tỉnh \(Vocabulary.province) từ năm 2015"
        base_url: "https://baolamgiang.example.vn/"
        language: vi
        time_zone: Asia/Ho_Chi_Minh
        page_size: 10
        feed_size: 50
        related_count: 5
        default_category: "\(Vocabulary.categories[0].name)"
        tag_rules:

        """
        for tag in Vocabulary.tags {
            yaml += "  - tag: \(Self.yamlQuoted(tag.name))\n    keywords: [\(Self.yamlQuoted(tag.keyword))]\n"
        }
        yaml += "category_rules:\n"
        for category in Vocabulary.categories {
            let keywords = category.tags.map { Self.yamlQuoted(Vocabulary.tags[$0].keyword) }.joined(separator: ", ")
            yaml += "  - category: \(Self.yamlQuoted(category.name))\n    keywords: [\(keywords)]\n"
        }
        return yaml
    }
}

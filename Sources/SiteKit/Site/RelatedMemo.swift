import Foundation

/// "Tin khác" lists kept from an earlier build, found by the fingerprint of everything they are
/// computed from. Most rebuilds change a body, not the titles, leads, tags, categories and dates
/// the lists are made of; computing them again is a large part of such a rebuild at 35,000 articles.
public struct RelatedMemo: Sendable {
    /// The lists stored under a fingerprint, if any.
    public var recall: @Sendable (UInt64) -> [[Int]]?
    /// Stores the lists under a fingerprint.
    public var keep: @Sendable (UInt64, [[Int]]) -> Void

    public init(recall: @escaping @Sendable (UInt64) -> [[Int]]?, keep: @escaping @Sendable (UInt64, [[Int]]) -> Void) {
        self.recall = recall
        self.keep = keep
    }
}

/// Everything "Tin khác" is computed from, article by article in the order of `Site.articles`:
/// `RelatedArticles.compute` reads this and nothing else, and the memo's fingerprint hashes all of it.
struct RelatedInput {
    var limit: Int
    var titles: [String]
    /// The lead: the article's summary (its first paragraph, or the front matter's summary).
    var leads: [String]
    var tagsOf: [[Int]]
    var tagCount: Int
    var categoriesOf: [[Int]]
    var categoryCount: Int
    var dates: [Date]

    var count: Int { titles.count }

    /// What the lists of `articles` (in the site's order) are computed from.
    static func of(_ articles: [Article], config: SiteConfig, tagsOf: [[Int]], tagCount: Int, categoriesOf: [[Int]],
                   categoryCount: Int) -> RelatedInput {
        RelatedInput(limit: config.relatedCount, titles: articles.map(\.title), leads: articles.map(\.summary),
                     tagsOf: tagsOf, tagCount: tagCount, categoriesOf: categoriesOf, categoryCount: categoryCount,
                     dates: articles.map(\.date))
    }

    /// The same fingerprint gives the same lists. The scoring's constants are in it, so that a
    /// change to them is never hidden by lists kept from before.
    var fingerprint: UInt64 {
        var hash = ContentHash.of("related 2")
        func add(_ value: Int) { ContentHash.combine(&hash, UInt64(bitPattern: Int64(value))) }
        for value in [count, limit, tagCount, categoryCount, RelatedArticles.window] { add(value) }
        for weight in [RelatedTerms.titleWeight, RelatedTerms.leadWeight, RelatedTerms.tagWeight, RelatedTerms.categoryWeight] {
            add(Int(weight.bitPattern))
        }
        ContentHash.combine(&hash, ContentHash.of(StopSyllables.all.sorted().joined(separator: " ")))
        // The texts hashed on every core, then combined in order (the same fingerprint).
        let texts = parallelMap(Array(0..<count)) { (title: ContentHash.of(titles[$0]), lead: ContentHash.of(leads[$0])) }
        for article in 0..<count {
            ContentHash.combine(&hash, dates[article].timeIntervalSince1970.bitPattern)
            ContentHash.combine(&hash, texts[article].title)
            ContentHash.combine(&hash, texts[article].lead)
            add(tagsOf[article].count)
            for tag in tagsOf[article] { add(tag) }
            add(categoriesOf[article].count)
            for category in categoriesOf[article] { add(category) }
        }
        return hash
    }
}

import Foundation

/// "Tin khác" lists kept from an earlier build (`RelatedLists`), so that a rebuild computes again
/// only the lists its changes can reach (`RelatedUpdate`): most rebuilds change a body, not the
/// titles, leads, tags, categories and dates the lists are made of, and publishing an article
/// changes a few hundred lists of 35,000.
public struct RelatedMemo: Sendable {
    /// The lists kept, if any.
    public var recall: @Sendable () -> RelatedLists?
    /// Keeps the lists of this build.
    public var keep: @Sendable (RelatedLists) -> Void
    /// The words of the build that last made the terms (`RelatedWords`), and keeping this build's.
    public var recallWords: @Sendable () -> RelatedWords?
    public var keepWords: @Sendable (RelatedWords) -> Void

    public init(recall: @escaping @Sendable () -> RelatedLists?, keep: @escaping @Sendable (RelatedLists) -> Void,
                recallWords: @escaping @Sendable () -> RelatedWords? = { nil }, keepWords: @escaping @Sendable (RelatedWords) -> Void = { _ in }) {
        self.recall = recall
        self.keep = keep
        self.recallWords = recallWords
        self.keepWords = keepWords
    }
}

/// The lists of a build, with what each was computed from: per article (in the order of
/// `Site.articles`) the key of its title, lead, tags, categories and date, its list and its
/// list's reach (`RelatedArticles.List`); and the key of the scoring's settings.
public struct RelatedLists: Sendable, Equatable {
    var settings: UInt64
    var keys: [UInt64]
    var lists: [[Int]]
    var reach: [Int]

    /// One hash of all of it but the lists: the same for the same inputs.
    var fingerprint: UInt64 {
        var hash = settings
        for key in keys { ContentHash.combine(&hash, key) }
        return hash
    }

    /// Whether the lists fit an archive of `keys.count` articles (a damaged cache gives others).
    var isWhole: Bool {
        lists.count == keys.count && reach.count == keys.count
            && lists.indices.allSatisfy { article in lists[article].allSatisfy { $0 != article && keys.indices.contains($0) } }
            && reach.allSatisfy { $0 >= -1 && $0 < keys.count }
    }
}

/// Everything "Tin khác" is computed from, article by article in the order of `Site.articles`:
/// `RelatedArticles.compute` reads this and nothing else, and `keys` and `settings` hash all of it.
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
    /// The addresses (slugs) of the terms, which say which articles share one across builds.
    var tagSlugs: [String]
    var categorySlugs: [String]
    /// The fewest articles a rarity is judged on (`RelatedArticles.base`; a test sets fewer).
    var base = RelatedArticles.base

    var count: Int { titles.count }

    /// What the lists of `articles` (in the site's order) are computed from.
    static func of(_ articles: [Article], config: SiteConfig, tags: Taxonomy, tagsOf: [[Int]], categories: Taxonomy,
                   categoriesOf: [[Int]]) -> RelatedInput {
        RelatedInput(limit: config.relatedCount, titles: articles.map(\.title), leads: articles.map(\.summary),
                     tagsOf: tagsOf, tagCount: tags.terms.count, categoriesOf: categoriesOf, categoryCount: categories.terms.count,
                     dates: articles.map(\.date), tagSlugs: tags.terms.map(\.slug), categorySlugs: categories.terms.map(\.slug))
    }

    /// The scoring's constants: a change to them is never hidden by lists kept from before.
    var settings: UInt64 {
        var hash = ContentHash.of("related 3")
        func add(_ value: Int) { ContentHash.combine(&hash, UInt64(bitPattern: Int64(value))) }
        for value in [limit, RelatedArticles.window, base] { add(value) }
        for weight in [RelatedTerms.titleWeight, RelatedTerms.leadWeight, RelatedTerms.tagWeight, RelatedTerms.categoryWeight] {
            add(Int(weight.bitPattern))
        }
        ContentHash.combine(&hash, ContentHash.of(StopSyllables.all.sorted().joined(separator: " ")))
        return hash
    }

    /// Per article, the hash of what its terms and time are made from (its terms by address, not by
    /// their number in this build's taxonomies): the same key, the same article to "Tin khác".
    var keys: [UInt64] {
        let tagKeys = tagSlugs.map { ContentHash.of($0) }, categoryKeys = categorySlugs.map { ContentHash.of($0) }
        return parallelMap(Array(0..<count)) { article in
            var hash = ContentHash.of(titles[article])
            ContentHash.combine(&hash, ContentHash.of(leads[article]))
            ContentHash.combine(&hash, dates[article].timeIntervalSince1970.bitPattern)
            for (terms, termKeys) in [(tagsOf[article], tagKeys), (categoriesOf[article], categoryKeys)] {
                ContentHash.combine(&hash, UInt64(terms.count))
                for key in terms.map({ termKeys[$0] }).sorted() { ContentHash.combine(&hash, key) }
            }
            return hash
        }
    }
}

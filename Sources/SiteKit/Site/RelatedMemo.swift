/// "Tin khác" lists kept from an earlier build, found by the fingerprint of everything they are
/// computed from. Most rebuilds change a body or a title, not the tags, categories and dates the
/// lists are made of; computing them again is a fifth of such a rebuild at 35,000 articles.
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

extension RelatedArticles {
    /// Everything `compute` reads, hashed: the same fingerprint gives the same lists.
    static func fingerprint(count: Int, limit: Int, tags: Taxonomy, categories: Taxonomy,
                            tagsOf: [[Int]], categoriesOf: [[Int]], dates: [Double]) -> UInt64 {
        var hash = ContentHash.of("related 1")
        func add(_ value: Int) { ContentHash.combine(&hash, UInt64(bitPattern: Int64(value))) }
        add(count)
        add(limit)
        add(window)
        for taxonomy in [tags, categories] {
            add(taxonomy.terms.count)
            for term in taxonomy.terms {
                add(term.articles.count)
                for article in term.articles { add(article) }
            }
        }
        for article in 0..<count {
            ContentHash.combine(&hash, dates[article].bitPattern)
            add(tagsOf[article].count)
            for tag in tagsOf[article] { add(tag) }
            add(categoriesOf[article].count)
            for category in categoriesOf[article] { add(category) }
        }
        return hash
    }
}

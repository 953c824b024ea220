/// Tags, categories or authors: each term with its slug and its articles, newest first.
public struct Taxonomy: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case tag, category, author
    }

    public struct Term: Sendable {
        /// The spelling most articles use.
        public var name: String
        public var slug: String
        /// Indices into `Site.articles`, newest first.
        public var articles: [Int]
        /// Other spellings that folded to the same slug ("Kinh tế" / "kinh te"), for `check`.
        public var variants: [String]
    }

    public var kind: Kind
    /// Sorted by name (Vietnamese-insensitive), so output order never depends on hashing.
    public var terms: [Term]
    /// Term index by slug.
    public var index: [String: Int]
    /// Term index by every spelling articles use, so names are folded once, not once per use.
    public var indexByName: [String: Int]

    /// Groups the names of every article by slug. `names(i)` gives article i's names.
    public init(kind: Kind, articleCount: Int, names: (Int) -> [String]) {
        self.kind = kind
        var bySlug: [String: (spellings: [String: Int], articles: [Int])] = [:]
        var slugOfName: [String: String] = [:]
        for article in 0..<articleCount {
            for name in names(article) {
                let slug = slugOfName[name] ?? Slug.make(name)
                slugOfName[name] = slug
                guard !slug.isEmpty else { continue }
                // Changed in place: a copy out and back would copy the term's whole list on every
                // article (quadratic for a tag on half the archive).
                bySlug[slug, default: ([:], [])].spellings[name, default: 0] += 1
                if bySlug[slug]!.articles.last != article { bySlug[slug]!.articles.append(article) }
            }
        }
        terms = bySlug.map { slug, entry in
            // Most used spelling; ties broken by the spelling itself, for determinism.
            let ranked = entry.spellings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return Term(name: ranked[0].key, slug: slug, articles: entry.articles, variants: ranked.dropFirst().map(\.key))
        }
        .sorted { $0.slug < $1.slug }
        index = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1.slug, $0) })
        let index = self.index
        indexByName = slugOfName.compactMapValues { index[$0] }
    }

    public func term(slug: String) -> Term? {
        index[slug].map { terms[$0] }
    }

    public func term(named name: String) -> Term? {
        (indexByName[name] ?? index[Slug.make(name)]).map { terms[$0] }
    }
}

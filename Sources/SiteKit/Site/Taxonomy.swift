/// Tags, categories or authors: each term with its slug and its articles, newest first.
public struct Taxonomy: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case tag, category, author

        /// The plural, as UI strings name the index of all terms (`t.categories`, not "categorys").
        public var plural: String {
            switch self {
            case .tag: "tags"
            case .category: "categories"
            case .author: "authors"
            }
        }
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
        // First by spelling, then spellings grouped by slug. One dictionary lookup per use: a
        // Vietnamese name is slow to hash, and there are several per article.
        var spellingIDs: [String: Int] = [:]
        var spellings: [(name: String, uses: Int, articles: [Int])] = []
        for article in 0..<articleCount {
            for name in names(article) {
                let id: Int
                if let known = spellingIDs[name] {
                    id = known
                } else {
                    id = spellings.count
                    spellingIDs[name] = id
                    spellings.append((name, 0, []))
                }
                spellings[id].uses += 1
                if spellings[id].articles.last != article { spellings[id].articles.append(article) }
            }
        }
        var bySlug: [String: [(name: String, uses: Int, articles: [Int])]] = [:]
        var slugOfName: [String: String] = [:]
        for spelling in spellings {
            let slug = Slug.make(spelling.name)
            slugOfName[spelling.name] = slug
            if !slug.isEmpty { bySlug[slug, default: []].append(spelling) }
        }
        terms = bySlug.map { slug, spellings in
            // Most used spelling; ties broken by the spelling itself, for determinism.
            let ranked = spellings.sorted { $0.uses != $1.uses ? $0.uses > $1.uses : $0.name < $1.name }
            // An article that uses two spellings is listed once; lists stay in article order.
            let articles = ranked.count == 1 ? ranked[0].articles : Array(Set(ranked.flatMap(\.articles))).sorted()
            return Term(name: ranked[0].name, slug: slug, articles: articles, variants: ranked.dropFirst().map(\.name))
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

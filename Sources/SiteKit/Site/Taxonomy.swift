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
    /// People whose names fold to one address but are not the same name (they differ in
    /// diacritics): the later one's suffixed slug and the name that kept the plain one.
    public var collisions: [(name: String, slug: String, other: String)] = []

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
        // Tags and categories that fold to one slug are one term (check reports the spellings). Authors
        // are people: names differing only in case are one person, but "Văn Thành" and "Vân Thanh"
        // are two, each with an address of its own ("van-thanh", "van-thanh-2").
        var groups: [String: [(name: String, uses: Int, articles: [Int])]] = [:]
        for spelling in spellings {
            let slug = Slug.make(spelling.name)
            guard !slug.isEmpty else { continue }
            groups[kind == .author ? VietnameseText.key(spelling.name) : slug, default: []].append(spelling)
        }
        var made: [Term] = groups.values.map { spellings in
            // Most used spelling; ties broken by the spelling itself, for determinism.
            let ranked = spellings.sorted { $0.uses != $1.uses ? $0.uses > $1.uses : $0.name < $1.name }
            // An article that uses two spellings is listed once; lists stay in article order.
            let articles = ranked.count == 1 ? ranked[0].articles : Array(Set(ranked.flatMap(\.articles))).sorted()
            return Term(name: ranked[0].name, slug: Slug.make(ranked[0].name), articles: articles, variants: ranked.dropFirst().map(\.name))
        }
        // Of people who share an address, the one with most articles keeps it.
        .sorted { $0.slug != $1.slug ? $0.slug < $1.slug : $0.articles.count != $1.articles.count ? $0.articles.count > $1.articles.count : $0.name < $1.name }
        var collisions: [(name: String, slug: String, other: String)] = []
        var firstOfSlug: [String: String] = [:], taken = Set(made.map(\.slug))
        for i in made.indices {
            let base = made[i].slug
            guard let other = firstOfSlug[base] else { firstOfSlug[base] = made[i].name; continue }
            var suffix = 2
            while taken.contains("\(base)-\(suffix)") { suffix += 1 }
            made[i].slug = "\(base)-\(suffix)"
            taken.insert(made[i].slug)
            collisions.append((made[i].name, made[i].slug, other))
        }
        terms = made.sorted { $0.slug < $1.slug }
        self.collisions = collisions
        index = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1.slug, $0) })
        var byName: [String: Int] = [:]
        for (position, term) in terms.enumerated() {
            for name in [term.name] + term.variants { byName[name] = position }
        }
        indexByName = byName
    }

    public func term(slug: String) -> Term? {
        index[slug].map { terms[$0] }
    }

    public func term(named name: String) -> Term? {
        (indexByName[name] ?? index[Slug.make(name)]).map { terms[$0] }
    }
}

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
        self = Self.grouping(kind: kind, articleCount: articleCount, names: names).taxonomy
    }

    /// The taxonomy of the names of every article (`names(i)` gives article i's), and each
    /// article's terms: indices into `terms`, each once, in the order the article names them.
    /// Both from one lookup per name: a Vietnamese name is slow to hash (it is normalised first),
    /// and looking each one up again by `indexByName` was half of indexing 35,000 articles.
    public static func grouping(kind: Kind, articleCount: Int, names: (Int) -> [String]) -> (taxonomy: Taxonomy, ofArticle: [[Int]]) {
        // First by spelling, then spellings grouped by slug.
        var spellingIDs: [String: Int] = [:]
        var spellings: [(name: String, uses: Int, articles: [Int])] = []
        var spellingsOfArticle: [[Int]] = []
        spellingsOfArticle.reserveCapacity(articleCount)
        for article in 0..<articleCount {
            var ofArticle: [Int] = []
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
                ofArticle.append(id)
            }
            spellingsOfArticle.append(ofArticle)
        }
        // Tags and categories that fold to one slug are one term (check reports the spellings). Authors
        // are people: names differing only in case are one person, but "Văn Thành" and "Vân Thanh"
        // are two, each with an address of its own ("van-thanh", "van-thanh-2").
        var groups: [String: [Int]] = [:]
        for (id, spelling) in spellings.enumerated() {
            let slug = Slug.make(spelling.name)
            guard !slug.isEmpty else { continue }
            groups[kind == .author ? VietnameseText.key(spelling.name) : slug, default: []].append(id)
        }
        var made: [(term: Term, spellings: [Int])] = groups.values.map { ids in
            // Most used spelling; ties broken by the spelling itself, for determinism.
            let ranked = ids.sorted { spellings[$0].uses != spellings[$1].uses ? spellings[$0].uses > spellings[$1].uses : spellings[$0].name < spellings[$1].name }
            // An article that uses two spellings is listed once; lists stay in article order.
            let articles = ranked.count == 1 ? spellings[ranked[0]].articles : Array(Set(ranked.flatMap { spellings[$0].articles })).sorted()
            let name = spellings[ranked[0]].name
            return (Term(name: name, slug: Slug.make(name), articles: articles, variants: ranked.dropFirst().map { spellings[$0].name }), ranked)
        }
        // Of people who share an address, the one with most articles keeps it.
        .sorted { a, b in
            let (a, b) = (a.term, b.term)
            return a.slug != b.slug ? a.slug < b.slug : a.articles.count != b.articles.count ? a.articles.count > b.articles.count : a.name < b.name
        }
        var collisions: [(name: String, slug: String, other: String)] = []
        var firstOfSlug: [String: String] = [:], taken = Set(made.map(\.term.slug))
        for i in made.indices {
            let base = made[i].term.slug
            guard let other = firstOfSlug[base] else { firstOfSlug[base] = made[i].term.name; continue }
            var suffix = 2
            while taken.contains("\(base)-\(suffix)") { suffix += 1 }
            made[i].term.slug = "\(base)-\(suffix)"
            taken.insert(made[i].term.slug)
            collisions.append((made[i].term.name, made[i].term.slug, other))
        }
        made.sort { $0.term.slug < $1.term.slug }
        var taxonomy = Taxonomy(kind: kind, terms: made.map(\.term), collisions: collisions)
        // Spelling → the position of its term (none for a name with no slug).
        var termOfSpelling = [Int?](repeating: nil, count: spellings.count)
        for (position, entry) in made.enumerated() {
            for id in entry.spellings { termOfSpelling[id] = position }
        }
        var byName: [String: Int] = [:]
        for (id, spelling) in spellings.enumerated() { if let position = termOfSpelling[id] { byName[spelling.name] = position } }
        taxonomy.indexByName = byName
        let ofArticle = spellingsOfArticle.map { ids in
            var seen: [Int] = []
            for id in ids { if let position = termOfSpelling[id], !seen.contains(position) { seen.append(position) } }
            return seen
        }
        return (taxonomy, ofArticle)
    }

    private init(kind: Kind, terms: [Term], collisions: [(name: String, slug: String, other: String)]) {
        self.kind = kind
        self.terms = terms
        self.collisions = collisions
        index = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1.slug, $0) })
        indexByName = [:]
    }

    public func term(slug: String) -> Term? {
        index[slug].map { terms[$0] }
    }

    public func term(named name: String) -> Term? {
        (indexByName[name] ?? index[Slug.make(name)]).map { terms[$0] }
    }
}

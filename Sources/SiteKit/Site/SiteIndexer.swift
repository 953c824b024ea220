import Foundation

/// Which articles are published in this build.
public struct PublishOptions: Sendable {
    public var includeDrafts: Bool
    public var includeFuture: Bool
    /// "Now", passed in so that a test or a rebuild decides what the future is.
    public var now: Date

    public init(includeDrafts: Bool = false, includeFuture: Bool = false, now: Date = Date()) {
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
        self.now = now
    }
}

extension Site {
    public struct Indexed: Sendable {
        public var site: Site
        /// Slug collisions resolved by a suffix, and similar things an editor should see.
        public var warnings: [SourceError]
        /// Seconds spent on the "Tin khác" lists (or recalling them), part of indexing: `--verbose` shows it apart.
        public var relatedSeconds: Double = 0
        /// The fingerprint of what "Tin khác" was made from (`RelatedLists.fingerprint`).
        var relatedFingerprint: UInt64?
    }

    /// Index: sorts, resolves URL collisions, builds taxonomies, archives, most-read and related lists
    /// (from the lists of `relatedMemo` where the changes since cannot reach them: `RelatedUpdate`).
    public static func index(_ all: [Article], config: SiteConfig, options: PublishOptions = PublishOptions(),
                             relatedMemo: RelatedMemo? = nil) throws(BuildFailure) -> Indexed {
        // Sorted as indices, then copied once: moving whole articles about in the sort cost more.
        let published = all.indices.filter {
            (options.includeDrafts || !all[$0].isDraft) && (options.includeFuture || all[$0].date <= options.now)
        }
        let newestFirst = published.sorted {
            all[$0].date != all[$1].date ? all[$0].date > all[$1].date : all[$0].sourcePath < all[$1].sourcePath
        }
        var articles = newestFirst.map { all[$0] }
        let permalinks = Permalinks(config: config)
        var warnings: [SourceError] = []

        // Unique paths: the article whose source path sorts first keeps the slug, the others get -2, -3…
        var paths = [String](repeating: "", count: articles.count)
        var taken: [String: Int] = [:]
        taken.reserveCapacity(articles.count)
        // Per wanted path, the next suffix to try: those below it are taken and stay so (without
        // it, 6,000 articles of one title tried 18 million paths).
        var nextSuffix: [String: Int] = [:]
        let byPath = bySourcePath(published, newestFirst: newestFirst, of: all)
        let days = permalinks.days(of: articles.map(\.date))
        for index in byPath {
            var slug = articles[index].slug
            var path = permalinks.article(slug: slug, day: days[index])
            if let other = taken[path] {
                warnings.append(SourceError(path: "content/" + articles[index].sourcePath,
                                            message: "slug '\(slug)' is also used by content/\(articles[other].sourcePath); using '\(articles[index].slug)-2' and up"))
                let wanted = path
                var suffix = nextSuffix[wanted] ?? 2
                repeat {
                    slug = "\(articles[index].slug)-\(suffix)"
                    path = permalinks.article(slug: slug, day: days[index])
                    suffix += 1
                } while taken[path] != nil
                nextSuffix[wanted] = suffix
            }
            articles[index].slug = slug
            paths[index] = path
            taken[path] = index
        }

        // The three at once: each is a pass over every article's names.
        let named = articles
        let grouped = parallelMap([Taxonomy.Kind.tag, .category, .author]) { kind in
            Taxonomy.grouping(kind: kind, articleCount: named.count) { named[$0].names(kind) }
        }
        let (tags, articleTags) = grouped[0], (categories, articleCategories) = grouped[1], (authors, articleAuthors) = grouped[2]
        for collision in authors.collisions {
            // The newest article with that name, among the term's (the whole archive was read once per collision).
            let newest = authors.term(slug: collision.slug)?.articles.first { articles[$0].authors.contains(collision.name) }
            let file = newest.map { "content/" + articles[$0].sourcePath } ?? "content"
            // Say what tells the names apart: "Văn Thành"/"Vân Thanh" differ in diacritics,
            // "HCM)"/"HCM" only in punctuation; both share one address otherwise.
            let difference = VietnameseText.fold(collision.name) == VietnameseText.fold(collision.other)
                ? "the names differ in diacritics" : "the names differ in punctuation or spacing"
            warnings.append(SourceError(path: file, message: "author '\(collision.name)' is not '\(collision.other)' (\(difference)): "
                                        + "two people, two pages; '\(collision.name)' is at '\(collision.slug)'"))
        }
        let relatedInput = RelatedInput.of(articles, config: config, tags: tags, tagsOf: articleTags, categories: categories,
                                           categoriesOf: articleCategories)
        let relatedStart = Date()
        let previousLists = relatedMemo?.recall()
        let relatedLists = RelatedUpdate.lists(relatedInput, previous: previousLists) { keys in
            // Only the articles the last build's words do not hold are cut into syllables.
            let terms = RelatedTerms(relatedInput, keys: keys, kept: relatedMemo?.recallWords())
            relatedMemo?.keepWords(terms.keptWords(keys: keys))
            return terms
        }
        // Most rebuilds change a body only: then the lists kept are these, and are not written again.
        if let relatedMemo, previousLists != relatedLists { relatedMemo.keep(relatedLists) }
        let related = relatedLists.lists
        let relatedSeconds = Date().timeIntervalSince(relatedStart)

        // Most read: by views, then newest.
        let mostRead = mostViewed(Array(articles.indices), of: articles, limit: config.mostReadCount)
        let mostReadByCategory = categories.terms.map { mostViewed($0.articles, of: articles, limit: config.mostReadCount) }

        let years = archives(articles, calendar: DateParsing(timeZone: config.timeZone).calendar)

        // Aliases: each old URL belongs to one article and never hides a real page.
        var aliasOwners: [String: Int] = [:]
        var errors: [SourceError] = []
        // An alias is an article's address when it is one of `taken`'s paths, with "/" before it
        // (and without its last "/"): looked up there, not in a set of 35,000 new strings.
        func isArticlePath(_ alias: String) -> Bool {
            guard alias.hasPrefix("/") else { return false }
            let path = String(alias.dropFirst())
            return taken[path] != nil || taken[path + "/"] != nil
        }
        for (index, article) in articles.enumerated() {
            for alias in article.aliases {
                if let owner = aliasOwners[alias], owner != index {
                    errors.append(SourceError(path: "content/" + article.sourcePath, line: article.provenance["aliases"]?.fieldLine,
                                              message: "alias '\(alias)' is also claimed by content/\(articles[owner].sourcePath)"))
                } else if isArticlePath(alias) {
                    errors.append(SourceError(path: "content/" + article.sourcePath, line: article.provenance["aliases"]?.fieldLine,
                                              message: "alias '\(alias)' is the address of an article"))
                } else {
                    aliasOwners[alias] = index
                }
            }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        let aliases = aliasOwners.map { (path: $0.key, article: $0.value) }.sorted { $0.path < $1.path }

        let site = Site(
            config: config, articles: articles, newestFirst: Array(articles.indices), articlePaths: paths, tags: tags, categories: categories,
            authors: authors, years: years, related: related, mostRead: mostRead,
            mostReadByCategory: mostReadByCategory, aliases: aliases, permalinks: permalinks,
            articleTags: articleTags, articleCategories: articleCategories, articleAuthors: articleAuthors
        )
        return Indexed(site: site, warnings: warnings, relatedSeconds: relatedSeconds, relatedFingerprint: relatedLists.fingerprint)
    }

    /// The positions in `newestFirst` (indices of `all`, the published ones) by source path.
    /// Articles come in the listing's order, by path already: then they are only checked to be
    /// in order, not sorted again (35,000 paths compared a few hundred thousand times).
    static func bySourcePath(_ published: [Int], newestFirst: [Int], of all: [Article]) -> [Int] {
        guard zip(published, published.dropFirst()).allSatisfy({ all[$0].sourcePath < all[$1].sourcePath }) else {
            return newestFirst.indices.sorted { all[newestFirst[$0]].sourcePath < all[newestFirst[$1]].sourcePath }
        }
        var position = [Int](repeating: 0, count: all.count)
        for (place, index) in newestFirst.enumerated() { position[index] = place }
        return published.map { position[$0] }
    }

    /// The most read of `candidates`: by views, then newest (lowest index), the unviewed left out.
    static func mostViewed(_ candidates: [Int], of articles: [Article], limit: Int) -> [Int] {
        Array(candidates.sorted { articles[$0].views != articles[$1].views ? articles[$0].views > articles[$1].views : $0 < $1 }
            .filter { articles[$0].views > 0 }.prefix(limit))
    }

    /// Years and months, newest first, from articles already sorted newest first.
    static func archives(_ articles: [Article], calendar: Calendar) -> [YearArchive] {
        var years: [YearArchive] = []
        let months = calendar.components([.year, .month], periodsOf: .month, for: articles.map(\.date))
        for index in articles.indices {
            let year = months[index].year ?? 0
            let month = months[index].month ?? 0
            if years.last?.year != year { years.append(YearArchive(year: year, articles: [], months: [])) }
            years[years.count - 1].articles.append(index)
            if years[years.count - 1].months.last?.month != month {
                years[years.count - 1].months.append(MonthArchive(month: month, articles: []))
            }
            let last = years[years.count - 1].months.count - 1
            years[years.count - 1].months[last].articles.append(index)
        }
        return years
    }
}

import Foundation

/// For each planned page, a hash of everything its bytes depend on: when it equals the one
/// recorded by the last build, the page is not rendered again (its file is still right).
/// A page with a template is signed by the hash of its model (`PageModelBuilder`), the same
/// value it is rendered from; feeds, sitemaps and the other files by what they list.
/// (The whole-site tests compare cached builds with clean ones after each kind of change.)
///
/// Signing every page builds every model; `inputKey(of:)` says, far more cheaply, what a page's
/// model is made of, so that the build's cache (`SignatureMemo`) can keep the signature of a page
/// whose inputs are those of the last build and sign only the others.
public struct PageSignatures: Sendable {
    /// Theme, settings and generator, and what every page's header shows: a change there changes every page.
    let global: UInt64
    let site: Site
    let strings: [String: String]
    let format: Formatting

    /// `settings` stands for everything of the build's settings that reaches pages (site.yml, options).
    public init(site: Site, theme: Theme, settings: UInt64) {
        self.site = site
        var global = settings
        ContentHash.combine(&global, theme.fingerprint)
        for term in site.categories.terms {
            ContentHash.combine(&global, ContentHash.of(term.name))
            ContentHash.combine(&global, ContentHash.of(term.slug))
        }
        self.global = global
        strings = theme.strings
        format = Formatting(language: site.config.language, timeZone: site.config.timeZone, monthWord: theme.strings["month"] ?? "Tháng")
    }

    /// What one article gives every page that lists it, and every feed that carries it.
    public struct ArticleParts: Sendable, Equatable {
        /// The hash of its list item (`ItemModel`).
        public var item: UInt64
        /// Everything of it that a feed shows.
        public var feed: UInt64
    }

    /// Every page's signature, everything computed (a build without an earlier one to reuse).
    public func of(_ pages: [Page]) -> [UInt64] {
        let parts = parallelMap(Array(site.articles.indices)) { self.parts(of: $0) }
        return sign(pages, parts: parts)
    }

    public func parts(of index: Int) -> ArticleParts {
        let article = site.articles[index]
        let terms = { (kind: Taxonomy.Kind, indices: [Int]) -> UInt64 in
            var hash: UInt64 = 0
            for index in indices {
                let term = site.taxonomy(kind).terms[index]
                ContentHash.combine(&hash, ContentHash.of(term.name + "\u{0}" + term.slug))
            }
            return hash
        }
        var feed = ContentHash.of(article.title)
        ContentHash.combine(&feed, ContentHash.of(site.articlePaths[index]))
        ContentHash.combine(&feed, article.date.timeIntervalSince1970.bitPattern)
        ContentHash.combine(&feed, ContentHash.of(article.summary))
        ContentHash.combine(&feed, UInt64(bitPattern: Int64(article.views)))
        ContentHash.combine(&feed, terms(.category, site.articleCategories[index]))
        ContentHash.combine(&feed, terms(.author, site.articleAuthors[index]))
        ContentHash.combine(&feed, article.body.hash)
        ContentHash.combine(&feed, terms(.tag, site.articleTags[index]))
        ContentHash.combine(&feed, UInt64(article.readingMinutes))
        ContentHash.combine(&feed, ContentHash.of(article.image ?? ""))
        ContentHash.combine(&feed, ContentHash.of(FeedWriter.feedPhoto(index, site: site)?.path ?? ""))
        ContentHash.combine(&feed, ContentHash.of(article.provenance["summary"]?.description ?? ""))
        var params = BinaryWriter()
        params.fieldMap(article.params)
        ContentHash.combine(&feed, ContentHash.of(params.bytes))
        return ArticleParts(item: ModelHash.of(PageModelBuilder.item(index, site: site, format: format)), feed: feed)
    }

    /// The signatures of `pages`, given every article's parts (by article index); `all` is every
    /// page planned (what the sitemaps list), when `pages` are some of them.
    public func sign(_ pages: [Page], parts: [ArticleParts], sitemapOf all: [Page]? = nil) -> [UInt64] {
        let models = PageModelBuilder(site: site, strings: strings, format: format, itemSignatures: parts.map(\.item))
        let sitemap = pages.contains { if case .sitemap = $0.kind { return true } else { return false } } ? sitemapHash(all ?? pages) : 0
        return parallelMap(pages) { signature($0, sitemap: sitemap, models: models, parts: parts) }
    }

    func signature(_ page: Page, sitemap: UInt64, models: PageModelBuilder, parts: [ArticleParts]) -> UInt64 {
        var hash = global
        ContentHash.combine(&hash, ContentHash.of(page.path))
        func add(_ value: UInt64) { ContentHash.combine(&hash, value) }
        if let model = models.model(of: page) {
            add(ModelHash.of(model))
            return hash
        }
        switch page.kind {
        case .feed(let source):
            for index in site.articles(of: source).prefix(site.config.feedSize) { add(parts[index].feed) }
            if case .term(let kind, let term) = source { add(ContentHash.of(site.taxonomy(kind).terms[term].name)) }
        case .redirectsFile:
            for alias in site.aliases { add(ContentHash.of(alias.path + "\u{0}" + site.articlePaths[alias.article])) }
        case .sitemap, .sitemapIndex:
            add(sitemap)
        case .robots:
            break
        case .article, .list, .termIndex, .archive, .notFound, .redirect:
            break  // signed by their models, above
        }
        return hash
    }

    /// What the model of an article page or a list page is made of, for the pages most numerous
    /// (nil for the others, which are always signed): the article's `key` (everything the site
    /// holds about it, `SignatureMemo.articleKeys`) and the list items of the articles it shows,
    /// and for a list what it shows of itself. Two builds with the same key for a page build the
    /// same model for it, so its signature can be kept; it mirrors what `PageModelBuilder` reads,
    /// and the cached-build tests check that a kept signature is the one signing would give.
    public func inputKey(of page: Page, keys: [UInt64], parts: [ArticleParts]) -> UInt64? {
        var hash = global
        ContentHash.combine(&hash, ContentHash.of(page.path))
        func add(_ value: UInt64) { ContentHash.combine(&hash, value) }
        func add(_ value: Int) { ContentHash.combine(&hash, UInt64(bitPattern: Int64(value))) }
        func items(_ indices: some Collection<Int>) {
            add(indices.count)
            for index in indices { add(parts[index].item) }
        }
        switch page.kind {
        case .article(let index):
            add(1)
            add(keys[index])
            items(site.related[index])
            items(index + 1 < site.articles.count ? [index + 1] : [])
            items(index > 0 ? [index - 1] : [])
            items(site.mostRead)
            add(site.mostRead.contains(index) ? 1 : 0)
        case .list(let list):
            add(2)
            let all = site.articles(of: list.source)
            add(all.count)
            add(ContentHash.of(list.basePath))
            add(ContentHash.of(list.pagination.scheme.rawValue))
            add(list.pagination.pageSize)
            add(list.position)
            items(list.items.map { all[$0] })
            switch list.source {
            case .home:
                add(3)
                items(site.mostRead)
            case .term(let kind, let index):
                add(4)
                add(ContentHash.of(kind.rawValue))
                let term = site.taxonomy(kind).terms[index]
                add(ContentHash.of(term.name + "\u{0}" + term.slug))
                items(kind == .category ? site.mostReadByCategory[index] : [])
            case .year(let index):
                add(5)
                let year = site.years[index]
                add(year.year)
                for month in year.months {
                    add(month.month)
                    add(month.articles.count)
                }
            case .month(let yearIndex, let monthIndex):
                add(6)
                add(site.years[yearIndex].year)
                add(site.years[yearIndex].months[monthIndex].month)
            }
        default:
            return nil
        }
        return hash
    }

    /// Every URL and its last modification, for the sitemap files. The pages are read in place:
    /// copies of the 69,000 pages of a large archive were most of it.
    private func sitemapHash(_ pages: [Page]) -> UInt64 {
        var hash: UInt64 = 0
        for index in pages.indices where PagePlanner.isInSitemap(pages[index]) {
            ContentHash.combine(&hash, ContentHash.of(pages[index].path))
            switch pages[index].kind {
            case .article(let index): ContentHash.combine(&hash, site.articles[index].date.timeIntervalSince1970.bitPattern)
            case .list(let list): ContentHash.combine(&hash, site.lastModified(list)?.timeIntervalSince1970.bitPattern ?? 0)
            default: break
            }
        }
        ContentHash.combine(&hash, site.articles.first?.date.timeIntervalSince1970.bitPattern ?? 0)
        return hash
    }
}

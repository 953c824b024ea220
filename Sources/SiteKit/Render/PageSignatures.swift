import Foundation

/// For each planned page, a hash of everything its bytes depend on: when it equals the one
/// recorded by the last build, the page is not rendered again (its file is still right).
/// A page with a template is signed by the hash of its model (`PageModelBuilder`), the same
/// value it is rendered from; feeds, sitemaps and the other files by what they list.
/// (The whole-site tests compare cached builds with clean ones after each kind of change.)
public struct PageSignatures: Sendable {
    /// Theme, settings and generator, and what every page's header shows: a change there changes every page.
    let global: UInt64
    /// What an article shows in lists (`ArticleItems`).
    let item: [UInt64]
    /// Everything of an article that a feed shows.
    let full: [UInt64]
    let site: Site
    let models: PageModelBuilder

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
        let format = Formatting(language: site.config.language, timeZone: site.config.timeZone, monthWord: theme.strings["month"] ?? "Tháng")
        let models = PageModelBuilder(site: site, strings: theme.strings, format: format, withSignatures: true)
        self.models = models
        let terms = { (kind: Taxonomy.Kind, indices: [Int]) -> UInt64 in
            var hash: UInt64 = 0
            for index in indices {
                let term = site.taxonomy(kind).terms[index]
                ContentHash.combine(&hash, ContentHash.of(term.name + "\u{0}" + term.slug))
            }
            return hash
        }
        let parts = parallelMap(Array(site.articles.indices)) { index -> (UInt64, UInt64) in
            let article = site.articles[index]
            var item = ContentHash.of(article.title)
            ContentHash.combine(&item, ContentHash.of(site.articlePaths[index]))
            ContentHash.combine(&item, article.date.timeIntervalSince1970.bitPattern)
            ContentHash.combine(&item, ContentHash.of(article.summary))
            ContentHash.combine(&item, UInt64(bitPattern: Int64(article.views)))
            ContentHash.combine(&item, terms(.category, site.articleCategories[index]))
            ContentHash.combine(&item, terms(.author, site.articleAuthors[index]))
            var full = item
            ContentHash.combine(&full, article.body.hash)
            ContentHash.combine(&full, terms(.tag, site.articleTags[index]))
            ContentHash.combine(&full, UInt64(article.readingMinutes))
            ContentHash.combine(&full, ContentHash.of(article.image ?? ""))
            ContentHash.combine(&full, ContentHash.of(FeedWriter.feedPhoto(index, site: site)?.path ?? ""))
            ContentHash.combine(&full, ContentHash.of(article.provenance["summary"]?.description ?? ""))
            var params = BinaryWriter()
            params.fieldMap(article.params)
            ContentHash.combine(&full, ContentHash.of(params.bytes))
            return (item, full)
        }
        item = models.itemSignatures ?? []
        full = parts.map(\.1)
    }

    public func of(_ pages: [Page]) -> [UInt64] {
        let sitemap = pages.contains { if case .sitemap = $0.kind { return true } else { return false } } ? sitemapHash(pages) : 0
        return parallelMap(pages) { signature($0, sitemap: sitemap) }
    }

    func signature(_ page: Page, sitemap: UInt64) -> UInt64 {
        var hash = global
        ContentHash.combine(&hash, ContentHash.of(page.path))
        func add(_ value: UInt64) { ContentHash.combine(&hash, value) }
        func items(_ indices: some Sequence<Int>) { for index in indices { add(item[index]) } }
        if let model = models.model(of: page) {
            add(ModelHash.of(model))
            return hash
        }
        switch page.kind {
        case .feed(let source):
            for index in site.articles(of: source).prefix(site.config.feedSize) { add(full[index]) }
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

    /// Every URL and its last modification, for the sitemap files.
    private func sitemapHash(_ pages: [Page]) -> UInt64 {
        var hash: UInt64 = 0
        for page in PagePlanner.sitemapURLs(pages) {
            ContentHash.combine(&hash, ContentHash.of(page.path))
            switch page.kind {
            case .article(let index): ContentHash.combine(&hash, site.articles[index].date.timeIntervalSince1970.bitPattern)
            case .list(let list): ContentHash.combine(&hash, site.lastModified(list)?.timeIntervalSince1970.bitPattern ?? 0)
            default: break
            }
        }
        ContentHash.combine(&hash, site.articles.first?.date.timeIntervalSince1970.bitPattern ?? 0)
        return hash
    }
}

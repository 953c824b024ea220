import Foundation

/// For each planned page, a hash of everything its bytes depend on: when it equals the one
/// recorded by the last build, the page is not rendered again (its file is still right).
/// Computing it costs a few hashes per page, rendering it a template run.
///
/// Keep in step with `PageRenderer`: a field a page shows must feed its signature here
/// (the whole-site tests compare cached builds with clean ones after each kind of change).
public struct PageSignatures: Sendable {
    /// Theme, settings and generator: a change there changes every page.
    let global: UInt64
    /// What an article shows in lists (`ArticleItems`).
    let item: [UInt64]
    /// Everything of an article (`item` plus body, tags, params…).
    let full: [UInt64]
    let mostRead: UInt64
    let site: Site

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
            ContentHash.combine(&full, ContentHash.of(article.provenance["summary"]?.description ?? ""))
            var params = BinaryWriter()
            params.fieldMap(article.params)
            ContentHash.combine(&full, ContentHash.of(params.bytes))
            return (item, full)
        }
        item = parts.map(\.0)
        full = parts.map(\.1)
        var mostRead: UInt64 = 0
        for index in site.mostRead { ContentHash.combine(&mostRead, item[index]) }
        self.mostRead = mostRead
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
        switch page.kind {
        case .article(let index):
            add(full[index])
            items(site.related[index])
            add(index + 1 < site.articles.count ? item[index + 1] : 0)
            add(index > 0 ? item[index - 1] : 0)
            add(mostRead)
        case .list(let list):
            let all = site.articles(of: list.source)
            let start = (list.page - 1) * site.config.pageSize
            items(all[min(start, all.count)..<min(start + site.config.pageSize, all.count)])
            add(UInt64(list.pageCount))
            add(UInt64(all.count))
            switch list.source {
            case .home: add(mostRead)
            case .term(let kind, let term):
                add(ContentHash.of(site.taxonomy(kind).terms[term].name))
                if kind == .category { items(site.mostReadByCategory[term]) }
            case .year(let year):
                for month in site.years[year].months { add(UInt64(month.month << 32 | month.articles.count)) }
            case .month: break
            }
        case .termIndex(let kind):
            for term in site.taxonomy(kind).terms { add(ContentHash.of(term.name + "\u{0}" + term.slug)); add(UInt64(term.articles.count)) }
        case .archive:
            for year in site.years {
                add(UInt64(year.year))
                for month in year.months { add(UInt64(month.month << 32 | month.articles.count)) }
            }
        case .feed(let source):
            for index in site.articles(of: source).prefix(site.config.feedSize) { add(full[index]) }
            if case .term(let kind, let term) = source { add(ContentHash.of(site.taxonomy(kind).terms[term].name)) }
        case .redirect(let alias, let article):
            add(ContentHash.of(alias))
            add(item[article])
        case .redirectsFile:
            for alias in site.aliases { add(ContentHash.of(alias.path + "\u{0}" + site.articlePaths[alias.article])) }
        case .sitemap, .sitemapIndex:
            add(sitemap)
        case .notFound, .robots:
            add(mostRead)
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
            case .list(let list): ContentHash.combine(&hash, site.articles(of: list.source).first.map { site.articles[$0].date.timeIntervalSince1970.bitPattern } ?? 0)
            default: break
            }
        }
        ContentHash.combine(&hash, site.articles.first?.date.timeIntervalSince1970.bitPattern ?? 0)
        return hash
    }
}

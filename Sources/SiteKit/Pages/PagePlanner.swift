/// Plan: every page the site needs, in a fixed order.
public enum PagePlanner {
    /// sitemaps.org allows 50,000 URLs a file; past that we write a sitemap index.
    public static let sitemapLimit = 50_000

    public static func plan(_ site: Site, sitemapLimit: Int = sitemapLimit) -> [Page] {
        var pages: [Page] = []
        let links = site.permalinks
        func paginate(_ source: ArticleList.Source, base: String, count: Int) {
            let pagination = Pagination(scheme: site.config.pagination, articleCount: count, pageSize: site.config.pageSize)
            for position in pagination.positions {
                let list = ArticleList(source: source, basePath: base, position: position, pagination: pagination)
                pages.append(Page(path: pagination.path(at: position, base: base), kind: .list(list)))
            }
        }

        for index in site.articles.indices {
            pages.append(Page(path: site.articlePaths[index], kind: .article(index)))
        }
        paginate(.home, base: "", count: site.articles.count)
        for kind in Taxonomy.Kind.allCases {
            let taxonomy = site.taxonomy(kind)
            for (index, term) in taxonomy.terms.enumerated() {
                let base = links.term(kind, slug: term.slug)
                paginate(.term(kind, index), base: base, count: term.articles.count)
                pages.append(Page(path: base + "feed.xml", kind: .feed(.term(kind, index))))
            }
            pages.append(Page(path: links.termIndex(kind), kind: .termIndex(kind)))
        }
        for (yearIndex, year) in site.years.enumerated() {
            paginate(.year(yearIndex), base: links.year(year.year), count: year.articles.count)
            for (monthIndex, month) in year.months.enumerated() {
                paginate(.month(year: yearIndex, month: monthIndex),
                         base: links.month(year: year.year, month: month.month), count: month.articles.count)
            }
        }
        pages.append(Page(path: links.archive, kind: .archive))
        for alias in site.aliases {
            pages.append(Page(path: aliasOutputPath(alias.path), kind: .redirect(alias: alias.path, article: alias.article)))
        }
        if !site.aliases.isEmpty { pages.append(Page(path: "_redirects", kind: .redirectsFile)) }
        pages.append(Page(path: "404.html", kind: .notFound))
        pages.append(Page(path: "feed.xml", kind: .feed(.home)))
        pages.append(Page(path: "robots.txt", kind: .robots))

        let urlCount = sitemapURLs(pages).count
        if urlCount <= sitemapLimit {
            pages.append(Page(path: "sitemap.xml", kind: .sitemap(part: 0)))
        } else {
            let parts = (urlCount + sitemapLimit - 1) / sitemapLimit
            for part in 1...parts { pages.append(Page(path: "sitemap-\(part).xml", kind: .sitemap(part: part))) }
            pages.append(Page(path: "sitemap.xml", kind: .sitemapIndex(parts: parts)))
        }
        return pages
    }

    /// The pages a search engine should know: HTML pages, not feeds, redirects or the 404 page.
    public static func sitemapURLs(_ pages: [Page]) -> [Page] {
        pages.filter(isInSitemap)
    }

    static func isInSitemap(_ page: Page) -> Bool {
        switch page.kind {
        case .article, .list, .termIndex, .archive: return true
        default: return false
        }
    }

    /// "/tin-tuc/123.html" is written as that file; "/tin-tuc/123" or "/a/" as a folder's index.html.
    static func aliasOutputPath(_ alias: String) -> String {
        let path = String(alias.dropFirst())
        if path.hasSuffix("/") { return path }
        let last = path.split(separator: "/").last ?? ""
        return last.contains(".") ? path : path + "/"
    }
}

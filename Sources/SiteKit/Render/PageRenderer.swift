import Foundation

/// A file ready to be written: its path below the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// Render: one planned page to the bytes of its file.
public struct PageRenderer: Sendable {
    public let site: Site
    public let theme: Theme
    /// All pages, for the sitemap.
    let sitemapPages: [Page]
    let sitemapLimit: Int
    let context: PageContext
    /// Each article's year and month, read off the archives: asking a calendar on every page cost more.
    let monthOf: [(year: Int, month: Int)]

    /// Prepares what pages share (the list items of every article) once.
    public init(site: Site, theme: Theme, pages: [Page], sitemapLimit: Int = PagePlanner.sitemapLimit) {
        self.site = site
        self.theme = theme
        self.sitemapPages = PagePlanner.sitemapURLs(pages)
        self.sitemapLimit = sitemapLimit
        self.context = PageContext(site: site, theme: theme)
        var months = [(year: Int, month: Int)](repeating: (0, 0), count: site.articles.count)
        for year in site.years {
            for month in year.months {
                for article in month.articles { months[article] = (year.year, month.month) }
            }
        }
        monthOf = months
    }

    public func renderAll(_ pages: [Page]) -> [OutputFile] {
        parallelMap(pages) { render($0) }
    }

    public func render(_ page: Page) -> OutputFile {
        let feeds = FeedWriter(site: site, context: context)
        switch page.kind {
        case .article(let index):
            return html(page, template: "article", articlePage(index, path: page.path, context))
        case .list(let list):
            return html(page, template: "list", listPage(list, path: page.path, context))
        case .termIndex(let kind):
            return html(page, template: "terms", termIndexPage(kind, path: page.path, context))
        case .archive:
            return html(page, template: "archive", archivePage(path: page.path, context))
        case .notFound:
            // Served at any depth, so its links cannot be relative.
            let absolute = PageContext(site: site.withAbsoluteLinks(), theme: theme, items: context.items)
            var fields = absolute.base(path: "404.html", title: theme.strings["not_found_title"], description: nil, noindex: true)
            fields["is_404"] = true
            return html(page, template: "404", fields)
        case .redirect(let alias, let article):
            return html(page, template: "redirect", redirectPage(alias: alias, article: article, path: page.path, context))
        case .feed(let source):
            return OutputFile(path: page.outputFile, text: feeds.rss(source, path: page.path))
        case .sitemap(let part):
            let slice = part == 0 ? sitemapPages[...] : sitemapPages.dropFirst((part - 1) * sitemapLimit).prefix(sitemapLimit)
            return OutputFile(path: page.outputFile, text: feeds.sitemap(Array(slice)))
        case .sitemapIndex(let parts):
            return OutputFile(path: page.outputFile, text: feeds.sitemapIndex(parts: parts))
        case .robots:
            return OutputFile(path: page.outputFile, text: "User-agent: *\nAllow: /\n\nSitemap: \(context.links.absolute("sitemap.xml"))\n")
        case .redirectsFile:
            let lines = site.aliases.map { "\(site.config.basePath.dropLast())\($0.path) \(site.config.basePath)\(site.articlePaths[$0.article]) 301" }
            return OutputFile(path: page.outputFile, text: lines.joined(separator: "\n") + "\n")
        }
    }

    private func html(_ page: Page, template: String, _ fields: [String: Any]) -> OutputFile {
        // The 404 page is served at any depth: its links stay rooted at the base path.
        if case .notFound = page.kind {
            let html = theme.render(fields, template: template)
            return OutputFile(path: page.outputFile, text: html.replacingOccurrences(of: Links.rootMarker, with: site.config.basePath))
        }
        return OutputFile(path: page.outputFile, text: context.render(fields, template: template, path: page.path))
    }

    private func articlePage(_ index: Int, path: String, _ context: PageContext) -> [String: Any] {
        let article = site.articles[index]
        let format = context.format
        var fields = context.base(path: path, title: article.title, description: article.summary)
        var articleFields: [String: Any] = [
            "title": article.title,
            "url": context.links.href(path, from: path),
            "date_display": format.longDate(article.date),
            "date_iso": format.isoDate(article.date),
            "authors": context.termLinks(.author, site.articleAuthors[index], from: path),
            "has_authors": !article.authors.isEmpty,
            "has_views": article.views > 0,
            "views_display": format.number(article.views),
            "tags": context.termLinks(.tag, site.articleTags[index], from: path),
            "has_tags": !article.tags.isEmpty,
            "categories": context.termLinks(.category, site.articleCategories[index], from: path),
            "body": BodyLinks.rewrite(article.bodyHTML) { context.links.href($0, from: path) },
            "reading_minutes": article.readingMinutes,
            "params": article.params.mapValues(\.templateValue),
        ]
        let monthArchive = monthPath(of: index, context)
        articleFields["month_url"] = context.links.href(monthArchive.path, from: path)
        articleFields["month_label"] = monthArchive.label
        // A summary taken from the lead paragraph would repeat it; only an editor's summary is shown.
        if !article.summary.isEmpty, article.provenance["summary"] != .derived("lead paragraph") {
            articleFields["summary"] = article.summary
        }
        if let image = article.image, !image.isEmpty { articleFields["image"] = image }
        fields["article"] = articleFields
        let related = site.related[index]
        fields["related"] = context.items(related)
        fields["has_related"] = !related.isEmpty
        // prev = the older article, next = the newer one.
        if index + 1 < site.articles.count { fields["prev"] = context.item(index + 1) }
        if index > 0 { fields["next"] = context.item(index - 1) }
        fields["most_read"] = context.items(site.mostRead.filter { $0 != index })
        fields["has_most_read"] = !site.mostRead.isEmpty
        return fields
    }

    private func monthPath(of article: Int, _ context: PageContext) -> (path: String, label: String) {
        let (year, month) = monthOf[article]
        return (site.permalinks.month(year: year, month: month), context.format.monthLabel(year: year, month: month))
    }

    private func listPage(_ list: ArticleList, path: String, _ context: PageContext) -> [String: Any] {
        let strings = theme.strings
        let all = site.articles(of: list.source)
        let start = (list.page - 1) * site.config.pageSize
        let slice = all[min(start, all.count)..<min(start + site.config.pageSize, all.count)]
        var heading: String
        var feedPath: String?
        var mostRead: [Int] = []
        var months: [[String: Any]] = []
        switch list.source {
        case .home:
            heading = strings["latest"] ?? "Tin mới nhất"
            mostRead = site.mostRead
        case .term(let kind, let index):
            let term = site.taxonomy(kind).terms[index]
            let label = strings[kind.rawValue] ?? kind.rawValue
            heading = "\(label): \(term.name)"
            feedPath = list.basePath + "feed.xml"
            if kind == .category { mostRead = site.mostReadByCategory[index] }
        case .year(let yearIndex):
            let year = site.years[yearIndex]
            heading = "\(strings["year"] ?? "Năm") \(year.year)"
            months = year.months.map { month in
                ["label": context.format.monthLabel(year: year.year, month: month.month),
                 "url": context.links.href(site.permalinks.month(year: year.year, month: month.month), from: path),
                 "count": month.articles.count]
            }
        case .month(let yearIndex, let monthIndex):
            let year = site.years[yearIndex]
            heading = context.format.monthLabel(year: year.year, month: year.months[monthIndex].month)
        }
        let isHome = list.source == .home
        let pageSuffix = list.page > 1 ? " – \(strings["page"] ?? "Trang") \(list.page)" : ""
        var fields = context.base(
            path: path, title: isHome && list.page == 1 ? nil : heading + pageSuffix,
            description: nil, feedPath: feedPath, feedTitle: "\(site.config.title) – \(heading)"
        )
        var listFields: [String: Any] = [
            "heading": heading,
            "description": "\(context.format.number(all.count)) \(strings["articles"] ?? "bài viết")",
            "is_home": isHome,
            "page": list.page,
        ]
        if let feedPath { listFields["feed_url"] = context.links.href(feedPath, from: path) }
        fields["list"] = listFields
        fields["items"] = context.items(slice)
        fields["has_pagination"] = list.pageCount > 1
        fields["pagination"] = context.pagination(list, from: path)
        fields["most_read"] = context.items(mostRead)
        fields["has_most_read"] = !mostRead.isEmpty && list.page == 1
        fields["months"] = months
        fields["has_months"] = !months.isEmpty
        return fields
    }

    private func termIndexPage(_ kind: Taxonomy.Kind, path: String, _ context: PageContext) -> [String: Any] {
        let heading = theme.strings[kind.plural] ?? kind.plural
        var fields = context.base(path: path, title: heading, description: nil)
        fields["list"] = ["heading": heading]
        // Alphabetical without diacritics, the way a Vietnamese reader looks a name up.
        let keyed: [(key: String, term: Taxonomy.Term)] = site.taxonomy(kind).terms.map { (VietnameseText.fold($0.name), $0) }
        let sorted = keyed.sorted { $0.key != $1.key ? $0.key < $1.key : $0.term.slug < $1.term.slug }.map(\.term)
        fields["terms"] = sorted
            .map { term -> [String: Any] in
                ["name": term.name, "url": context.links.href(site.permalinks.term(kind, slug: term.slug), from: path),
                 "count": term.articles.count]
            }
        return fields
    }

    private func archivePage(path: String, _ context: PageContext) -> [String: Any] {
        let heading = theme.strings["archive"] ?? "Lưu trữ"
        var fields = context.base(path: path, title: heading, description: nil)
        fields["list"] = ["heading": heading]
        fields["years"] = site.years.map { year -> [String: Any] in
            ["year": year.year, "count": year.articles.count,
             "url": context.links.href(site.permalinks.year(year.year), from: path),
             "months": year.months.map { month -> [String: Any] in
                 ["label": context.format.monthLabel(year: year.year, month: month.month), "count": month.articles.count,
                  "url": context.links.href(site.permalinks.month(year: year.year, month: month.month), from: path)]
             }]
        }
        return fields
    }

    private func redirectPage(alias: String, article: Int, path: String, _ context: PageContext) -> [String: Any] {
        var fields = context.base(path: path, title: site.articles[article].title, description: nil, noindex: true)
        fields["target_url"] = context.links.href(site.articlePaths[article], from: path)
        fields["target_canonical"] = context.links.absolute(site.articlePaths[article])
        fields["target_title"] = site.articles[article].title
        return fields
    }
}

extension Site {
    func withAbsoluteLinks() -> Site {
        var copy = self
        copy.config.relativeLinks = false
        return copy
    }
}

import Foundation

/// Builds the dictionaries templates read. Dictionaries, not structs: swift-mustache reads
/// structs through reflection at about twice the cost, and this runs for every page.
/// Immutable once made, and read by every rendering thread: hence the unchecked `Sendable`
/// (its dictionaries hold only strings, numbers and arrays of them).
struct PageContext: @unchecked Sendable {
    let site: Site
    let theme: Theme
    let links: Links
    let format: Formatting
    let items: ArticleItems
    /// `site.*` as every page sees it, links rooted (`Links.rooted`).
    let siteFields: [String: Any]
    /// The site header, once per navigation state (no category current, or category N), and the
    /// footer: the same on every page, so rendered once instead of on each of them.
    let headers: [String]
    let footer: String
    /// Each category page's path, to tell which one a page belongs to.
    let categoryPaths: [String]

    init(site: Site, theme: Theme, items: ArticleItems? = nil) {
        self.site = site
        self.theme = theme
        links = Links(config: site.config)
        format = Formatting(language: site.config.language, timeZone: site.config.timeZone, monthWord: theme.strings["month"] ?? "Tháng")
        self.items = items ?? ArticleItems(site: site, theme: theme, links: links, format: format)
        let config = site.config
        let links = self.links
        var fields: [String: Any] = [
            "title": config.title,
            "language": config.language,
            "home_url": links.rooted(""),
            "feed_url": links.rooted("feed.xml"),
            "css_url": links.rooted("assets/style.css"),
            "tags_url": links.rooted(site.permalinks.termIndex(.tag)),
            "categories_url": links.rooted(site.permalinks.termIndex(.category)),
            "authors_url": links.rooted(site.permalinks.termIndex(.author)),
            "archive_url": links.rooted(site.permalinks.archive),
            "params": config.params.mapValues(\.templateValue),
        ]
        // Sections treat any present key as true, so absent values are left out, never "".
        if !config.description.isEmpty { fields["description"] = config.description }
        if let copyright = config.copyright { fields["copyright"] = copyright }
        if config.search { fields["search_url"] = links.rooted(config.searchPath) }
        siteFields = fields
        let paths = site.categories.terms.map { site.permalinks.term(.category, slug: $0.slug) }
        categoryPaths = paths
        let chrome: [String: Any] = ["site": fields, "t": theme.strings]
        headers = (-1..<paths.count).map { current in
            var context = chrome
            context["nav"] = site.categories.terms.enumerated().map { index, term -> [String: Any] in
                ["name": term.name, "url": links.rooted(paths[index]), "is_current": index == current]
            }
            return theme.render(context, template: "partials/header")
        }
        footer = theme.render(chrome, template: "partials/footer")
    }

    /// What every page has: the site, its header and footer, the UI strings and the page's own head fields.
    func base(path: String, title: String?, description: String?, feedPath: String? = nil, feedTitle: String? = nil, noindex: Bool = false) -> [String: Any] {
        let config = site.config
        let current = categoryPaths.firstIndex { path.hasPrefix($0) } ?? -1
        var page: [String: Any] = [
            "title": title.map { "\($0) – \(config.title)" } ?? config.title,
            "canonical_url": links.absolute(path),
            "noindex": noindex,
        ]
        if let text = description ?? (config.description.isEmpty ? nil : config.description), !text.isEmpty {
            page["description"] = text
        }
        if let feedPath {
            page["feed_url"] = links.rooted(feedPath)
            page["feed_title"] = feedTitle ?? config.title
        }
        return ["site": siteFields, "t": theme.strings, "page": page,
                "header_html": headers[current + 1], "footer_html": footer]
    }

    /// Renders a page's template and resolves its rooted links for the page's place in the site.
    func render(_ fields: [String: Any], template: String, path: String) -> String {
        links.resolveRoot(theme.render(fields, template: template), page: path)
    }

    func termLinks(_ kind: Taxonomy.Kind, _ terms: [Int], from path: String) -> [[String: Any]] {
        let taxonomy = site.taxonomy(kind)
        return terms.map { index in
            let term = taxonomy.terms[index]
            return ["name": term.name, "url": links.href(site.permalinks.term(kind, slug: term.slug), from: path)]
        }
    }

    /// One article in a list or a side box, prepared once per build (`ArticleItems`).
    func item(_ index: Int) -> [String: Any] {
        items[index]
    }

    func items(_ indices: some Collection<Int>) -> [[String: Any]] {
        indices.map { items[$0] }
    }

    /// Numbered page links with gaps: 1 … 4 5 [6] 7 8 … 20.
    func pagination(_ list: ArticleList, from path: String) -> [String: Any] {
        let url = { (page: Int) in links.href(Permalinks.paginated(list.basePath, page: page), from: path) }
        var numbers: [[String: Any]] = []
        var lastShown = 0
        for page in 1...list.pageCount where page == 1 || page == list.pageCount || abs(page - list.page) <= 2 {
            if page > lastShown + 1 { numbers.append(["is_gap": true]) }
            numbers.append(["number": page, "url": url(page), "is_current": page == list.page])
            lastShown = page
        }
        var fields: [String: Any] = [
            "current": list.page, "total": list.pageCount, "pages": numbers,
            "has_prev": list.page > 1, "has_next": list.page < list.pageCount,
        ]
        if list.page > 1 { fields["prev_url"] = url(list.page - 1) }
        if list.page < list.pageCount { fields["next_url"] = url(list.page + 1) }
        return fields
    }
}

import Foundation

/// Builds the dictionaries templates read. Dictionaries, not structs: swift-mustache reads
/// structs through reflection at about twice the cost, and this runs for every page.
struct PageContext {
    let site: Site
    let theme: Theme
    let links: Links
    let format: Formatting
    let items: ArticleItems

    init(site: Site, theme: Theme, items: ArticleItems? = nil) {
        self.site = site
        self.theme = theme
        links = Links(config: site.config)
        format = Formatting(language: site.config.language, timeZone: site.config.timeZone, monthWord: theme.strings["month"] ?? "Tháng")
        self.items = items ?? ArticleItems(site: site, theme: theme, links: links, format: format)
    }

    /// What every page has: the site, its navigation, the UI strings and the page's own head fields.
    func base(path: String, title: String?, description: String?, feedPath: String? = nil, feedTitle: String? = nil, noindex: Bool = false) -> [String: Any] {
        let config = site.config
        let href = { (to: String) in links.href(to, from: path) }
        var siteFields: [String: Any] = [
            "title": config.title,
            "language": config.language,
            "home_url": href(""),
            "feed_url": href("feed.xml"),
            "css_url": href("assets/style.css"),
            "tags_url": href(site.permalinks.termIndex(.tag)),
            "categories_url": href(site.permalinks.termIndex(.category)),
            "authors_url": href(site.permalinks.termIndex(.author)),
            "archive_url": href(site.permalinks.archive),
            "params": config.params.mapValues(\.templateValue),
        ]
        // Sections treat any present key as true, so absent values are left out, never "".
        if !config.description.isEmpty { siteFields["description"] = config.description }
        if let copyright = config.copyright { siteFields["copyright"] = copyright }
        if config.search { siteFields["search_url"] = href(config.searchPath) }
        let currentCategory = site.categories.terms.indices.first { path.hasPrefix(site.permalinks.term(.category, slug: site.categories.terms[$0].slug)) }
        let nav: [[String: Any]] = site.categories.terms.enumerated().map { index, term in
            ["name": term.name, "url": href(site.permalinks.term(.category, slug: term.slug)), "is_current": index == currentCategory]
        }
        var page: [String: Any] = [
            "title": title.map { "\($0) – \(config.title)" } ?? config.title,
            "canonical_url": links.absolute(path),
            "noindex": noindex,
        ]
        if let text = description ?? (config.description.isEmpty ? nil : config.description), !text.isEmpty {
            page["description"] = text
        }
        if let feedPath {
            page["feed_url"] = href(feedPath)
            page["feed_title"] = feedTitle ?? config.title
        }
        return ["site": siteFields, "nav": nav, "t": theme.strings, "page": page]
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

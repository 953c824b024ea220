import Foundation

/// Each article as it appears in lists ("Tin khác", "Đọc nhiều", home, tag pages, prev/next),
/// rendered once per build instead of once per page it appears on: an article is listed on a
/// dozen pages, and rendering those items was most of the rendering time. Made on first use,
/// so a rebuild that renders three pages does not prepare the items of the whole archive.
///
/// Shared by every rendering thread; its table is guarded by a lock, hence the unchecked `Sendable`.
final class ArticleItems: @unchecked Sendable {
    private let site: Site
    private let theme: Theme
    private let links: Links
    private let format: Formatting
    private let lock = NSLock()
    /// Per article, once made: the fields of the item and, under `html` and `compact_html`, the
    /// theme's `partials/item` and `partials/item-compact` rendered with them (links rooted).
    /// Kept as `[String: Any]`, the type templates take, so that no page converts them again.
    private var items: [[String: Any]?]

    init(site: Site, theme: Theme, links: Links, format: Formatting) {
        self.site = site
        self.theme = theme
        self.links = links
        self.format = format
        items = Array(repeating: nil, count: site.articles.count)
    }

    subscript(index: Int) -> [String: Any] {
        if let item = lock.withLock({ items[index] }) { return item }
        // Made outside the lock: two threads may both make one item, and get the same.
        let item = make(index)
        lock.withLock { items[index] = item }
        return item
    }

    private func make(_ index: Int) -> [String: Any] {
        let article = site.articles[index]
        let site = self.site, links = self.links
        func terms(_ kind: Taxonomy.Kind, _ indices: [Int]) -> [[String: String]] {
            let taxonomy = site.taxonomy(kind)
            return indices.map { ["name": taxonomy.terms[$0].name, "url": links.rooted(site.permalinks.term(kind, slug: taxonomy.terms[$0].slug))] }
        }
        // Sections treat any present key as true, so absent values are left out, never "".
        var item: [String: Any] = [
            "title": article.title,
            "url": links.rooted(site.articlePaths[index]),
            "date_display": format.longDate(article.date),
            "date_short": format.shortDate(article.date),
            "date_iso": format.isoDate(article.date),
            "authors": terms(.author, site.articleAuthors[index]),
        ]
        if !article.summary.isEmpty { item["summary"] = article.summary }
        if article.views > 0 { item["views_display"] = format.number(article.views) }
        if let category = site.articleCategories[index].first { item["category"] = terms(.category, [category])[0] }
        var context = item
        context["t"] = theme.strings
        item["html"] = theme.render(context, template: "partials/item")
        item["compact_html"] = theme.render(context, template: "partials/item-compact")
        return item
    }
}

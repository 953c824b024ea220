/// Each article as it appears in lists ("Tin khác", "Đọc nhiều", home, tag pages, prev/next),
/// built and rendered once per build instead of once per page it appears on: an article is
/// listed on a dozen pages, and rendering those items was most of the rendering time.
struct ArticleItems: Sendable {
    /// Per article: the fields of the item and, under `html` and `compact_html`, the theme's
    /// `partials/item` and `partials/item-compact` rendered with them. Links are `Links.rooted`.
    let items: [[String: any Sendable]]

    init(site: Site, theme: Theme, links: Links, format: Formatting) {
        let strings = theme.strings
        items = parallelMap(Array(site.articles.indices)) { index in
            let article = site.articles[index]
            func terms(_ kind: Taxonomy.Kind, _ indices: [Int]) -> [[String: String]] {
                let taxonomy = site.taxonomy(kind)
                return indices.map { ["name": taxonomy.terms[$0].name, "url": links.rooted(site.permalinks.term(kind, slug: taxonomy.terms[$0].slug))] }
            }
            // Sections treat any present key as true, so absent values are left out, never "".
            var item: [String: any Sendable] = [
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
            var context: [String: Any] = item
            context["t"] = strings
            item["html"] = theme.render(context, template: "partials/item")
            item["compact_html"] = theme.render(context, template: "partials/item-compact")
            return item
        }
    }

    subscript(index: Int) -> [String: any Sendable] { items[index] }
}

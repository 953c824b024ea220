import CompiledMustache
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
    private var items: [MustacheValue?]

    init(site: Site, theme: Theme, links: Links, format: Formatting) {
        self.site = site
        self.theme = theme
        self.links = links
        self.format = format
        items = Array(repeating: nil, count: site.articles.count)
    }

    subscript(index: Int) -> MustacheValue {
        if let item = lock.withLock({ items[index] }) { return item }
        // Made outside the lock: two threads may both make one item, and get the same.
        let item = make(index)
        lock.withLock { items[index] = item }
        return item
    }

    private func make(_ index: Int) -> MustacheValue {
        let model = PageModelBuilder.item(index, site: site, format: format)
        let names = theme.templates.names
        let links = self.links
        func term(_ link: TermLink) -> MustacheValue {
            .object(MustacheObject(["name": .text(link.name), "url": links.rooted(link.path)], names: names))
        }
        // Sections treat any present name as true, so absent values are left out (nil), never "".
        var item = MustacheObject([
            "title": .text(model.title),
            "url": links.rooted(model.path),
            "date_display": .text(model.dateDisplay),
            "date_short": .text(model.dateShort),
            "date_iso": .text(model.dateISO),
            "authors": .list(model.authors.map(term)),
            "summary": model.summary.map(MustacheValue.text),
            "views_display": model.viewsDisplay.map(MustacheValue.text),
            "category": model.category.map(term),
            "thumbnail": model.thumbnail.map { thumbnail in
                .object(MustacheObject([
                    "src": links.rooted(thumbnail.jpeg.path), "webp": thumbnail.webp.map { links.rooted($0.path) },
                    "width": .number(thumbnail.jpeg.width), "height": .number(thumbnail.jpeg.height),
                ], names: names))
            },
        ], names: names)
        var context = item
        context.set("t", theme.stringValues, names: names)
        item.set("html", .fragment(theme.fragment("partials/item", context)), names: names)
        item.set("compact_html", .fragment(theme.fragment("partials/item-compact", context)), names: names)
        return .object(item)
    }
}

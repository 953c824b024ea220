import CompiledMustache
import Foundation

/// What every page's template values share, made once per build: the site's fields, the
/// header and footer (rendered once, with their links rooted), the list items of articles.
struct PageContext: Sendable {
    let site: Site
    let theme: Theme
    let links: Links
    let format: Formatting
    let items: ArticleItems
    /// `site.*` as every page sees it, links from the site root.
    let siteFields: MustacheValue
    /// The site header, once per navigation state (no category current, or category N), and the
    /// footer: the same on every page, so rendered once instead of on each of them.
    let headers: [MustacheFragment]
    let footer: MustacheFragment
    /// Each category page's path, to tell which one a page belongs to.
    let categoryPaths: [String]

    var names: MustacheNames { theme.templates.names }

    init(site: Site, theme: Theme, items: ArticleItems? = nil) {
        self.site = site
        self.theme = theme
        let links = Links(config: site.config)
        self.links = links
        format = Formatting(language: site.config.language, timeZone: site.config.timeZone, monthWord: theme.strings["month"] ?? "Tháng")
        self.items = items ?? ArticleItems(site: site, theme: theme, links: links, format: format)
        let config = site.config
        let names = theme.templates.names
        // Sections treat any present name as true, so absent values are left out (nil), never "".
        let fields = MustacheObject([
            "title": .text(config.title),
            "language": .text(config.language),
            "home_url": links.rooted(""),
            "feed_url": links.rooted("feed.xml"),
            "css_url": links.rooted(theme.assets.path("style.css")),
            "favicon_url": config.favicon.map { links.rooted($0) },
            "favicon_type": config.favicon.map { .text(SiteChrome.iconType($0)) },
            "emblem_url": config.emblem.map { links.rooted($0) },
            "agency": config.agency.map(MustacheValue.text),
            "address": config.address.map(MustacheValue.text),
            "phone": config.phone.map(MustacheValue.text),
            "phone_url": config.phone.map { .text(SiteChrome.telephoneURL($0)) },
            "email": config.email.map(MustacheValue.text),
            "license": config.license.map(MustacheValue.text),
            "has_publisher": .bool(config.agency != nil || config.address != nil || config.phone != nil || config.email != nil),
            "tags_url": links.rooted(site.permalinks.termIndex(.tag)),
            "categories_url": links.rooted(site.permalinks.termIndex(.category)),
            "authors_url": links.rooted(site.permalinks.termIndex(.author)),
            "archive_url": links.rooted(site.permalinks.archive),
            "params": FieldValue.map(config.params).mustacheValue(names),
            "description": config.description.isEmpty ? nil : .text(config.description),
            "copyright": config.copyright.map(MustacheValue.text),
            "search_url": config.search ? links.rooted(config.searchPath) : nil,
        ], names: names)
        siteFields = .object(fields)
        let paths = site.categories.terms.map { site.permalinks.term(.category, slug: $0.slug) }
        categoryPaths = paths
        let chrome = MustacheObject(["site": .object(fields), "t": theme.stringValues], names: names)
        headers = (-1..<paths.count).map { current in
            var context = chrome
            context.set("nav", .list(site.categories.terms.enumerated().map { index, term in
                .object(MustacheObject(["name": .text(term.name), "url": links.rooted(paths[index]), "is_current": .bool(index == current)], names: names))
            }), names: names)
            return theme.fragment("partials/header", context)
        }
        footer = theme.fragment("partials/footer", chrome)
    }

    /// What every page has: the site, its header and footer, the UI strings and the page's own head fields.
    func base(path: String, title: String?, description: String?, feedPath: String? = nil, feedTitle: String? = nil,
              noindex: Bool = false, shareImage: ShareImage? = nil) -> MustacheObject {
        let config = site.config
        let current = categoryPaths.firstIndex { path.hasPrefix($0) } ?? -1
        let text = description ?? (config.description.isEmpty ? nil : config.description)
        let page = MustacheObject([
            "title": .text(title.map { "\($0) – \(config.title)" } ?? config.title),
            "canonical_url": .text(links.absolute(path)),
            "noindex": .bool(noindex),
            "description": text.flatMap { $0.isEmpty ? nil : .text($0) },
            "feed_url": feedPath.map { links.rooted($0) },
            "feed_title": feedPath.map { _ in .text(feedTitle ?? config.title) },
            "image_url": shareImage.map { .text(links.absolute($0.variant.path)) },
            "image_width": shareImage.map { .number($0.variant.width) },
            "image_height": shareImage.map { .number($0.variant.height) },
            "image_alt": shareImage.map { .text($0.alt) },
        ], names: names)
        return MustacheObject(["site": siteFields, "t": theme.stringValues, "page": .object(page),
                               "header_html": .fragment(headers[current + 1]), "footer_html": .fragment(footer)], names: names)
    }

    /// Renders a page's template with its links made for the page's place in the site.
    func render(_ fields: MustacheObject, template: String, path: String) -> [UInt8] {
        theme.render(template, fields, root: links.root(of: path))
    }
}

extension FieldValue {
    /// An editor's free field as templates read it (`params.source`).
    func mustacheValue(_ names: MustacheNames) -> MustacheValue {
        switch self {
        case .string(let value): return .text(value)
        case .int(let value): return .number(value)
        case .bool(let value): return .bool(value)
        case .list(let values): return .list(values.map { $0.mustacheValue(names) })
        case .map(let values):
            var object = MustacheObject()
            for (key, value) in values { object.set(key, value.mustacheValue(names), names: names) }
            return .object(object)
        case .null: return .text("")
        }
    }
}

import CompiledMustache
import Foundation

/// The one place page models become the names templates read (the README's theme section
/// lists them per template). Links are made here, from the page's own place in the site.
struct TemplateValues {
    let context: PageContext

    private var names: MustacheNames { context.names }
    private var links: Links { context.links }

    /// The template of a model and its values.
    func of(_ model: PageModel) -> (template: String, fields: MustacheObject) {
        switch model {
        case .article(let model): return ("article", article(model))
        case .list(let model): return ("list", list(model))
        case .termIndex(let model): return ("terms", termIndex(model))
        case .archive(let model): return ("archive", archive(model))
        case .notFound(let model):
            var fields = base(model.head)
            fields.set("is_404", .bool(true), names: names)
            return ("404", fields)
        case .redirect(let model): return ("redirect", redirect(model))
        case .search(let model): return ("search", search(model))
        }
    }

    private func base(_ head: PageHead) -> MustacheObject {
        context.base(path: head.path, title: head.title, description: head.description, feedPath: head.feedPath,
                     feedTitle: head.feedTitle, noindex: head.noindex, shareImage: head.shareImage)
    }

    private func object(_ fields: KeyValuePairs<String, MustacheValue?>) -> MustacheValue {
        .object(MustacheObject(fields, names: names))
    }

    private func href(_ path: String, from head: PageHead) -> MustacheValue {
        .text(links.href(path, from: head.path))
    }

    private func terms(_ terms: [TermLink], from head: PageHead) -> MustacheValue {
        .list(terms.map { object(["name": .text($0.name), "url": href($0.path, from: head)]) })
    }

    private func items(_ references: [ItemReference]) -> MustacheValue {
        .list(references.map { context.items[$0.article] })
    }

    private func months(_ months: [MonthLink], from head: PageHead) -> MustacheValue {
        .list(months.map { object(["label": .text($0.label), "url": href($0.path, from: head), "count": .number($0.count)]) })
    }

    private func article(_ model: ArticlePageModel) -> MustacheObject {
        let head = model.head
        let body = context.site.articles[model.body.article].bodyHTML
        var fields = base(head)
        fields.set("article", object([
            "title": .text(model.title),
            "url": href(head.path, from: head),
            "date_display": .text(model.dateDisplay),
            "date_iso": .text(model.dateISO),
            "authors": terms(model.authors, from: head),
            "has_authors": .bool(!model.authors.isEmpty),
            "has_views": .bool(model.views > 0),
            "views_display": .text(model.viewsDisplay),
            "tags": terms(model.tags, from: head),
            "has_tags": .bool(!model.tags.isEmpty),
            "categories": terms(model.categories, from: head),
            "body": .html(bodyWithPictures(BodyLinks.rewrite(bodyWithVideos(body, model)) { links.href($0, from: head.path) }, model)),
            "reading_minutes": .number(model.readingMinutes),
            "params": model.params.mustacheValue(names),
            "month_url": href(model.monthPath, from: head),
            "month_label": .text(model.monthLabel),
            "summary": model.summary.map(MustacheValue.text),
            "image": model.image.map(MustacheValue.text),
            "lead_picture": model.leadPicture.flatMap { picture($0, from: head) }.map(MustacheValue.object),
        ]), names: names)
        fields.set("related", items(model.related), names: names)
        fields.set("has_related", .bool(!model.related.isEmpty), names: names)
        fields.set("prev", model.previous.map { context.items[$0.article] }, names: names)
        fields.set("next", model.next.map { context.items[$0.article] }, names: names)
        fields.set("most_read", items(model.mostRead), names: names)
        fields.set("has_most_read", .bool(model.hasMostRead), names: names)
        return fields
    }

    /// `partials/picture`'s values: `srcset` lists of each format, the fallback JPEG with its
    /// size (no layout shift), `sizes` for the theme's column width.
    private func picture(_ model: PictureModel, from head: PageHead) -> MustacheObject? {
        guard let fallback = model.image.fallback(upTo: 800) else { return nil }
        func srcset(_ variants: [ProcessedImage.Variant]) -> MustacheValue {
            .text(variants.map { "\(links.href($0.path, from: head.path)) \($0.width)w" }.joined(separator: ", "))
        }
        return MustacheObject([
            "src": href(fallback.path, from: head), "srcset": srcset(model.image.variants(.jpeg)),
            "webp_srcset": srcset(model.image.variants(.webp)),
            "sizes": .text(context.theme.strings["picture_sizes"] ?? "(max-width: 760px) calc(100vw - 2rem), 740px"),
            "width": .number(fallback.width), "height": .number(fallback.height),
            "alt": .text(model.alt), "caption": model.caption.map(MustacheValue.text), "credit": model.credit.map(MustacheValue.text),
            "has_caption": .bool(model.caption != nil || model.credit != nil),
            "lazy": .bool(!model.isEager), "is_eager": .bool(model.isEager),
        ], names: names)
    }

    /// The body's Markdown images replaced by the theme's `partials/figure` (alone in a paragraph)
    /// or `partials/picture` (within text).
    private func bodyWithPictures(_ body: String, _ model: ArticlePageModel) -> String {
        guard !model.bodyPictures.isEmpty else { return body }
        var pictures: [String: PictureModel] = [:]
        for picture in model.bodyPictures { pictures[BodyImages.key(picture.source)] = pictures[BodyImages.key(picture.source)] ?? picture.picture }
        let root = links.root(of: model.head.path)
        return BodyImages.rewrite(body) { source, alone in
            guard let picture = pictures[source], var fields = self.picture(picture, from: model.head) else { return nil }
            let template = alone ? "partials/figure" : "partials/picture"
            guard context.theme.has(template) else { return nil }
            fields.set("t", context.theme.stringValues, names: names)
            return context.theme.render(template, fields, root: root)
        }
    }

    /// The body's videos replaced by the theme's `partials/video`, before links are rooted, so
    /// that a file's address (`/video/x.mp4`) is rooted as every other link of the body.
    private func bodyWithVideos(_ body: String, _ model: ArticlePageModel) -> String {
        guard !model.bodyVideos.isEmpty, context.theme.has("partials/video") else { return body }
        var videos: [String: BodyVideo] = [:]
        for video in model.bodyVideos { videos[BodyImages.key(video.source)] = videos[BodyImages.key(video.source)] ?? video }
        let root = links.root(of: model.head.path)
        return BodyImages.rewrite(body) { source, alone in
            guard let video = videos[source] else { return nil }
            var fields = MustacheObject([
                "caption": video.caption.map(MustacheValue.text), "credit": video.credit.map(MustacheValue.text),
                "has_caption": .bool(video.caption != nil || video.credit != nil),
                "is_block": .bool(alone), "is_inline": .bool(!alone),
            ], names: names)
            switch video.video.kind {
            case .youtube:
                fields.set("youtube", object(["play_url": video.video.playURL.map(MustacheValue.text)]), names: names)
            case .file(let address):
                // BodyLinks roots `src` and `href` after this; the poster is rooted here.
                fields.set("file", object(["src": .text(address),
                                           "poster": video.poster.map { href(String($0.dropFirst()), from: model.head) }]), names: names)
            }
            fields.set("t", context.theme.stringValues, names: names)
            return context.theme.render("partials/video", fields, root: root)
        }
    }

    private func list(_ model: ListPageModel) -> MustacheObject {
        let head = model.head
        var fields = base(head)
        fields.set("list", object([
            "heading": .text(model.heading),
            "description": model.description.map(MustacheValue.text),
            "is_home": .bool(model.isHome),
            "page": model.page.map(MustacheValue.number),
            "feed_url": model.feedPath.map { href($0, from: head) },
        ]), names: names)
        fields.set("items", items(model.items), names: names)
        fields.set("has_pagination", .bool(model.pager != nil), names: names)
        fields.set("pagination", model.pager.map { pagination($0, from: head) }, names: names)
        fields.set("most_read", items(model.mostRead), names: names)
        fields.set("has_most_read", .bool(model.showMostRead), names: names)
        fields.set("months", months(model.months, from: head), names: names)
        fields.set("has_months", .bool(!model.months.isEmpty), names: names)
        return fields
    }

    /// Numbered page links with gaps, newest first: 1 … 4 5 [6] 7 8 … 20 (or, stable, Mới nhất … 8 7 [6] 5 4 … 1).
    private func pagination(_ pager: PagerModel, from head: PageHead) -> MustacheValue {
        let newest = context.theme.strings["newest_page"] ?? "Mới nhất"
        let numbers: [MustacheValue] = pager.links.map { link in
            guard let link else { return object(["is_gap": .bool(true)]) }
            return object(["number": link.number.map(MustacheValue.number), "label": .text(link.number.map(String.init) ?? newest),
                           "url": href(link.path, from: head), "is_current": .bool(link.isCurrent)])
        }
        return object([
            "current": pager.current.map(MustacheValue.number), "total": pager.total.map(MustacheValue.number), "pages": .list(numbers),
            "has_prev": .bool(pager.newerPath != nil), "has_next": .bool(pager.olderPath != nil),
            "prev_url": pager.newerPath.map { href($0, from: head) },
            "next_url": pager.olderPath.map { href($0, from: head) },
        ])
    }

    private func termIndex(_ model: TermIndexPageModel) -> MustacheObject {
        var fields = base(model.head)
        fields.set("list", object(["heading": .text(model.heading)]), names: names)
        fields.set("terms", .list(model.terms.map {
            object(["name": .text($0.name), "url": href($0.path, from: model.head), "count": .number($0.count)])
        }), names: names)
        return fields
    }

    private func archive(_ model: ArchivePageModel) -> MustacheObject {
        var fields = base(model.head)
        fields.set("list", object(["heading": .text(model.heading)]), names: names)
        fields.set("years", .list(model.years.map {
            object(["year": .number($0.year), "count": .number($0.count), "url": href($0.path, from: model.head),
                    "months": months($0.months, from: model.head)])
        }), names: names)
        return fields
    }

    private func redirect(_ model: RedirectPageModel) -> MustacheObject {
        var fields = base(model.head)
        fields.set("target_url", href(model.targetPath, from: model.head), names: names)
        fields.set("target_canonical", .text(links.absolute(model.targetPath)), names: names)
        fields.set("target_title", .text(model.targetTitle), names: names)
        return fields
    }

    private func search(_ model: SearchPageModel) -> MustacheObject {
        let path = model.head.path
        var fields = base(model.head)
        let config = context.site.config
        fields.set("search", object([
            "meta_url": href(path + "meta.json", from: model.head),
            "script_url": href(context.theme.assets.path("search.js"), from: model.head),
            "root_url": .text(config.relativeLinks ? String(repeating: "../", count: path.split(separator: "/").count) : config.basePath),
            "relative": .bool(config.relativeLinks),
            "years": .list(model.years.map { object(["year": .number($0)]) }),
            "categories": .list(model.categories.map { object(["name": .text($0.name), "slug": .text($0.slug)]) }),
            "has_categories": .bool(!model.categories.isEmpty),
        ]), names: names)
        fields.set("is_search", .bool(true), names: names)
        return fields
    }
}

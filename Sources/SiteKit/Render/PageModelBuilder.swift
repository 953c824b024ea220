import Foundation

/// From the indexed `Site` to each page's model: everything a page shows, decided here and
/// nowhere else (`TemplateValues` only turns it into template values).
struct PageModelBuilder: Sendable {
    let site: Site
    let strings: [String: String]
    let format: Formatting
    /// Each article's year and month, read off the archives: asking a calendar on every page cost more.
    let monthOf: [(year: Int, month: Int)]
    /// The hash of each article as lists show it (`ItemModel`), for signatures; without them
    /// (rendering only) item references carry 0, and no page pays for the items of the archive.
    let itemSignatures: [UInt64]?

    init(site: Site, strings: [String: String], format: Formatting, itemSignatures: [UInt64]? = nil) {
        self.site = site
        self.strings = strings
        self.format = format
        var months = [(year: Int, month: Int)](repeating: (0, 0), count: site.articles.count)
        for year in site.years {
            for month in year.months {
                for article in month.articles { months[article] = (year.year, month.month) }
            }
        }
        monthOf = months
        self.itemSignatures = itemSignatures
    }

    /// The model of a page that has a template; nil for feeds, sitemaps and other files.
    func model(of page: Page) -> PageModel? {
        switch page.kind {
        case .article(let index): return .article(article(index, path: page.path))
        case .list(let list): return .list(self.list(list, path: page.path))
        case .termIndex(let kind): return .termIndex(termIndex(kind, path: page.path))
        case .archive: return .archive(archive(path: page.path))
        case .notFound:
            return .notFound(NotFoundPageModel(head: PageHead(path: "404.html", title: strings["not_found_title"], noindex: true)))
        case .redirect(_, let article):
            return .redirect(RedirectPageModel(head: PageHead(path: page.path, title: site.articles[article].title, noindex: true),
                                               targetPath: site.articlePaths[article], targetTitle: site.articles[article].title))
        case .feed, .sitemap, .sitemapIndex, .robots, .redirectsFile:
            return nil
        }
    }

    func search(path: String) -> SearchPageModel {
        SearchPageModel(head: PageHead(path: path, title: strings["search_title"] ?? strings["search"] ?? "Tìm kiếm", noindex: true),
                        years: site.years.map(\.year),
                        categories: site.categories.terms.map { .init(name: $0.name, slug: $0.slug) })
    }

    static func item(_ index: Int, site: Site, format: Formatting) -> ItemModel {
        let article = site.articles[index]
        return ItemModel(
            title: article.title, path: site.articlePaths[index],
            dateDisplay: format.longDate(article.date), dateShort: format.shortDate(article.date), dateISO: format.isoDate(article.date),
            authors: site.articleAuthors[index].map { termLink(.author, $0, site: site) },
            summary: article.summary.isEmpty ? nil : article.summary,
            viewsDisplay: article.views > 0 ? format.number(article.views) : nil,
            category: site.articleCategories[index].first.map { termLink(.category, $0, site: site) },
            thumbnail: thumbnail(index, site: site))
    }

    /// The small picture of lists: the lead photo at the thumbnail width, JPEG and WebP.
    static func thumbnail(_ index: Int, site: Site) -> ItemModel.Thumbnail? {
        guard let lead = site.images.lead(of: index, in: site) else { return nil }
        let width = site.config.images.thumbnailWidth
        guard let jpeg = lead.processed.fallback(upTo: width) else { return nil }
        let webp = lead.processed.variants(.webp).first { $0.width == jpeg.width }
        return ItemModel.Thumbnail(jpeg: jpeg, webp: webp)
    }

    /// The lead photo and the body's pictures of an article.
    private func pictures(_ index: Int) -> (lead: PictureModel?, body: [BodyPicture]) {
        let article = site.articles[index]
        guard index < site.images.ofArticle.count else { return (nil, []) }
        var lead: PictureModel?
        var body: [BodyPicture] = []
        for (image, processed) in zip(article.images, site.images.ofArticle[index]) {
            guard let processed else { continue }
            let picture = PictureModel(image: processed, alt: image.alt, caption: image.caption, credit: image.credit,
                                       isEager: image.role == .lead || (lead == nil && body.isEmpty))
            if image.role == .lead { lead = picture } else { body.append(BodyPicture(source: image.source, picture: picture)) }
        }
        return (lead, body)
    }

    /// The body's videos (checked with the photos: a bad address stopped the build there).
    private func videos(_ article: Article) -> [BodyVideo] {
        article.images.compactMap { image in
            guard image.role == .body, case .success(let video) = VideoEmbed.parse(image.source) else { return nil }
            return BodyVideo(source: image.source, video: video, poster: site.images.videoPosters[image.source], caption: image.alt.isEmpty ? nil : image.alt, credit: image.credit)
        }
    }

    private static func termLink(_ kind: Taxonomy.Kind, _ index: Int, site: Site) -> TermLink {
        let term = site.taxonomy(kind).terms[index]
        return TermLink(name: term.name, path: site.permalinks.term(kind, slug: term.slug))
    }

    private func references(_ indices: some Sequence<Int>) -> [ItemReference] {
        indices.map { ItemReference(article: $0, signature: itemSignatures?[$0] ?? 0) }
    }

    private func article(_ index: Int, path: String) -> ArticlePageModel {
        let article = site.articles[index]
        let (year, month) = monthOf[index]
        let links = { (kind: Taxonomy.Kind, terms: [Int]) in terms.map { Self.termLink(kind, $0, site: site) } }
        let pictures = pictures(index)
        let share = pictures.lead.flatMap { lead in lead.image.share.map { ShareImage(variant: $0, alt: lead.alt) } }
        return ArticlePageModel(
            head: PageHead(path: path, title: article.title, description: article.summary, shareImage: share),
            title: article.title, dateDisplay: format.longDate(article.date), dateISO: format.isoDate(article.date),
            authors: links(.author, site.articleAuthors[index]), tags: links(.tag, site.articleTags[index]),
            categories: links(.category, site.articleCategories[index]),
            views: article.views, viewsDisplay: format.number(article.views),
            body: BodyReference(article: index, hash: article.body.hash), readingMinutes: article.readingMinutes,
            params: .map(article.params),
            monthPath: site.permalinks.month(year: year, month: month), monthLabel: format.monthLabel(year: year, month: month),
            summary: !article.summary.isEmpty && article.provenance["summary"] != .derived("lead paragraph") ? article.summary : nil,
            image: article.image.flatMap { $0.isEmpty ? nil : $0 },
            leadPicture: pictures.lead, bodyPictures: pictures.body, bodyVideos: videos(article),
            related: references(site.related[index]),
            previous: index + 1 < site.articles.count ? references([index + 1])[0] : nil,
            next: index > 0 ? references([index - 1])[0] : nil,
            mostRead: references(site.mostRead.filter { $0 != index }),
            hasMostRead: !site.mostRead.isEmpty)
    }

    private func list(_ list: ArticleList, path: String) -> ListPageModel {
        let all = site.articles(of: list.source)
        let pagination = list.pagination
        let isEntry = list.position == 0
        // A stable numbered page shows nothing that grows with the list, so it keeps its bytes.
        let showsListWide = !pagination.isFixed(at: list.position)
        var heading: String
        var feedPath: String?
        var mostRead: [Int] = []
        var months: [MonthLink] = []
        switch list.source {
        case .home:
            heading = strings["latest"] ?? "Tin mới nhất"
            mostRead = site.mostRead
        case .term(let kind, let index):
            let term = site.taxonomy(kind).terms[index]
            heading = "\(strings[kind.rawValue] ?? kind.rawValue): \(term.name)"
            feedPath = list.basePath + "feed.xml"
            if kind == .category { mostRead = site.mostReadByCategory[index] }
        case .year(let yearIndex):
            let year = site.years[yearIndex]
            heading = "\(strings["year"] ?? "Năm") \(year.year)"
            months = year.months.map { monthLink(year: year.year, $0) }
        case .month(let yearIndex, let monthIndex):
            let year = site.years[yearIndex]
            heading = format.monthLabel(year: year.year, month: year.months[monthIndex].month)
        }
        if !isEntry { mostRead = [] }
        if !showsListWide { months = [] }
        let isHome = list.source == .home
        let number = pagination.number(at: list.position)
        let pageSuffix = isEntry ? "" : " – \(strings["page"] ?? "Trang") \(number ?? 1)"
        let head = PageHead(path: path, title: isHome && isEntry ? nil : heading + pageSuffix,
                            feedPath: feedPath, feedTitle: "\(site.config.title) – \(heading)")
        return ListPageModel(
            head: head, heading: heading,
            description: showsListWide ? "\(format.number(all.count)) \(strings["articles"] ?? "bài viết")" : nil,
            isHome: isHome, page: number, pager: pager(list), feedPath: feedPath,
            items: references(list.items.map { all[$0] }), mostRead: references(mostRead), showMostRead: !mostRead.isEmpty,
            months: months)
    }

    private func pager(_ list: ArticleList) -> PagerModel? {
        let pagination = list.pagination
        guard pagination.pageCount > 1 else { return nil }
        let position = list.position
        let path = { (position: Int) in pagination.path(at: position, base: list.basePath) }
        return PagerModel(
            links: pagination.window(around: position).map { shown in
                shown.map { .init(number: pagination.number(at: $0), path: path($0), isCurrent: $0 == position) }
            },
            newerPath: position > 0 ? path(position - 1) : nil,
            olderPath: position + 1 < pagination.pageCount ? path(position + 1) : nil,
            current: pagination.number(at: position),
            total: pagination.scheme == .stable ? nil : pagination.pageCount)
    }

    private func monthLink(year: Int, _ month: Site.MonthArchive) -> MonthLink {
        MonthLink(label: format.monthLabel(year: year, month: month.month), path: site.permalinks.month(year: year, month: month.month),
                  count: month.articles.count)
    }

    private func termIndex(_ kind: Taxonomy.Kind, path: String) -> TermIndexPageModel {
        let heading = strings[kind.plural] ?? kind.plural
        // In the order of a Vietnamese dictionary (D before Đ), the way a reader looks a name up.
        let sorted = VietnameseCollation.sorted(site.taxonomy(kind).terms, name: \.name) { $0.slug < $1.slug }
        return TermIndexPageModel(head: PageHead(path: path, title: heading), heading: heading, terms: sorted.map {
            .init(name: $0.name, path: site.permalinks.term(kind, slug: $0.slug), count: $0.articles.count)
        })
    }

    private func archive(path: String) -> ArchivePageModel {
        let heading = strings["archive"] ?? "Lưu trữ"
        return ArchivePageModel(head: PageHead(path: path, title: heading), heading: heading, years: site.years.map { year in
            .init(year: year.year, path: site.permalinks.year(year.year), count: year.articles.count,
                  months: year.months.map { monthLink(year: year.year, $0) })
        })
    }
}

/// An article as lists show it.
struct ItemModel: Encodable {
    var title: String
    var path: String
    var dateDisplay: String
    var dateShort: String
    var dateISO: String
    var authors: [TermLink]
    var summary: String?
    var viewsDisplay: String?
    var category: TermLink?
    var thumbnail: Thumbnail?

    struct Thumbnail: Encodable {
        var jpeg: ProcessedImage.Variant
        var webp: ProcessedImage.Variant?
    }
}

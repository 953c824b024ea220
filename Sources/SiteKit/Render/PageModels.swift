import Foundation

// What each kind of page shows, as plain values: built from `Site` by `PageModelBuilder`,
// turned into template values in one place (`TemplateValues`), and hashed for the cache
// (`ModelHash`): a page whose model did not change since the last build is not rendered again.
// Links are site paths here; they become links from the page when converted.

/// The `<head>` of a page and the chrome around it.
struct PageHead: Encodable {
    var path: String
    var title: String?
    var description: String?
    var feedPath: String?
    var feedTitle: String?
    var noindex = false
    /// The picture shares show (og:image), from the article's lead photo.
    var shareImage: ShareImage? = nil
}

struct ShareImage: Encodable {
    var variant: ProcessedImage.Variant
    var alt: String
}

/// A photo as a page shows it: `partials/picture` (and `partials/figure`, with its caption).
struct PictureModel: Encodable {
    var image: ProcessedImage
    var alt: String
    var caption: String?
    var credit: String?
    /// In the first screen (the lead photo): loaded at once, not lazily.
    var isEager: Bool
}

/// A Markdown image of the body, by its address as written, and the picture that replaces it.
struct BodyPicture: Encodable {
    var source: String
    var picture: PictureModel
}

/// A video of the body (a Markdown image whose address is a video), with its caption and credit.
struct BodyVideo: Encodable {
    var source: String
    var video: VideoEmbed
    /// A file's poster, from the site root.
    var poster: String?
    var caption: String?
    var credit: String?
}

/// A tag, category or author as a page links to it.
struct TermLink: Encodable {
    var name: String
    var path: String
}

/// An article as lists show it (`ArticleItems` renders it once per build); it enters a page's
/// signature by the hash of what the item shows.
struct ItemReference: Encodable {
    var article: Int
    var signature: UInt64

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(signature)
    }
}

/// An article's body, by its hash (its HTML is kilobytes; the hash was made when it was read).
struct BodyReference: Encodable {
    var article: Int
    var hash: UInt64

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hash)
    }
}

struct ArticlePageModel: Encodable {
    var head: PageHead
    var title: String
    var dateDisplay: String
    var dateISO: String
    var authors: [TermLink]
    var tags: [TermLink]
    var categories: [TermLink]
    var views: Int
    var viewsDisplay: String
    var body: BodyReference
    var readingMinutes: Int
    /// `FieldValue.map`, whose keys are hashed in sorted order (a dictionary's order changes between runs).
    var params: FieldValue
    var monthPath: String
    var monthLabel: String
    /// Only an editor's summary: one taken from the lead paragraph would repeat it.
    var summary: String?
    var image: String?
    var leadPicture: PictureModel? = nil
    var bodyPictures: [BodyPicture] = []
    var bodyVideos: [BodyVideo] = []
    var related: [ItemReference]
    /// The older article and the newer one.
    var previous: ItemReference?
    var next: ItemReference?
    var mostRead: [ItemReference]
    var hasMostRead: Bool
}

struct MonthLink: Encodable {
    var label: String
    var path: String
    var count: Int
}

/// A list's pager, as one page shows it. Only what the page shows is here: a stable numbered page
/// carries no total and no link to a page further than two away, so that it stays the same bytes
/// (and the same signature) while newer articles are published.
struct PagerModel: Encodable {
    struct Link: Encodable {
        /// nil for the stable list's own address (the newest articles), which has no number.
        var number: Int?
        var path: String
        var isCurrent: Bool
    }

    /// In reading order, newest first; nil where pages are left out.
    var links: [Link?]
    var newerPath: String?
    var olderPath: String?
    var current: Int?
    var total: Int?
}

struct ListPageModel: Encodable {
    var head: PageHead
    var heading: String
    /// The number of articles; nil on pages that must not change as the list grows.
    var description: String?
    var isHome: Bool
    /// The page's number (nil at a stable list's own address).
    var page: Int?
    /// nil when the list fits on one page.
    var pager: PagerModel?
    var feedPath: String?
    var items: [ItemReference]
    var mostRead: [ItemReference]
    var showMostRead: Bool
    var months: [MonthLink]
}

struct TermIndexPageModel: Encodable {
    struct Entry: Encodable {
        var name: String
        var path: String
        var count: Int
    }

    var head: PageHead
    var heading: String
    var terms: [Entry]
}

struct ArchivePageModel: Encodable {
    struct Year: Encodable {
        var year: Int
        var path: String
        var count: Int
        var months: [MonthLink]
    }

    var head: PageHead
    var heading: String
    var years: [Year]
}

struct NotFoundPageModel: Encodable {
    var head: PageHead
}

struct RedirectPageModel: Encodable {
    var head: PageHead
    var targetPath: String
    var targetTitle: String
}

struct SearchPageModel: Encodable {
    struct Category: Encodable {
        var name: String
        var slug: String
    }

    var head: PageHead
    var years: [Int]
    var categories: [Category]
}

/// One of the models above, for a page that has a template.
enum PageModel: Encodable {
    case article(ArticlePageModel)
    case list(ListPageModel)
    case termIndex(TermIndexPageModel)
    case archive(ArchivePageModel)
    case notFound(NotFoundPageModel)
    case redirect(RedirectPageModel)
    case search(SearchPageModel)
}

extension FieldValue: Encodable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        switch self {
        case .string(let value): try container.encode(0); try container.encode(value)
        case .int(let value): try container.encode(1); try container.encode(value)
        case .bool(let value): try container.encode(2); try container.encode(value)
        case .list(let values): try container.encode(3); try container.encode(values)
        case .map(let values):
            try container.encode(4)
            for key in values.keys.sorted() {
                try container.encode(key)
                try container.encode(values[key]!)
            }
        case .null: try container.encode(5)
        }
    }
}

import Foundation

/// The site's settings, from `site.yml`. Every key has a default so a new site needs only a title.
public struct SiteConfig: Sendable, Equatable {
    public struct KeywordRule: Sendable, Equatable {
        /// The tag or category the rule gives.
        public var name: String
        /// Phrases looked for in a legacy article's title and text, case-insensitively.
        public var keywords: [String] {
            didSet { needles = Self.needles(keywords) }
        }
        /// The keywords lowercased, in NFC, as UTF-8: made once, not once per article searched.
        private(set) var needles: [[UInt8]]

        public init(name: String, keywords: [String]) {
            self.name = name
            self.keywords = keywords
            needles = Self.needles(keywords)
        }

        static func needles(_ keywords: [String]) -> [[UInt8]] {
            keywords.map { Array(VietnameseText.lowercase(VietnameseText.nfc($0)).utf8) }
        }
    }

    public struct Permalinks: Sendable, Equatable {
        public var article = ":year/:month/:slug/"
        public var tag = "chu-de/:slug/"
        public var category = "chuyen-muc/:slug/"
        public var author = "tac-gia/:slug/"
    }

    public var title = "Lưu trữ tin tức"
    public var description = ""
    public var baseURL = "/"
    public var language = "vi"
    public var timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    public var pageSize = 10
    /// How lists are numbered: `stable` (from the oldest, so full pages never change) or `newest_first`.
    public var pagination = Pagination.Scheme.stable
    public var feedSize = 50
    public var relatedCount = 6
    public var mostReadCount = 5
    public var summaryLength = 200
    public var unsafeHTML = false
    public var smartPunctuation = false
    public var relativeLinks = false
    public var defaultCategory: String?
    public var copyright: String?
    public var tagRules: [KeywordRule] = []
    public var categoryRules: [KeywordRule] = []
    public var permalinks = Permalinks()
    /// The static search page and index (`search: false` turns them off), and where they go.
    public var search = true
    public var searchPath = "tim-kiem/"
    /// The archive's first day (`archive_start: 2016-01-01`): a legacy date before it is a warning.
    public var archiveStart: Date?
    /// The old CMS's article URL (`legacy_url: "/tin-tuc/{id}.html"`): imported articles keep it as an alias.
    public var legacyURL: String?
    /// Outlets bylines name as sources: the default Vietnamese list, plus `outlets:` of site.yml.
    public var outlets = Outlets.vietnamese
    /// Dates from an old CMS's export or the old sitemap (`path or id,date`), relative to the site.
    public var datesFile = "data/dates.csv"
    /// Symbolic links in `content/` may lead outside the site folder (`allow_outside_links: true`,
    /// say for years of an archive kept on another disk); off, they are skipped with a warning,
    /// so that a stray link to `/etc` publishes nothing.
    public var allowOutsideLinks = false
    /// Photo processing (`images:`): widths, qualities, limits.
    public var images = ImageSettings()
    /// Who publishes the site, as the footer says it: the agency, its address, a phone and an
    /// e-mail address, and the licence of the content.
    public var agency: String?
    public var address: String?
    public var phone: String?
    public var email: String?
    public var license: String?
    /// Files of `static/` (`images/emblem.svg`, from the site root) for the browser's tab icon
    /// and the emblem beside the site's name; with their lines in site.yml, for messages.
    public var favicon: String?
    public var emblem: String?
    public var fileLines: [String: Int] = [:]
    /// Keys we do not know, for templates (`site.params.x`).
    public var params: [String: FieldValue] = [:]

    public init() {}

    /// The part of `base_url` after the host, always starting and ending with "/" ("/luu-tru/").
    public var basePath: String {
        var path = baseURL
        if let scheme = path.range(of: "://") {
            let afterScheme = path[scheme.upperBound...]
            path = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        }
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// `base_url` with a final "/", for absolute links in feeds, sitemaps and canonical tags.
    public var absoluteBase: String {
        baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }
}

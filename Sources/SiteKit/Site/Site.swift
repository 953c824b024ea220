import Foundation

/// Index: the whole archive in memory, ready to be cut into pages.
public struct Site: Sendable {
    public struct MonthArchive: Sendable {
        public var month: Int
        public var articles: [Int]
    }

    public struct YearArchive: Sendable {
        public var year: Int
        public var articles: [Int]
        /// Newest month first.
        public var months: [MonthArchive]
    }

    public var config: SiteConfig
    /// Published articles, newest first (ties by source path, for determinism).
    public var articles: [Article]
    /// 0..<articles.count, kept as an array so the home page list is not rebuilt for every page.
    public var newestFirst: [Int]
    /// Each article's output path ("2023/08/slug/"), unique.
    public var articlePaths: [String]
    public var tags: Taxonomy
    public var categories: Taxonomy
    public var authors: Taxonomy
    /// Newest year first.
    public var years: [YearArchive]
    /// "Tin khác" of each article.
    public var related: [[Int]]
    /// Most viewed articles, site-wide.
    public var mostRead: [Int]
    /// Most viewed per category (same order as `categories.terms`).
    public var mostReadByCategory: [[Int]]
    /// Alias path ("/tin-tuc/123.html") → article.
    public var aliases: [(path: String, article: Int)]
    public var permalinks: Permalinks
    /// Term indices of each article, to avoid looking names up again when rendering.
    public var articleTags: [[Int]]
    public var articleCategories: [[Int]]
    public var articleAuthors: [[Int]]
    /// The articles' photos as processed (set by the build before pages are planned).
    public var images = SiteImages()
}

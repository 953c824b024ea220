import Foundation

/// A complete, typed article: everything a page needs, each inferred value with its provenance.
public struct Article: Sendable {
    /// Path relative to the content folder ("2023/08/ban-thuong-vu.md").
    public var sourcePath: String
    public var format: SourceDocument.Format
    public var title: String
    /// ASCII slug; made unique across the archive when the site is indexed.
    public var slug: String
    public var date: Date
    public var authors: [String]
    public var views: Int
    public var tags: [String]
    public var categories: [String]
    /// Plain text (never HTML): front matter's summary or the lead paragraph, cut at a word.
    public var summary: String
    /// Old URLs that must keep working, as root-relative paths.
    public var aliases: [String]
    public var image: String?
    public var isDraft: Bool
    public var weight: Int
    public var wordCount: Int
    public var readingMinutes: Int
    /// The body rendered by cmark: the only HTML from content that reaches pages unescaped.
    public var body: ArticleBody
    /// Front-matter keys we do not know, for templates.
    public var params: [String: FieldValue]
    public var provenance: [String: Provenance]
    /// The lead photo (first, when there is one) and the body's Markdown images, in order.
    public var images: [ArticleImage] = []
    /// A hash of the article as it was enriched (its bytes as the cache keeps them), when the build
    /// loaded it: signing the pages needs a key of every article, and encoding 35,000 of them again
    /// for it was 8.5 % of a one-edit rebuild's main thread. Indexing changes the slug and the date afterwards
    /// (`SignatureMemo.articleKey` keys those apart); whatever changes anything else sets it to nil.
    var fingerprint: UInt64?

    /// Its tags, categories or authors, as it names them.
    public func names(_ kind: Taxonomy.Kind) -> [String] {
        switch kind {
        case .tag: tags
        case .category: categories
        case .author: authors
        }
    }

    /// The body's HTML (decoded from the cache's bytes when it came from there).
    public var bodyHTML: String {
        get { body.html }
        set { body = ArticleBody(html: newValue) }
    }
}

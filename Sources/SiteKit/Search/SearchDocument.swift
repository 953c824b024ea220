/// One article as search sees it. Documents are numbered in the order given, oldest first, so
/// that a new article appends to the index instead of renumbering it.
public struct SearchDocument: Sendable {
    public var title: String
    /// URL path below the site root ("2023/08/slug/").
    public var path: String
    /// The date in the site's time zone, as yyyymmdd.
    public var day: Int
    /// 1-based index into the index's categories; 0 for none.
    public var category: Int
    /// Tags, categories and authors: matched like the title, boosted less.
    public var terms: [String]
    /// An editor's summary, searched like the body (a summary taken from the lead paragraph is already in the body).
    public var summary: String
    public var body: ArticleBody
    /// Shown under the title in the results.
    public var snippet: String

    public init(title: String, path: String, day: Int, category: Int = 0, terms: [String] = [], summary: String = "",
                bodyHTML: String, snippet: String = "") {
        self.init(title: title, path: path, day: day, category: category, terms: terms, summary: summary,
                  body: ArticleBody(html: bodyHTML), snippet: snippet)
    }

    init(title: String, path: String, day: Int, category: Int, terms: [String], summary: String,
         body: ArticleBody, snippet: String) {
        self.title = title
        self.path = path
        self.day = day
        self.category = category
        self.terms = terms
        self.summary = summary
        self.body = body
        self.snippet = snippet
    }

    public var bodyHTML: String {
        get { body.html }
        set { body = ArticleBody(html: newValue) }
    }
}

import Foundation

/// Enrich: turns one `SourceDocument` into a complete `Article`, inferring what the file does not say.
public struct Enricher: Sendable {
    public struct Result: Sendable {
        public var article: Article
        /// Not fatal, but the editor should know (a date taken from the file's modification time).
        public var warnings: [SourceError]
    }

    static let knownKeys: Set<String> = [
        "title", "date", "author", "authors", "views", "tags", "categories", "category", "summary",
        "slug", "aliases", "image", "image_alt", "image_caption", "image_credit", "draft", "weight",
    ]

    public let config: SiteConfig
    public let views: ViewsTable
    let markdown: MarkdownRenderer
    let dates: DateParsing

    public init(config: SiteConfig, views: ViewsTable) {
        self.config = config
        self.views = views
        self.markdown = MarkdownRenderer(unsafeHTML: config.unsafeHTML, smartPunctuation: config.smartPunctuation)
        self.dates = DateParsing(timeZone: config.timeZone)
    }

    public func enrich(_ document: SourceDocument) throws(SourceError) -> Result {
        let file = "content/" + document.path
        var provenance: [String: Provenance] = [:]
        let warnings: [SourceError] = []
        let fields = document.fields
        func origin(_ key: String) -> Provenance {
            let line = document.fieldLines[key] ?? 1
            return document.format == .markdown ? .frontMatter(line: line) : .legacyLine(line)
        }
        func fail(_ key: String, _ message: String) -> SourceError {
            SourceError(path: file, line: document.fieldLines[key], message: message)
        }

        // Title
        guard let title = fields["title"]?.text.map(Self.clean), !title.isEmpty else {
            throw SourceError(path: file, line: document.fieldLines["title"] ?? 1, message: "missing title (add 'title:' to the front matter)")
        }
        provenance["title"] = origin("title")

        // Slug
        var slug: String
        if let given = fields["slug"] {
            guard let text = given.text, Slug.isSafe(text) else {
                throw fail("slug", "slug must be lowercase letters, digits and hyphens (no '/', '..' or spaces)")
            }
            slug = text
            provenance["slug"] = origin("slug")
        } else {
            slug = Slug.make(title)
            provenance["slug"] = .derived("from the title")
            if slug.isEmpty {
                slug = Slug.make((document.path as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: "-"))
                provenance["slug"] = .derived("from the file name (the title has no Latin letters)")
            }
        }

        // Date: front matter, then the path, then the text, then the file's modification time.
        let date: Date
        if let value = fields["date"] {
            guard let text = value.text, let parsed = dates.parse(text) else {
                throw fail("date", "cannot read the date '\(value.text ?? "")' (write 2023-08-01 or 2023-08-01T08:30:00+07:00)")
            }
            date = parsed
            provenance["date"] = origin("date")
        } else if let fromPath = LegacyTextParser.pathDate(document.path),
                  let parsed = dates.date(year: fromPath.year, month: fromPath.month, day: fromPath.day ?? 1) {
            date = parsed
            provenance["date"] = .path(document.path)
        } else if let found = document.textDate, let year = found.year,
                  let parsed = dates.date(year: year, month: found.month, day: found.day) {
            date = parsed
            provenance["date"] = .text(excerpt: found.excerpt, line: found.line)
        } else if let found = document.textDate {
            // No year in the text: the file time's for now; `ArchiveDates` takes the neighbours' when it can.
            let year = dates.calendar.component(.year, from: document.modified)
            date = dates.date(year: year, month: found.month, day: found.day) ?? document.modified
            provenance["date"] = .textWithoutYear(excerpt: found.excerpt, line: found.line, day: found.day, month: found.month,
                                                  weekday: found.weekday)
        } else {
            date = document.modified
            provenance["date"] = .modificationTime
        }

        // Authors
        var authors: [String] = []
        var params: [String: FieldValue] = [:]
        if document.format == .legacyText, let signature = fields["author"]?.text {
            // A legacy signature holds people and an outlet: "Theo VnExpress", "Văn Sơn (TTXVN)".
            let byline = Byline.parse(Self.clean(signature), outlets: config.outlets)
            authors = Self.unique(byline.authors)
            if !authors.isEmpty { provenance["authors"] = origin("author") }
            if let source = byline.source {
                params["source"] = .string(source)
                provenance["source"] = origin("author")
            }
        } else if let value = fields["authors"] ?? fields["author"] {
            guard let names = value.texts else { throw fail(fields["authors"] != nil ? "authors" : "author", "expected a name or a list of names") }
            authors = Self.unique(names.map(Self.clean))
            provenance["authors"] = origin(fields["authors"] != nil ? "authors" : "author")
        }

        // Views: the analytics export wins over what the article says.
        var viewCount = 0
        if let exported = views.views(slug: slug, sourcePath: document.path) {
            viewCount = exported
            provenance["views"] = .viewsFile(views.source)
        } else if let value = fields["views"] {
            guard let number = value.text.flatMap(ViewsTable.number), ViewsTable.range.contains(number) else {
                throw fail("views", "views must be a whole number from 0 to \(ViewsTable.range.upperBound)")
            }
            viewCount = number
            provenance["views"] = origin("views")
        }

        // Tags and categories: front matter, else keyword rules for legacy text, else the site default.
        let searchable = document.format == .legacyText ? VietnameseText.lowercase(title + "\n" + document.body) : ""
        var tags: [String] = []
        if let value = fields["tags"] {
            guard let names = value.texts else { throw fail("tags", "expected a list of tags") }
            tags = Self.unique(names.map(Self.clean))
            provenance["tags"] = origin("tags")
        } else if document.format == .legacyText {
            let matched = Self.apply(config.tagRules, to: searchable)
            tags = matched.map(\.name)
            if let first = matched.first { provenance["tags"] = .keywordRule(keyword: first.keyword) }
        }
        var categories: [String] = []
        let categoryKey = fields["categories"] != nil ? "categories" : "category"
        if let value = fields[categoryKey] {
            guard let names = value.texts else { throw fail(categoryKey, "expected a category or a list of them") }
            categories = Self.unique(names.map(Self.clean))
            provenance["categories"] = origin(categoryKey)
        } else if document.format == .legacyText, let match = Self.apply(config.categoryRules, to: searchable).first {
            categories = [match.name]
            provenance["categories"] = .keywordRule(keyword: match.keyword)
        }
        if categories.isEmpty, let fallback = config.defaultCategory {
            categories = [fallback]
            provenance["categories"] = .siteDefault("default_category")
        }

        // Body, summary, reading time
        let rendered = markdown.render(document.body)
        let summary: String
        if let value = fields["summary"], value != .string(""), value != .null {
            guard let text = value.text else { throw fail("summary", "expected text") }
            summary = Self.clean(text)
            provenance["summary"] = origin("summary")
        } else {
            summary = Self.shorten(Self.clean(rendered.leadText), to: config.summaryLength)
            provenance["summary"] = .derived("lead paragraph")
        }

        // Aliases: old URLs, checked so that none can write outside the output folder.
        var aliases: [String] = []
        if let value = fields["aliases"] {
            guard let paths = value.texts else { throw fail("aliases", "expected a list of old URLs") }
            for path in paths {
                guard let normalised = AliasPath.normalise(path) else {
                    throw fail("aliases", "alias '\(path)' is not a safe path inside the site (no '..', '\\', NUL or host)")
                }
                aliases.append(normalised)
            }
            provenance["aliases"] = origin("aliases")  // the line, for the writer's checks (OutputPlan)
        }

        var isDraft = false
        if let value = fields["draft"] {
            guard case .bool(let flag) = value else { throw fail("draft", "draft must be true or false") }
            isDraft = flag
        }
        var weight = 0
        if let value = fields["weight"] {
            guard case .int(let number) = value else { throw fail("weight", "weight must be a whole number") }
            weight = number
        }
        for (key, value) in fields where !Self.knownKeys.contains(key) { params[key] = value }
        let images = try self.images(fields, document: document, body: rendered.images, title: title, fail: fail)

        var article = Article(
            sourcePath: document.path, format: document.format, title: title, slug: slug, date: date,
            authors: authors, views: viewCount, tags: tags, categories: categories, summary: summary,
            aliases: aliases, image: fields["image"]?.text, isDraft: isDraft, weight: weight,
            wordCount: rendered.wordCount, readingMinutes: max(1, (rendered.wordCount + 199) / 200),
            body: ArticleBody(html: rendered.html), params: params, provenance: provenance
        )
        article.images = images
        return Result(article: article, warnings: warnings)
    }

    /// The lead photo of the front matter, then the body's images, each with its line in the file.
    func images(_ fields: [String: FieldValue], document: SourceDocument, body: [MarkdownRenderer.Image], title: String,
                fail: (String, String) -> SourceError) throws(SourceError) -> [ArticleImage] {
        var images: [ArticleImage] = []
        func text(_ key: String) throws(SourceError) -> String? {
            guard let value = fields[key], value != .null else { return nil }
            guard let text = value.text else { throw fail(key, "expected text") }
            let cleaned = Self.clean(text)
            return cleaned.isEmpty ? nil : cleaned
        }
        if let source = try text("image") {
            images.append(ArticleImage(source: source, line: document.fieldLines["image"], role: .lead,
                                       alt: try text("image_alt") ?? title, caption: try text("image_caption"),
                                       credit: try text("image_credit")))
        }
        for image in body {
            let caption = Self.clean(image.text)
            let credit = Self.clean(image.title)
            images.append(ArticleImage(source: image.url, line: document.bodyLine + image.line - 1, role: .body, alt: caption,
                                       caption: caption.isEmpty ? nil : caption, credit: credit.isEmpty ? nil : credit))
        }
        return images
    }

    /// Collapses runs of white space (incl. non-breaking spaces) and trims: how names and titles compare.
    /// Control characters are dropped: they are invalid in HTML and XML, and `Links.rootMarker` is one.
    static func clean(_ text: String) -> String {
        // Most fields are already clean: one pass to find out, before splitting and joining.
        var previousWasSpace = true
        var isClean = true
        for scalar in text.unicodeScalars {
            let isSpace = scalar == " "
            if (isSpace && previousWasSpace) || scalar.value < 0x20 || scalar.value == 0x7F
                || (!isSpace && scalar.value > 0x7F && scalar.properties.isWhitespace) {
                isClean = false
                break
            }
            previousWasSpace = isSpace
        }
        if isClean && !previousWasSpace { return VietnameseText.nfc(text) }
        return VietnameseText.nfc(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            .filter { !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }
    }

    static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { !$0.isEmpty && seen.insert(VietnameseText.key($0)).inserted }
    }

    /// The rules whose keyword occurs in the text, in the order the site lists them.
    /// Searched as UTF-8 bytes of NFC text: `String.contains` walks grapheme clusters, and with
    /// dozens of keywords over every legacy article it was a third of a large build.
    static func apply(_ rules: [SiteConfig.KeywordRule], to lowercasedText: String) -> [(name: String, keyword: String)] {
        let text = Array(VietnameseText.nfc(lowercasedText).utf8)
        var matches: [(name: String, keyword: String)] = []
        for rule in rules {
            let found = rule.needles.firstIndex { Self.bytes(text, contain: $0) }
            if let found, !matches.contains(where: { $0.name == rule.name }) {
                matches.append((rule.name, rule.keywords[found]))
            }
        }
        return matches
    }

    /// Whether `needle` occurs in `haystack`: memchr to each candidate first byte, then memcmp.
    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        return haystack.withUnsafeBytes { text in
            needle.withUnsafeBytes { word in
                var offset = 0
                let last = text.count - word.count
                while offset <= last {
                    guard let hit = memchr(text.baseAddress! + offset, Int32(first), last - offset + 1) else { return false }
                    let position = text.baseAddress!.distance(to: UnsafeRawPointer(hit))
                    if memcmp(text.baseAddress! + position, word.baseAddress!, word.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    /// Cuts at a word boundary and marks the cut, so a summary never ends in half a word.
    static func shorten(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let prefix = text.prefix(limit)
        let cut = prefix.lastIndex(of: " ") ?? prefix.endIndex
        return prefix[..<cut].trimmingCharacters(in: CharacterSet(charactersIn: " ,;:")) + "…"
    }
}

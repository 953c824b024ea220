import Foundation

/// `sitegen new "Tiêu đề"`: a Markdown file with front matter, dated now in the site's time zone.
public enum NewArticle {
    /// Creates `content/YYYY/MM/slug.md` and returns its URL; never overwrites a file.
    public static func create(title: String, project: Project, config: SiteConfig, now: Date = Date()) throws -> URL {
        let title = Enricher.clean(title)
        let slug = Slug.make(title)
        guard !slug.isEmpty else { throw SourceError(path: "content", message: "the title needs at least one letter or digit") }
        let parts = Calendar.gregorian(in: config.timeZone).dateComponents([.year, .month], from: now)
        let folder = project.content.appendingPathComponent(String(format: "%04d/%02d", parts.year ?? 0, parts.month ?? 0))
        let target = folder.appendingPathComponent(slug + ".md")
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw SourceError(path: target.path, message: "already exists; choose another title")
        }
        let text = try FrontMatterWriter.document([
            ("title", title),
            ("date", Formatting(language: config.language, timeZone: config.timeZone).isoDate(now)),
            ("author", ""),
            ("tags", [String]()),
            ("categories", [String]()),
            ("summary", ""),
            ("draft", false),
        ], body: "Nội dung bài viết.\n")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileBytes.write(Array(text.utf8), to: target.path)
        return target
    }
}

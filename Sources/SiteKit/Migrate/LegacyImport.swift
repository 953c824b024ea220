import Foundation

/// `sitegen import`: legacy text articles become Markdown with front matter holding what the
/// heuristics found, so an editor can correct it once and keep it corrected.
public struct LegacyImport: Sendable {
    public struct FileResult: Sendable {
        public enum Outcome: Sendable, Equatable {
            case written(String)
            /// The target exists with the same content: nothing to do (re-running is safe).
            case alreadyImported(String)
            /// The target exists with other content: never overwritten.
            case skippedExisting(String)
            case failed(SourceError)
        }

        public var source: String
        public var outcome: Outcome
        /// Fields the heuristics could not determine ("date: file modification time", "author").
        public var undetermined: [String]
    }

    public let config: SiteConfig
    /// Folder the Markdown goes into, sorted into YYYY/MM/ below it.
    public let destination: URL

    public init(config: SiteConfig, destination: URL) {
        self.config = config
        self.destination = destination
    }

    public func run(source: URL) throws(SourceError) -> [FileResult] {
        let paths = try ContentLoader.contentFiles(in: source).filter { $0.lowercased().hasSuffix(".txt") }
        return paths.map { path in importFile(source.appendingPathComponent(path), relativePath: path) }
    }

    func importFile(_ url: URL, relativePath: String) -> FileResult {
        let enricher = Enricher(config: config, views: ViewsTable())
        let formatting = Formatting(language: config.language, timeZone: config.timeZone)
        do {
            let document = try ContentLoader.read(url, relativePath: relativePath)
            let article = try enricher.enrich(document).article
            var undetermined: [String] = []
            if article.provenance["date"] == .modificationTime { undetermined.append("date (file modification time used)") }
            if article.authors.isEmpty { undetermined.append("author") }
            if document.fields["views"] == nil { undetermined.append("views") }
            if article.tags.isEmpty { undetermined.append("tags") }
            let text = try FrontMatterWriter.document([
                ("title", article.title),
                ("date", formatting.isoDate(article.date)),
                ("author", article.authors.first),
                ("views", document.fields["views"] == nil ? nil : article.views),
                ("tags", article.tags.isEmpty ? nil : article.tags),
                ("categories", article.categories.isEmpty ? nil : article.categories),
                ("summary", article.summary.isEmpty ? nil : article.summary),
                ("imported_from", relativePath),
            ], body: document.body)
            let parts = Calendar.gregorian(in: config.timeZone).dateComponents([.year, .month], from: article.date)
            let folder = String(format: "%04d/%02d", parts.year ?? 0, parts.month ?? 0)
            let target = destination.appendingPathComponent(folder).appendingPathComponent(article.slug + ".md")
            let shown = target.path
            if FileManager.default.fileExists(atPath: target.path) {
                let existing = try? String(contentsOf: target, encoding: .utf8)
                return FileResult(source: relativePath, outcome: existing == text ? .alreadyImported(shown) : .skippedExisting(shown),
                                  undetermined: undetermined)
            }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileBytes.write(Array(text.utf8), to: target.path)
            return FileResult(source: relativePath, outcome: .written(shown), undetermined: undetermined)
        } catch let error as SourceError {
            return FileResult(source: relativePath, outcome: .failed(error), undetermined: [])
        } catch {
            return FileResult(source: relativePath, outcome: .failed(SourceError(path: relativePath, message: "\(error)")), undetermined: [])
        }
    }
}

extension Calendar {
    static func gregorian(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}

import Foundation

/// `sitegen import`: legacy text articles become Markdown with front matter holding what the
/// heuristics found (and, as `provenance:`, why), so an editor can correct it once and keep it
/// corrected. Every input file becomes an article: nothing is skipped because a title repeats.
public struct LegacyImport: Sendable {
    public struct FileResult: Sendable {
        public enum Outcome: Sendable, Equatable {
            case written(String)
            /// Written under a suffixed name ("…-2.md"): another article already has the title or slug.
            case writtenRenamed(String, taken: String)
            /// Already imported: the target holds this file's import (as written, or edited since),
            /// or the input is byte for byte a file imported before it in this run.
            case alreadyImported(String)
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
    public let dates: DatesTable
    public let now: Date

    public init(config: SiteConfig, destination: URL, dates: DatesTable = DatesTable(), now: Date = Date()) {
        self.config = config
        self.destination = destination
        self.dates = dates
        self.now = now
    }

    /// Imports every `.txt` under `source`; the warnings are those of the dates (estimated, out of range).
    public func run(source: URL) throws(SourceError) -> [FileResult] {
        try runWithWarnings(source: source).results
    }

    public func runWithWarnings(source: URL) throws(SourceError) -> (results: [FileResult], warnings: [SourceError]) {
        let paths = try ContentLoader.contentFiles(in: source).filter { $0.lowercased().hasSuffix(".txt") }
        let enricher = Enricher(config: config, views: ViewsTable())
        // Read and enrich all first: a date may come from the neighbours.
        let read = parallelMap(paths) { path -> Result<(SourceDocument, Article, [UInt8]), SourceError> in
            Result { () throws(SourceError) -> (SourceDocument, Article, [UInt8]) in
                let url = source.appendingPathComponent(path)
                let document = try ContentLoader.read(url, relativePath: path)
                let bytes = (try? FileBytes.read(url.path)) ?? []
                return (document, try enricher.enrich(document).article, bytes)
            }
        }
        var articles: [Article] = [], positions: [Int] = []
        for (k, result) in read.enumerated() {
            if case .success(let value) = result { articles.append(value.1); positions.append(k) }
        }
        let warnings = ArchiveDates(config: config, table: dates, now: now).resolve(&articles)
        var resolved: [Int: Article] = [:]
        for (article, k) in zip(articles, positions) { resolved[k] = article }

        var seen: [[UInt8]: String] = [:]
        var results: [FileResult] = []
        for (k, path) in paths.enumerated() {
            switch read[k] {
            case .failure(let error):
                results.append(FileResult(source: path, outcome: .failed(error), undetermined: []))
            case .success(let (document, _, bytes)):
                let key = bytes
                if let first = seen[key] {
                    results.append(FileResult(source: path, outcome: .alreadyImported(first), undetermined: []))
                    continue
                }
                let result = write(document, resolved[k]!, relativePath: path)
                switch result.outcome {
                case .written(let target), .writtenRenamed(let target, _), .alreadyImported(let target): seen[key] = target
                case .failed: break
                }
                results.append(result)
            }
        }
        return (results, warnings)
    }

    func write(_ document: SourceDocument, _ article: Article, relativePath: String) -> FileResult {
        let formatting = Formatting(language: config.language, timeZone: config.timeZone)
        var undetermined: [String] = []
        switch article.provenance["date"] {
        case .modificationTime?: undetermined.append("date (file modification time used)")
        case .neighbours?: undetermined.append("date (estimated from the neighbours)")
        default: break
        }
        if article.authors.isEmpty && article.params["source"] == nil { undetermined.append("author") }
        if document.fields["views"] == nil { undetermined.append("views") }
        if article.tags.isEmpty { undetermined.append("tags") }
        let oldID = ArchiveDates.oldID(article)
        let alias = config.legacyURL.flatMap { pattern in oldID.flatMap { AliasPath.normalise(pattern.replacingOccurrences(of: "{id}", with: $0)) } }
        var provenance: [(String, String)] = []
        for key in ["date", "authors", "source", "tags", "categories"] {
            if let origin = article.provenance[key] { provenance.append((key, origin.description)) }
        }
        do {
            let text = try FrontMatterWriter.document([
                ("title", article.title),
                ("date", formatting.isoDate(article.date)),
                article.authors.count > 1 ? ("authors", article.authors) : ("author", article.authors.first),
                ("source", article.params["source"]?.text),
                ("views", document.fields["views"] == nil ? nil : article.views),
                ("tags", article.tags.isEmpty ? nil : article.tags),
                ("categories", article.categories.isEmpty ? nil : article.categories),
                // A summary taken from the lead is left out: the page shows the lead once, in the body.
                ("summary", article.provenance["summary"] == .derived("lead paragraph") ? nil : article.summary),
                ("aliases", alias.map { [$0] }),
                ("imported_from", relativePath),
                ("provenance", provenance.isEmpty ? nil : provenance),
            ], body: document.body)
            let parts = Calendar.gregorian(in: config.timeZone).dateComponents([.year, .month], from: article.date)
            let folder = destination.appendingPathComponent(String(format: "%04d/%02d", parts.year ?? 0, parts.month ?? 0))
            // The first free name, or the one this file was imported to before.
            var suffix = 1
            while true {
                let name = suffix == 1 ? article.slug : "\(article.slug)-\(suffix)"
                let target = folder.appendingPathComponent(name + ".md")
                guard FileManager.default.fileExists(atPath: target.path) else {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try FileBytes.write(Array(text.utf8), to: target.path)
                    let outcome: FileResult.Outcome = suffix == 1 ? .written(target.path)
                        : .writtenRenamed(target.path, taken: folder.appendingPathComponent(article.slug + ".md").path)
                    return FileResult(source: relativePath, outcome: outcome, undetermined: undetermined)
                }
                let existing = (try? String(contentsOf: target, encoding: .utf8)) ?? ""
                if existing == text || Self.importedFrom(existing) == relativePath {
                    return FileResult(source: relativePath, outcome: .alreadyImported(target.path), undetermined: undetermined)
                }
                suffix += 1
            }
        } catch let error as SourceError {
            return FileResult(source: relativePath, outcome: .failed(error), undetermined: [])
        } catch {
            return FileResult(source: relativePath, outcome: .failed(SourceError(path: relativePath, message: "\(error)")), undetermined: [])
        }
    }

    /// The `imported_from:` of a Markdown file we wrote (an editor may have changed the rest).
    static func importedFrom(_ markdown: String) -> String? {
        guard let parsed = try? FrontMatter.parse(markdown, path: "") else { return nil }
        return parsed.fields["imported_from"]?.text
    }
}

extension Calendar {
    static func gregorian(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import Foundation

/// A builder that remembers what it read, for the preview server's rebuilds (issue 4).
///
/// - **Load**: every content file's `SourceDocument` and enriched `Article` are kept, keyed by the
///   file's path, size, modification time and inode; a rebuild re-reads and re-enriches only the
///   files the watcher named (or, without a list, those whose stamp changed). `site.yml`,
///   `templates/` and `data/` are read again only when something under them changed; new settings
///   or views re-enrich every article (both feed the enricher).
/// - **Index**: when only articles' bodies changed (nothing `Site.index` looks at: path, slug,
///   date, draft, tags, categories, authors, views, aliases) the last index is patched in place
///   instead of being rebuilt.
/// - **Pages ahead**: when only content changed, the pages of the changed articles and the pages
///   open in a browser (`openPages`) are rendered straight after loading and written at once, one
///   atomic rename each, and `onPriorityWritten` is told: the editor sees the edit before the
///   rest of the build has even started.
/// - **The rest**: through `SiteBuilder.finish`, the same code as `build()` (so the output cannot
///   drift from it), with the preview's own page signatures: only pages whose inputs changed are
///   rendered, in chunks; `shouldCancel` (a newer change waiting) stops it between chunks, before
///   anything else is written, and the next build does it again.
///
/// The output is byte-identical to `SiteBuilder(project:options:).build()` on the same files.
/// Calls are serialised by a lock; the type is safe to share between threads.
public final class IncrementalBuilder: @unchecked Sendable {
    /// What changed since the last build, as absolute paths (from a file watcher).
    public struct Changes: Sendable {
        /// Files created, written, deleted or renamed.
        public var files: Set<String>
        /// Folders created, deleted or renamed: what was inside them may have come or gone.
        public var folders: Set<String>

        public init(files: Set<String> = [], folders: Set<String> = []) {
            self.files = files
            self.folders = folders
        }

        var all: Set<String> { files.union(folders) }
    }

    public struct Report: Sendable {
        public var build: SiteBuilder.Report
        /// Content files read again in this build (all of them the first time).
        public var reloaded: Int
        /// Whether the whole content folder was scanned (no change list, or a folder changed).
        public var scanned: Bool
        /// Whether the last index was patched instead of rebuilt (only bodies changed).
        public var patchedIndex: Bool
        /// Pages written ahead of the rest (URL paths below the site root, "2023/08/slug/").
        public var priorityPages: [String]
        /// Seconds from the start of the build until those were written.
        public var prioritySeconds: Double?
        /// Seconds from the start of the build until rendering started (the renderer prepared).
        public var renderStartSeconds: Double?
        /// Pages rendered (the others' signatures had not changed).
        public var rendered: Int
    }

    /// Thrown when `shouldCancel` said so: nothing but the priority pages was written.
    public struct Cancelled: Error, Sendable {}

    struct Stamp: Equatable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64

        static func of(_ path: String) -> Stamp? {
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            return Stamp(size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec),
                         nanoseconds: Int(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino))
        }
    }

    struct Entry {
        var stamp: Stamp?
        var document: Result<SourceDocument, SourceError>
        var enriched: Result<Enricher.Result, SourceError>?
    }

    /// What one load produced.
    struct Loaded {
        var site: Site
        var theme: Theme
        var warnings: [SourceError]
        var reloaded: Int
        var scanned: Bool
        var patched: Bool
        /// Source paths (NFC) of the articles read again.
        var changedArticles: Set<String>
        /// Only content changed (no settings, templates, data): pages can be rendered ahead.
        var contentOnly: Bool
    }

    public let project: Project
    public let options: SiteBuilder.Options
    private let lock = NSLock()
    /// Content files by path relative to the content folder (as found on disk, not normalised).
    private var entries: [String: Entry] = [:]
    /// Sorted relative paths from the last scan.
    private var files: [String]?
    private var config: Result<SiteConfig, SourceError>?
    private var theme: Result<Theme, BuildFailure>?
    private var themeLanguage: String?
    private var views: Result<ViewsTable, SourceError>?
    /// The settings and views the cached articles were enriched with.
    private var enrichedWith: (config: SiteConfig, views: ViewsTable)?
    /// The last good index, its warnings, and each article's place in it.
    private var lastSite: Site?
    private var lastIndexWarnings: [SourceError] = []
    private var positionOf: [String: Int] = [:]
    /// A full build has written the output: pages may be written ahead of the next one.
    private var outputComplete = false
    /// Files written ahead whose build did not finish: removed if a finished build no longer has them,
    /// and never trusted as "unchanged" until one does.
    private var unconfirmed: Set<String> = []
    /// The preview's own page signatures (`PageSignatures`), so a rebuild renders only the pages
    /// whose inputs changed. Kept apart from `sitegen build`'s `.sitegen-cache/state`: the two
    /// write different folders with different base URLs.
    private let cache: BuildCache
    private var previousState: BuildCache.State?
    private var readPreviousState = false
    /// Enrich every file in the next build (the first, or after new settings or views).
    private var enrichAll = true
    /// Files whose reading or enriching failed, and the warnings of the others, by content path.
    private var failures: Set<String> = []
    private var warningsOf: [String: [SourceError]] = [:]
    /// When the first article dated after the last index comes due (then the index must be redone).
    private var nextDue: Date?

    public init(project: Project, options: SiteBuilder.Options = SiteBuilder.Options()) {
        self.project = project
        self.options = options
        let key = String(ContentHash.of(Project.resolved(project.output)), radix: 16)
        cache = BuildCache(folder: project.root.appendingPathComponent(".sitegen-cache/serve-\(key)"))
    }

    /// Builds the site, reusing what did not change. `changes == nil` means "anything may have
    /// changed": every file's stamp is checked (still reading only the files that changed).
    public func build(
        changes: Changes? = nil,
        openPages: Set<String> = [],
        onPriorityWritten: ((Set<String>) -> Void)? = nil,
        shouldCancel: (() -> Bool)? = nil,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws -> Report {
        lock.lock()
        defer { lock.unlock() }
        try project.checkOutputFolder()
        let started = DispatchTime.now().uptimeNanoseconds
        var clock = StageClock()
        let current = currentOptions()
        let builder = SiteBuilder(project: project, options: current)
        let loaded = try loadIncrementally(changes, clock: &clock)

        // Which pages go first: the changed articles' and the open ones, when only content changed.
        var priorityPages: [String] = []
        var prioritySeconds: Double?
        var aheadFiles: [String: OutputFile] = [:]
        let output = project.output
        func isFirst(_ page: Page) -> Bool {
            if openPages.contains(page.path) { return true }
            if case .article(let article) = page.kind { return loaded.changedArticles.contains(loaded.site.articles[article].sourcePath) }
            return false
        }
        func writeAhead(_ pages: [Page], _ renderer: PageRenderer) {
            let rendered = parallelMap(pages) { renderer.render($0) }
            var written: Set<String> = []
            for (page, file) in zip(pages, rendered) {
                aheadFiles[file.path] = file
                if (try? Self.writeAhead(file, into: output)) == true {
                    written.insert(page.path)
                    unconfirmed.insert(file.path)
                }
            }
            priorityPages = written.sorted()
            prioritySeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            if !written.isEmpty { onPriorityWritten?(written) }
        }
        // The pages of the changed articles and the open pages first, straight after loading —
        // before the signatures of the whole site are worked out and the rest is rendered. The
        // renderer prepares list items on demand, so making one for a few pages costs little;
        // it is the same code and the same site as the full pass below, so the same bytes.
        if outputComplete && loaded.contentOnly {
            let pages = PagePlanner.plan(loaded.site, sitemapLimit: options.sitemapLimit)
            let renderer = PageRenderer(site: loaded.site, theme: loaded.theme, pages: pages, sitemapLimit: options.sitemapLimit)
            writeAhead(pages.filter(isFirst), renderer)
        }

        let scan = try InputScan(project: project, options: current)
        clock.lap("scan")
        if !readPreviousState {
            previousState = cache.readState()  // a restarted server renders only what changed meanwhile
            readPreviousState = true
        }
        // A page written ahead by a build that did not finish is rendered again, whatever its signature.
        var previous = previousState
        for path in unconfirmed { previous?.signatures[path] = nil }

        // `pages` are those to render: the signatures say the others have not changed.
        var renderStart: Double?
        var renderedCount = 0
        let render: (PageRenderer, [Page]) throws -> [OutputFile] = { renderer, pages in
            renderStart = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            var results = pages.map { aheadFiles[$0.outputFile] }
            // The rest, a chunk at a time, giving up if a newer change is waiting.
            let remaining = pages.indices.filter { results[$0] == nil }
            let chunk = 256
            var start = 0
            while start < remaining.count {
                if let shouldCancel, shouldCancel() { throw Cancelled() }
                let slice = Array(remaining[start..<min(start + chunk, remaining.count)])
                for (index, file) in zip(slice, parallelMap(slice) { renderer.render(pages[$0]) }) { results[index] = file }
                start += chunk
            }
            renderedCount = pages.count
            return results.map { $0! }
        }
        let loadedSite = SiteBuilder.Loaded(site: loaded.site, theme: loaded.theme, warnings: loaded.warnings)
        let report = try builder.finish(loadedSite, clock: &clock, progress: progress, render: render,
                                        cache: (cache, scan, previous))
        previousState = cache.readState()
        outputComplete = true
        // Pages written ahead by a build that was cancelled, and that no longer exist.
        let manifest = Manifest.read(from: project.output)
        for path in unconfirmed where manifest.entries[path] == nil && OutputPath.isSafe(path) {
            unlink(project.output.appendingPathComponent(path).path)
        }
        unconfirmed = []
        return Report(build: report, reloaded: loaded.reloaded, scanned: loaded.scanned, patchedIndex: loaded.patched,
                      priorityPages: priorityPages, prioritySeconds: prioritySeconds, renderStartSeconds: renderStart,
                      rendered: renderedCount)
    }

    /// Forgets everything read so far: the next build reads every file again.
    public func reset() {
        lock.lock()
        defer { lock.unlock() }
        entries = [:]
        files = nil
        enrichAll = true
        failures = []
        warningsOf = [:]
        nextDue = nil
        config = nil
        theme = nil
        themeLanguage = nil
        views = nil
        enrichedWith = nil
        lastSite = nil
        positionOf = [:]
    }

    /// Writes one file in place with one rename; false when its bytes are already there.
    static func writeAhead(_ file: OutputFile, into output: URL) throws -> Bool {
        guard OutputPath.isSafe(file.path) else { return false }
        let target = output.appendingPathComponent(file.path)
        if let existing = try? FileBytes.read(target.path), existing == file.bytes { return false }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = output.appendingPathComponent(".sitegen-ahead-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        try FileBytes.write(file.bytes, to: temporary.path)
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw FileBytes.IOError(path: target.path, operation: "rename", code: code)
        }
        return true
    }

    private func forget(_ path: String) {
        entries[path] = nil
        failures.remove(path)
        warningsOf[path] = nil
    }

    private func currentOptions() -> SiteBuilder.Options {
        var current = options
        current.publish.now = Date()  // a server runs for hours: an article dated later may come due
        return current
    }

    private func isUnder(_ path: String, _ folder: URL) -> Bool {
        let prefix = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        return path == folder.path || path.hasPrefix(prefix)
    }

    /// Whether two versions of an article look the same to `Site.index` (keep in step with it).
    static func sameForIndex(_ a: Article, _ b: Article) -> Bool {
        a.sourcePath == b.sourcePath && a.slug == b.slug && a.date == b.date && a.isDraft == b.isDraft
            && a.tags == b.tags && a.categories == b.categories && a.authors == b.authors && a.views == b.views
            && a.aliases == b.aliases
    }

    private func loadIncrementally(_ changes: Changes?, clock: inout StageClock) throws -> Loaded {
        // The last index is only patched by the build that follows it: a failed build forgets it.
        let previousSite = lastSite
        lastSite = nil
        let changed = changes?.all
        func touched(_ folder: URL) -> Bool {
            guard let changed else { return true }
            return changed.contains { isUnder($0, folder) }
        }
        var errors: [SourceError] = []
        var contentOnly = changes != nil && theme != nil

        // Settings, views and templates: read again only when something under them changed.
        if config == nil || changed == nil || changed!.contains(project.settings.path) {
            config = Result { () throws(SourceError) -> SiteConfig in try SiteConfig.load(from: project.settings) }
            contentOnly = false
        }
        var siteConfig: SiteConfig
        switch config! {
        case .success(let value): siteConfig = value
        case .failure(let error): errors.append(error); siteConfig = SiteConfig()
        }
        if let baseURL = options.baseURL { siteConfig.baseURL = baseURL }
        if theme == nil || touched(project.templates) || themeLanguage != siteConfig.language {
            theme = Result { () throws(BuildFailure) -> Theme in try Theme.load(from: project.templates, language: siteConfig.language) }
            themeLanguage = siteConfig.language
            contentOnly = false
        }
        if views == nil || touched(project.data) {
            views = Result { () throws(SourceError) -> ViewsTable in try ViewsTable.load(dataFolder: project.data) }
            contentOnly = false
        }
        var viewsTable = ViewsTable()
        switch views! {
        case .success(let value): viewsTable = value
        case .failure(let error): errors.append(error)
        }
        if let previous = enrichedWith, previous.config != siteConfig || previous.views != viewsTable {
            for key in entries.keys { entries[key]!.enriched = nil }
            enrichAll = true
            contentOnly = false
        }
        enrichedWith = (siteConfig, viewsTable)

        // Which content files exist: the last list, patched with the changed files, unless a
        // folder changed (a folder renamed or deleted) — then the whole folder is scanned again.
        let contentPrefix = project.content.path.hasSuffix("/") ? project.content.path : project.content.path + "/"
        var changedContent: [String] = []
        var scan = files == nil || changes == nil
        if let changes, !scan {
            // A folder that came, went or moved: its files are not listed one by one.
            if changes.folders.contains(where: { isUnder($0, project.content) }) { scan = true }
            for path in changes.files where path.hasPrefix(contentPrefix) {
                let relative = String(path.dropFirst(contentPrefix.count))
                if ContentLoader.isContentFile(relative) { changedContent.append(relative) }
            }
        }
        var paths: [String]
        var stale: [String] = []
        var listChanged = scan
        if scan {
            paths = try ContentLoader.contentFiles(in: project.content, boundary: project.contentLinkBoundary())
            let hinted = Set(changedContent)
            for path in paths {
                let stamp = Stamp.of(project.content.appendingPathComponent(path).path)
                if !hinted.contains(path), let entry = entries[path], let stamp, entry.stamp == stamp { continue }
                stale.append(path)
            }
            let present = Set(paths)
            for key in entries.keys where !present.contains(key) { forget(key) }
            listChanged = files.map { $0 != paths } ?? true
        } else {
            var set = Set(files ?? [])
            for path in changedContent {
                if Stamp.of(project.content.appendingPathComponent(path).path) == nil {
                    if set.remove(path) != nil { listChanged = true }
                    forget(path)
                } else {
                    // Re-read even if the stamp looks the same: mtimes are only as fine as the
                    // kernel's coarse clock, and the watcher saw the file change.
                    if set.insert(path).inserted { listChanged = true }
                    stale.append(path)
                }
            }
            paths = set.sorted()
        }
        files = paths

        // Read the files that changed, keeping what they were for the index patch below.
        let content = project.content
        var before: [String: Article] = [:]
        for path in stale {
            if case .success(let result)? = entries[path]?.enriched { before[path] = result.article }
        }
        let read = parallelMap(stale) { path -> Entry in
            let url = content.appendingPathComponent(path)
            let stamp = Stamp.of(url.path)
            let document = Result { () throws(SourceError) -> SourceDocument in try ContentLoader.read(url, relativePath: path) }
            return Entry(stamp: stamp, document: document, enriched: nil)
        }
        for (path, entry) in zip(stale, read) { entries[path] = entry }
        clock.lap("load")

        // Enrich what is not enriched yet: the files read again, or all after new settings or views.
        let enricher = Enricher(config: siteConfig, views: viewsTable)
        let pending = enrichAll ? paths : stale.filter { entries[$0] != nil }
        enrichAll = false
        let documents = pending.map { entries[$0]!.document }
        let enriched = parallelMap(documents) { document -> Result<Enricher.Result, SourceError> in
            switch document {
            case .success(let document):
                return Result { () throws(SourceError) -> Enricher.Result in try enricher.enrich(document) }
            case .failure(let error):
                return .failure(error)
            }
        }
        for (path, result) in zip(pending, enriched) {
            entries[path]!.enriched = result
            switch result {
            case .success(let value):
                failures.remove(path)
                warningsOf[path] = value.warnings.isEmpty ? nil : value.warnings
            case .failure:
                failures.insert(path)
                warningsOf[path] = nil
            }
        }
        // Every file's problems, without walking the whole archive: failures and warnings are kept by file.
        for path in failures.sorted() {
            if case .failure(let error)? = entries[path]?.enriched { errors.append(error) }
        }
        let warnings = warningsOf.values.flatMap { $0 }  // sorted with the index's below
        clock.lap("enrich")
        var loadedTheme: Theme?
        switch theme! {
        case .success(let value): loadedTheme = value
        case .failure(let failure): errors += failure.errors
        }
        guard errors.isEmpty, let loadedTheme else { throw BuildFailure(errors) }

        // Index, or patch the last index when nothing it looks at changed.
        let publish = currentOptions().publish
        var changedArticles: Set<String> = []
        var patchable = contentOnly && !listChanged && previousSite != nil
        var replacements: [(position: Int, article: Article)] = []
        for path in stale {
            guard case .success(let result)? = entries[path]?.enriched else { patchable = false; continue }
            changedArticles.insert(result.article.sourcePath)
            guard patchable, let old = before[path], Self.sameForIndex(old, result.article),
                  !ArchiveDates.needsNeighbours(result.article) else { patchable = false; continue }
            if let position = positionOf[result.article.sourcePath] {
                replacements.append((position, result.article))
            } else if positionOf.isEmpty {
                patchable = false
            }
        }
        // Time moves on: an article dated later than the last index may have come due.
        if patchable, let nextDue, publish.now >= nextDue { patchable = false }
        var site: Site
        if patchable, var patched = previousSite {
            for (position, article) in replacements {
                var article = article
                article.slug = patched.articles[position].slug  // as the index made it unique
                patched.articles[position] = article
            }
            site = patched
        } else {
            var articles: [Article] = []
            articles.reserveCapacity(paths.count)
            for path in paths {
                if case .success(let result)? = entries[path]?.enriched { articles.append(result.article) }
            }
            let table: DatesTable
            do { table = try ArchiveDates.table(root: project.root, config: siteConfig) } catch { throw BuildFailure([error]) }
            let dateWarnings = ArchiveDates(config: siteConfig, table: table, now: publish.now).resolve(&articles)
            nextDue = publish.includeFuture ? nil : articles.lazy.map(\.date).filter { $0 > publish.now }.min()
            let indexed = try Site.index(articles, config: siteConfig, options: publish)
            site = indexed.site
            lastIndexWarnings = dateWarnings + indexed.warnings
            positionOf = Dictionary(site.articles.enumerated().map { ($1.sourcePath, $0) }, uniquingKeysWith: { first, _ in first })
            if positionOf.count != site.articles.count { positionOf = [:] }  // ambiguous paths: never patch
        }
        lastSite = site
        clock.lap("index")
        let allWarnings = (warnings + lastIndexWarnings).sorted { $0.description < $1.description }
        return Loaded(site: site, theme: loadedTheme, warnings: allWarnings, reloaded: stale.count, scanned: scan,
                      patched: patchable, changedArticles: changedArticles, contentOnly: contentOnly)
    }
}

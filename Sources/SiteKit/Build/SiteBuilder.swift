import Foundation

/// The whole build, stage by stage: load → enrich → index → plan → render → write.
/// Nothing is written unless every stage before it succeeded.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var publish = PublishOptions()
        /// Overrides `base_url` of site.yml (e.g. for a preview).
        public var baseURL: String?
        public var sitemapLimit = PagePlanner.sitemapLimit
        /// Reuse `.sitegen-cache/`: articles read and pages rendered by the last build.
        public var useCache = true

        public init(publish: PublishOptions = PublishOptions(), baseURL: String? = nil) {
            self.publish = publish
            self.baseURL = baseURL
        }
    }

    public struct Report: Sendable {
        public var articles: Int
        public var pages: Int
        /// Pages rendered in this build (the others were unchanged since the last one).
        public var rendered: Int
        public var write: OutputWriter.Report
        public var warnings: [SourceError]
        /// Seconds spent in each stage, in order, for `--verbose` and the benchmark.
        public var timings: [(stage: String, seconds: Double)]
        /// Photos the articles show, and how many of them this build encoded (the rest came from the cache).
        public var images = 0
        public var imagesEncoded = 0
        /// Things the editor should know that are not faults (a sub-path site's robots.txt).
        public var notices: [String] = []
        /// What changed since the last build (everything, without a cache).
        public var changes = ChangeSet.all
        /// Content files read and enriched again (the others came from the cache).
        public var reloaded = 0
        /// Pages signed in this build's plan (the others were made of what they were made of last time).
        public var signed = 0
        /// Pages written ahead of the rest (`FirstPages`), as URL paths ("2023/08/slug/"), and
        /// the seconds from the start of the build until they were on disk.
        public var firstPages: [String] = []
        public var firstPagesSeconds: Double?
    }

    /// The preview's ordering: when only articles changed, the pages of the changed articles and
    /// the pages open in a browser (`open`, URL paths) are written at once, before the rest of
    /// the build, and `written` is told which; the writing itself is `OutputWriter`'s.
    public struct FirstPages {
        public var open: Set<String>
        public var written: (Set<String>) -> Void

        public init(open: Set<String>, written: @escaping (Set<String>) -> Void) {
            self.open = open
            self.written = written
        }
    }

    /// Thrown when `shouldCancel` said so: nothing but the first pages was written.
    public struct Cancelled: Error, Sendable {}

    /// Everything a build knows before rendering, for `check` and the preview server.
    public struct Loaded: Sendable {
        public var site: Site
        public var theme: Theme
        public var warnings: [SourceError]
        /// When the first article dated in the future comes due (then a rebuild has work to do).
        public var nextDue: Date? = nil
        var changes = ChangeSet.all
        /// Content files read again, and the source paths of the articles among them.
        var reloaded = 0
        var changedArticles: Set<String> = []
        /// How the articles were enriched, for a preview that enriches one again (`Shown`).
        var enricher: Enricher?
        /// What "Tin khác" was made from, by fingerprint (`Site.Indexed.relatedFingerprint`).
        var relatedFingerprint: UInt64?
    }

    public let project: Project
    public let options: Options

    public init(project: Project, options: Options = Options()) {
        self.project = project
        self.options = options
    }

    public func build(progress: (@Sendable (String) -> Void)? = nil) throws -> Report {
        try build(changes: nil, progress: progress)
    }

    /// One build, whatever changed: scan → load → enrich → index → plan → render → write.
    /// `changes` is what a file watcher saw (completed by the scan; nil: the scan alone says);
    /// `memory` keeps what this build read for the next one (a long-running process);
    /// `firstPages` writes the pages an editor is looking at first; `shouldCancel` (a newer
    /// change waiting) stops the build between batches of pages, before anything else is written.
    public func build(changes hint: ChangeSet?, memory: BuildMemory? = nil, firstPages: FirstPages? = nil,
                      shouldCancel: (() -> Bool)? = nil, progress: (@Sendable (String) -> Void)? = nil) throws -> Report {
        let leftovers = Leftovers()
        defer { leftovers.freeInBackground() }
        do {
            return try buildOnce(changes: hint, memory: memory, firstPages: firstPages, shouldCancel: shouldCancel, progress: progress,
                                 leftovers: leftovers)
        } catch let lost as BuildCache.BodyLost {
            // A body kept in the cache could not be read back, and nothing was written: the cache's
            // articles are forgotten and the build is done again, as if it had been lost.
            let warnings = lost.cache.warnings
            lost.cache.forgetArticles()
            memory?.reset()
            var report = try buildOnce(changes: nil, memory: memory, firstPages: nil, shouldCancel: shouldCancel, progress: progress,
                                       leftovers: leftovers)
            report.warnings = (report.warnings + warnings.filter { !report.warnings.contains($0) })
            return report
        }
    }

    private func buildOnce(changes hint: ChangeSet?, memory: BuildMemory?, firstPages: FirstPages?,
                           shouldCancel: (() -> Bool)?, progress: (@Sendable (String) -> Void)?, leftovers: Leftovers) throws -> Report {
        memory?.lock.lock()
        defer { memory?.lock.unlock() }
        let started = DispatchTime.now().uptimeNanoseconds
        var clock = StageClock()
        try project.checkOutputFolder()
        try OutputWriter(output: project.output).recover()
        // An edit of an article's text alone, or a new article: its page first, from the last build's site.
        var ahead: (pages: Set<String>, seconds: Double)?
        if let memory, let firstPages, let hint, let shown = memory.shown {
            let pages = writeEditedAhead(hint, shown: shown, memory: memory)
                .union(writeNewArticleAhead(hint, shown: shown, memory: memory))
            if !pages.isEmpty {
                ahead = (pages, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                firstPages.written(pages)
                clock.lap("ahead")
            }
        }
        let cache = options.useCache ? (memory?.cache ?? BuildCache(project: project)) : nil
        let scan = try InputScan(project: project, options: options)
        var previous = memory?.state ?? cache?.readState()
        clock.lap("scan")
        // Nothing changed since the last build, and its output is all there: nothing to do
        // (unless a watcher saw a file written within the resolution of the stamps).
        if let previous, previous.inputs == scan.fingerprint, options.publish.now.timeIntervalSince1970 < previous.nextDue,
           hint?.isEmpty ?? true, memory?.unconfirmed.isEmpty ?? true,
           let files = OutputWriter(output: project.output).intactFileCount() {
            clock.lap("outputs")
            leftovers.keep((scan, previous))
            return Report(articles: previous.articles, pages: previous.pages, rendered: 0, write: OutputWriter.Report(unchanged: files),
                          warnings: previous.warnings, timings: clock.laps, changes: ChangeSet())
        }
        // The last build's output as it stands: read and checked on another thread while the
        // archive loads (nothing writes to the output folder before `finish`, unless pages are
        // written ahead), as its 87,000 files at 35,000 articles take a tenth of a one-edit rebuild.
        let lastOutput = firstPages == nil ? BackgroundWork { [project, checked = cache != nil] in
            Self.lastOutput(of: OutputWriter(output: project.output), checked: checked)
        } : nil
        let loaded = try load(clock: &clock, scan: scan, cache: cache, memory: memory, hint: hint, previous: previous, leftovers: leftovers)
        // A page written ahead by a build that did not finish is rendered again, whatever its signature.
        for path in memory?.unconfirmed ?? [] { previous?.signatures[SignatureMemo.fileKey(path)] = nil }
        var first: (pages: Set<String>, seconds: Double)?
        var report = try finish(loaded, clock: &clock, progress: progress, shouldCancel: shouldCancel,
                                first: firstPages.map { firstPages in { renderer, pages in
                                    // Only when only articles changed (else every page may have) and a finished build is there.
                                    guard loaded.changes.onlyContent, previous != nil else { return }
                                    let written = try writeFirst(pages, of: loaded, renderer: renderer, open: firstPages.open, memory: memory)
                                    first = (written, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                                    if !written.isEmpty { firstPages.written(written) }
                                } },
                                cache: cache.map { ($0, scan, previous) }, memory: memory, lastOutput: lastOutput, leftovers: leftovers)
        if let memory {
            // Pages written ahead by a build that was cancelled, and that no longer exist.
            OutputWriter(output: project.output).removeUnlisted(memory.unconfirmed)
            memory.unconfirmed = []
        }
        report.firstPages = (first?.pages ?? []).union(ahead?.pages ?? []).sorted()
        report.firstPagesSeconds = ahead?.seconds ?? first?.seconds
        leftovers.keep((scan, previous as Any))  // `finish` kept the loaded archive
        return report
    }

    /// What the last build wrote (its manifest), and those of its files that are not as it wrote
    /// them (gone, or changed by hand: written again); `checked` false (no cache) skips the check.
    typealias LastOutput = (manifest: Manifest, altered: Set<String>)

    static func lastOutput(of writer: OutputWriter, checked: Bool) -> LastOutput {
        let manifest = Manifest.read(from: writer.output)
        return (manifest, checked ? writer.alteredFiles(of: manifest) : [])
    }

    /// Renders and writes at once the pages of the changed articles and the open pages; the
    /// paths of those written. The renderer prepares list items on demand, so making one for a
    /// few pages costs little, and it is the renderer of the full pass: the same bytes.
    private func writeFirst(_ pages: [Page], of loaded: Loaded, renderer: PageRenderer, open: Set<String>,
                            memory: BuildMemory?) throws -> Set<String> {
        let chosen = pages.filter { page in
            if open.contains(page.path) { return true }
            if case .article(let article) = page.kind { return loaded.changedArticles.contains(loaded.site.articles[article].sourcePath) }
            return false
        }
        let files = parallelMap(chosen) { renderer.render($0) }
        var written: Set<String> = []
        for (page, file) in zip(chosen, files) where OutputWriter(output: project.output).writeAhead(file) {
            written.insert(page.path)
            memory?.unconfirmed.insert(file.path)
        }
        return written
    }

    /// Plan, render and write a loaded site: the end of `build()`. With a cache, pages whose
    /// signature did not change since the last build are not rendered; `first` is given the
    /// renderer and the planned pages before the rest is rendered.
    func finish(_ loaded: Loaded, clock: inout StageClock, progress: (@Sendable (String) -> Void)? = nil,
                shouldCancel: (() -> Bool)? = nil, first: ((PageRenderer, [Page]) throws -> Void)? = nil,
                cache: (cache: BuildCache, scan: InputScan, previous: BuildCache.State?)? = nil, memory: BuildMemory? = nil,
                lastOutput read: BackgroundWork<LastOutput>? = nil, leftovers: Leftovers? = nil) throws -> Report {
        progress?("\(loaded.site.articles.count) articles indexed")
        var loaded = loaded
        loaded.site.images = try SiteImages.make(for: loaded.site, project: project, useCache: options.useCache)
        clock.lap("images")
        let pages = PagePlanner.plan(loaded.site, sitemapLimit: options.sitemapLimit)
        let renderer = PageRenderer(site: loaded.site, theme: loaded.theme, pages: pages, sitemapLimit: options.sitemapLimit)
        try first?(renderer, pages)
        // A newer change waiting: give up before checking and signing every page.
        if let shouldCancel, shouldCancel() { throw Cancelled() }
        let assets = try assets()
        let statics = StaticFiles.list(project)
        clock.lap("plan")
        let outputPaths = try checkOutputPaths(pages, loaded.site, assets: assets, statics: statics, known: cache?.previous?.outputPaths)
        clock.lap("paths")
        let writer = OutputWriter(output: project.output)
        try writer.recover()  // a build killed earlier is finished or undone before its manifest is read
        let (lastOutput, altered) = try read?.value() ?? Self.lastOutput(of: writer, checked: cache != nil)
        func intact(_ path: String) -> Bool { lastOutput.entries[path] != nil && (altered.isEmpty || !altered.contains(path)) }
        clock.lap("outputs")
        var toRender = pages
        var kept: [String] = []
        var signatures: [UInt64] = []
        var memo = SignatureMemo()
        var signedPages = pages.count
        let outputFiles = pages.map(\.outputFile)
        let fileKeys = parallelMap(outputFiles, SignatureMemo.fileKey)
        // Photo files still there as the last build wrote them are kept unread (their names are their keys).
        var keptImages: Set<String> = []
        if let cache {
            let previous = cache.previous?.signatures ?? [:]
            let signed = (cache.previous?.memo ?? SignatureMemo()).sign(
                pages, files: fileKeys, with: PageSignatures(site: loaded.site, theme: loaded.theme, settings: cache.scan.pageSettings),
                previous: previous)
            (signatures, memo, signedPages) = (signed.signatures, signed.memo, signed.pagesSigned)
            keptImages = Set(loaded.site.images.paths.filter(intact))
            kept += keptImages.sorted()
            kept.reserveCapacity(pages.count)
            toRender = []
            // Looked up on both cores: 87,000 paths at 35,000 articles.
            let unchanged = parallelMap(Array(pages.indices)) { previous[fileKeys[$0]] == signatures[$0] && intact(outputFiles[$0]) }
            for index in pages.indices {
                if unchanged[index] {
                    kept.append(outputFiles[index])
                } else {
                    toRender.append(pages[index])
                }
            }
        }
        clock.lap("signatures")
        // The search index needs only the indexed site: made on another thread while the pages
        // are rendered and written (its "search" lap is the wait for it after them).
        let search = loaded.site.config.search ? BackgroundWork { [loaded] in
            try SearchIndex.files(for: loaded.site, theme: loaded.theme, context: renderer.context,
                                  cache: cache.map { SearchTokenCache(buildCache: $0.cache) },
                                  previous: cache.map { _ in (project.output, lastOutput, altered) })
        } : nil
        // Rendered and handed to the writer a batch at a time: a large archive's pages are
        // hundreds of megabytes, and none of them is needed once written. Smaller batches when
        // the build may be given up between them.
        let session = try writer.session(previous: lastOutput, keeping: kept)
        var count = kept.count
        do {
            let batch = shouldCancel == nil ? 4096 : 256
            for start in stride(from: 0, to: toRender.count, by: batch) {
                if let shouldCancel, shouldCancel() { throw Cancelled() }
                let files = renderer.renderAll(Array(toRender[start..<min(start + batch, toRender.count)]))
                count += files.count
                try session.add(files)
            }
            count += assets.count
            try session.add(assets)
            let staticFiles = try StaticFiles.read(statics, project: project)
            count += staticFiles.count
            try session.add(staticFiles)
            try loaded.site.images.write(to: session, keeping: keptImages, store: ImageStore(project: project))
            count += loaded.site.images.paths.count - keptImages.count
            clock.lap("render")
            if let search {
                let index = try search.value()
                count += index.files.count + index.kept.count
                try session.keep(index.kept)
                try session.add(index.files)
                clock.lap("search")
            }
        } catch {
            session.abort()
            throw error
        }
        progress?("\(count) files rendered")
        if let cache, cache.cache.damaged.lostABody {
            session.abort()
            throw BuildCache.BodyLost(cache: cache.cache)
        }
        let written = try session.commit()
        clock.lap("write")
        if let cache {
            var signed: [UInt64: UInt64] = [:]
            signed.reserveCapacity(pages.count)
            for (file, signature) in zip(fileKeys, signatures) where signed[file] == nil { signed[file] = signature }
            let state = BuildCache.State(
                inputs: cache.scan.fingerprint, nextDue: loaded.nextDue?.timeIntervalSince1970 ?? .infinity,
                articles: loaded.site.articles.count, pages: pages.count, warnings: loaded.warnings,
                signatures: signed, areas: cache.scan.areas, memo: memo, outputPaths: outputPaths)
            cache.cache.write(state)
            memory?.state = state
            clock.lap("cache")
        }
        if let memory, let enricher = loaded.enricher, let enriched = memory.articles?.entries {
            memory.shown = Shown(site: loaded.site, theme: loaded.theme, pages: pages, enricher: enricher, enriched: enriched,
                                 relatedFingerprint: loaded.relatedFingerprint, relatedWords: memory.relatedWords, previous: memory.shown)
        }
        leftovers?.keep((loaded, pages, renderer, lastOutput, altered, outputFiles, fileKeys, signatures, memo, toRender, kept, session))
        return Report(articles: loaded.site.articles.count, pages: pages.count, rendered: toRender.count, write: written,
                      warnings: loaded.warnings + (cache?.cache.warnings ?? []) + ImageStore(project: project).cache.warnings,
                      timings: clock.laps, images: loaded.site.images.count, imagesEncoded: loaded.site.images.encoded,
                      notices: SiteChrome.robotsNotice(loaded.site.config).map { [$0] } ?? [],
                      changes: loaded.changes, reloaded: loaded.reloaded, signed: signedPages)
    }
}

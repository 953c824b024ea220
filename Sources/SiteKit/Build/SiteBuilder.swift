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
    }

    /// Everything a build knows before rendering, for `check` and the preview server.
    public struct Loaded: Sendable {
        public var site: Site
        public var theme: Theme
        public var warnings: [SourceError]
        /// When the first article dated in the future comes due (then a rebuild has work to do).
        public var nextDue: Date? = nil
    }

    public let project: Project
    public let options: Options

    public init(project: Project, options: Options = Options()) {
        self.project = project
        self.options = options
    }

    public func build(progress: (@Sendable (String) -> Void)? = nil) throws -> Report {
        try project.checkOutputFolder()
        try OutputWriter(output: project.output).recover()
        var clock = StageClock()
        let cache = options.useCache ? BuildCache(project: project) : nil
        let scan = try InputScan(project: project, options: options)
        let previous = cache?.readState()
        clock.lap("scan")
        // Nothing changed since the last build, and its output is all there: nothing to do.
        if let previous, previous.inputs == scan.fingerprint, options.publish.now.timeIntervalSince1970 < previous.nextDue,
           let files = OutputWriter(output: project.output).intactFileCount() {
            return Report(articles: previous.articles, pages: previous.pages, rendered: 0, write: OutputWriter.Report(unchanged: files),
                          warnings: previous.warnings, timings: clock.laps)
        }
        let loaded = try load(clock: &clock, scan: scan, cache: cache)
        return try finish(loaded, clock: &clock, progress: progress, cache: cache.map { ($0, scan, previous) })
    }

    /// Plan, render and write a loaded site: the end of `build()`, shared with `IncrementalBuilder`
    /// (whose `render` renders the pages an editor is looking at first, and can give up midway).
    /// With a cache, pages whose signature did not change since the last build are not rendered.
    func finish(_ loaded: Loaded, clock: inout StageClock, progress: (@Sendable (String) -> Void)? = nil,
                render: ((PageRenderer, [Page]) throws -> [OutputFile])? = nil,
                cache: (cache: BuildCache, scan: InputScan, previous: BuildCache.State?)? = nil) throws -> Report {
        progress?("\(loaded.site.articles.count) articles indexed")
        var loaded = loaded
        loaded.site.images = try SiteImages.make(for: loaded.site, project: project, useCache: options.useCache)
        clock.lap("images")
        let pages = PagePlanner.plan(loaded.site, sitemapLimit: options.sitemapLimit)
        let assets = try assets()
        let statics = StaticFiles.list(project)
        try checkOutputPaths(pages, loaded.site, assets: assets, statics: statics)
        let writer = OutputWriter(output: project.output)
        try writer.recover()  // a build killed earlier is finished or undone before its manifest is read
        var toRender = pages
        var kept: [String] = []
        var signatures: [UInt64] = []
        let lastOutput = Manifest.read(from: project.output)
        // Photo files still there as the last build wrote them are kept unread (their names are their keys).
        var keptImages: Set<String> = []
        if let cache {
            signatures = PageSignatures(site: loaded.site, theme: loaded.theme, settings: cache.scan.pageSettings).of(pages)
            let intact = writer.intactFiles(of: lastOutput)
            keptImages = Set(loaded.site.images.paths.filter(intact.contains))
            kept += keptImages.sorted()
            let previous = cache.previous?.signatures ?? [:]
            toRender = []
            for (page, signature) in zip(pages, signatures) {
                if previous[page.outputFile] == signature, intact.contains(page.outputFile) {
                    kept.append(page.outputFile)
                } else {
                    toRender.append(page)
                }
            }
        }
        clock.lap("plan")
        let renderer = PageRenderer(site: loaded.site, theme: loaded.theme, pages: pages, sitemapLimit: options.sitemapLimit)
        // The search index needs only the indexed site: made on another thread while the pages
        // are rendered and written (its "search" lap is the wait for it after them).
        let search = loaded.site.config.search ? BackgroundWork { [loaded] in
            try SearchIndex.files(for: loaded.site, theme: loaded.theme, context: renderer.context,
                                  cache: cache.map { SearchTokenCache(buildCache: $0.cache) })
        } : nil
        // Rendered and handed to the writer a batch at a time: a large archive's pages are
        // hundreds of megabytes, and none of them is needed once written.
        let session = try writer.session(previous: lastOutput, keeping: kept)
        var count = kept.count
        do {
            if let render {
                let files = try render(renderer, toRender)
                count += files.count
                try session.add(files)
            } else {
                for start in stride(from: 0, to: toRender.count, by: 4096) {
                    let files = renderer.renderAll(Array(toRender[start..<min(start + 4096, toRender.count)]))
                    count += files.count
                    try session.add(files)
                }
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
                let files = try search.value()
                count += files.count
                try session.add(files)
                clock.lap("search")
            }
        } catch {
            session.abort()
            throw error
        }
        progress?("\(count) files rendered")
        let written = try session.commit()
        clock.lap("write")
        if let cache {
            let state = BuildCache.State(
                inputs: cache.scan.fingerprint, nextDue: loaded.nextDue?.timeIntervalSince1970 ?? .infinity,
                articles: loaded.site.articles.count, pages: pages.count, warnings: loaded.warnings,
                signatures: Dictionary(zip(pages.map(\.outputFile), signatures), uniquingKeysWith: { first, _ in first }))
            cache.cache.write(state)
        }
        return Report(articles: loaded.site.articles.count, pages: pages.count, rendered: toRender.count, write: written,
                      warnings: loaded.warnings + (cache?.cache.warnings ?? []) + ImageStore(project: project).cache.warnings,
                      timings: clock.laps, images: loaded.site.images.count, imagesEncoded: loaded.site.images.encoded)
    }

    /// Load, enrich and index: the archive in memory, or every error found in it — those the
    /// writer would find in its paths too (`OutputPlan`), so that `sitegen check` sees them.
    public func load() throws -> Loaded {
        var clock = StageClock()
        let loaded = try load(clock: &clock)
        try SiteImages.inspect(loaded.site, project: project)
        try checkOutputPaths(PagePlanner.plan(loaded.site, sitemapLimit: options.sitemapLimit), loaded.site, assets: assets(),
                             statics: StaticFiles.list(project))
        return loaded
    }

    func checkOutputPaths(_ pages: [Page], _ site: Site, assets: [OutputFile], statics: [String]) throws(BuildFailure) {
        try OutputPlan.check(pages, site: site, assets: assets.map(\.path),
                             files: statics.map { ($0, "static/" + $0, true) } + site.images.paths.map { ($0, "content/", false) },
                             reservedFolders: ["assets/", "img/"] + (site.config.search ? [site.config.searchPath] : []))
    }

    func load(clock: inout StageClock, scan: InputScan? = nil, cache: BuildCache? = nil) throws -> Loaded {
        var errors: [SourceError] = []
        var config = SiteConfig()
        do {
            config = try SiteConfig.load(from: project.settings)
        } catch {
            errors.append(error)
        }
        if let baseURL = options.baseURL { config.baseURL = baseURL }
        var theme: Theme?
        do {
            theme = try Theme.load(from: project.templates, language: config.language)
        } catch {
            errors += error.errors
        }
        var views = ViewsTable()
        do {
            views = try ViewsTable.load(dataFolder: project.data)
        } catch {
            errors.append(error)
        }

        // Read and enrich the files whose stamp changed since the cached build; reuse the rest.
        let listing = try scan.map { (files: $0.content, skipped: $0.skipped) } ?? ContentLoader.contentListing(in: project.content, boundary: project.root)
        let files = listing.files
        let cached = scan.flatMap { scan in cache?.readArticles(settings: scan.enrichSettings) } ?? [:]
        let enricher = Enricher(config: config, views: views)
        let content = project.content
        let results = parallelMap(files) { file -> Result<Enricher.Result, SourceError> in
            if let entry = cached[file.path], entry.stamp == file.stamp { return .success(entry.result) }
            return Result { () throws(SourceError) -> Enricher.Result in
                try enricher.enrich(ContentLoader.read(content.appendingPathComponent(file.path), relativePath: file.path))
            }
        }
        clock.lap("load")
        var articles: [Article] = []
        var warnings: [SourceError] = listing.skipped
        var toCache: [(path: String, stamp: FileTree.Stamp, result: Enricher.Result)] = []
        articles.reserveCapacity(results.count)
        for (file, result) in zip(files, results) {
            switch result {
            case .success(let enriched):
                articles.append(enriched.article)
                warnings += enriched.warnings
                toCache.append((file.path, file.stamp, enriched))
            case .failure(let error):
                errors.append(error)
            }
        }
        if let cache, let scan {
            // Rewrite the cache where a file came, went or changed: its shard, or all after a settings change.
            var changed = Set(files.filter { cached[$0.path]?.stamp != $0.stamp }.map(\.path))
            changed.formUnion(Set(cached.keys).subtracting(files.map(\.path)))
            if !changed.isEmpty {
                cache.writeArticles(toCache, settings: scan.enrichSettings, changed: cached.isEmpty ? nil : changed)
            }
        }
        // Dates that need the whole archive: the dates file, and the neighbours of undated articles.
        do {
            let table = try ArchiveDates.table(root: project.root, config: config)
            warnings += ArchiveDates(config: config, table: table, now: options.publish.now).resolve(&articles)
        } catch {
            errors.append(error)
        }
        clock.lap("enrich")
        guard errors.isEmpty, let theme else { throw BuildFailure(errors) }
        let indexed = try Site.index(articles, config: config, options: options.publish, relatedMemo: cache?.relatedMemo)
        clock.lap("index", apart: ("related", indexed.relatedSeconds))
        let now = options.publish.now
        let nextDue = options.publish.includeFuture ? nil : articles.lazy.map(\.date).filter { $0 > now }.min()
        return Loaded(site: indexed.site, theme: theme, warnings: (warnings + indexed.warnings).sorted { $0.description < $1.description },
                      nextDue: nextDue)
    }

    /// The theme's assets, copied as they are under `assets/`.
    func assets() throws -> [OutputFile] {
        let folder = project.templates.appendingPathComponent("assets")
        guard let paths = try? FileManager.default.subpathsOfDirectory(atPath: folder.path) else { return [] }
        var files: [OutputFile] = []
        for path in paths.sorted() {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  !(path as NSString).lastPathComponent.hasPrefix(".") else { continue }
            files.append(OutputFile(path: "assets/" + path, bytes: try FileBytes.read(url.path)))
        }
        return files
    }
}

/// Wall time per stage.
struct StageClock {
    private var last = Date()
    private(set) var laps: [(stage: String, seconds: Double)] = []

    mutating func lap(_ stage: String) {
        let now = Date()
        laps.append((stage, now.timeIntervalSince(last)))
        last = now
    }

    /// A lap with a part of it shown as its own stage after it ("index", then its "related").
    mutating func lap(_ stage: String, apart part: (stage: String, seconds: Double)) {
        lap(stage)
        laps[laps.count - 1].seconds -= part.seconds
        laps.append(part)
    }
}

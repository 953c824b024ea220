import Foundation

/// The whole build, stage by stage: load → enrich → index → plan → render → write.
/// Nothing is written unless every stage before it succeeded.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var publish = PublishOptions()
        /// Overrides `base_url` of site.yml (e.g. for a preview).
        public var baseURL: String?
        public var sitemapLimit = PagePlanner.sitemapLimit

        public init(publish: PublishOptions = PublishOptions(), baseURL: String? = nil) {
            self.publish = publish
            self.baseURL = baseURL
        }
    }

    public struct Report: Sendable {
        public var articles: Int
        public var pages: Int
        public var write: OutputWriter.Report
        public var warnings: [SourceError]
        /// Seconds spent in each stage, in order, for `--verbose` and the benchmark.
        public var timings: [(stage: String, seconds: Double)]
    }

    /// Everything a build knows before rendering, for `check` and the preview server.
    public struct Loaded: Sendable {
        public var site: Site
        public var theme: Theme
        public var warnings: [SourceError]
    }

    public let project: Project
    public let options: Options

    public init(project: Project, options: Options = Options()) {
        self.project = project
        self.options = options
    }

    public func build(progress: (@Sendable (String) -> Void)? = nil) throws -> Report {
        try project.checkOutputFolder()
        var clock = StageClock()
        let loaded = try load(clock: &clock)
        progress?("\(loaded.site.articles.count) articles indexed")
        let pages = PagePlanner.plan(loaded.site, sitemapLimit: options.sitemapLimit)
        clock.lap("plan")
        let renderer = PageRenderer(site: loaded.site, theme: loaded.theme, pages: pages, sitemapLimit: options.sitemapLimit)
        var files = renderer.renderAll(pages)
        files += try assets()
        clock.lap("render")
        progress?("\(files.count) files rendered")
        let written = try OutputWriter(output: project.output).write(files)
        clock.lap("write")
        return Report(articles: loaded.site.articles.count, pages: pages.count, write: written,
                      warnings: loaded.warnings, timings: clock.laps)
    }

    /// Load, enrich and index: the archive in memory, or every error found in it.
    public func load() throws -> Loaded {
        var clock = StageClock()
        return try load(clock: &clock)
    }

    func load(clock: inout StageClock) throws -> Loaded {
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
        let loaded = try ContentLoader.load(root: project.content)
        errors += loaded.errors
        clock.lap("load")

        let enricher = Enricher(config: config, views: views)
        let results = parallelMap(loaded.documents) { document in
            Result { () throws(SourceError) -> Enricher.Result in try enricher.enrich(document) }
        }
        var articles: [Article] = []
        var warnings: [SourceError] = []
        articles.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .success(let enriched):
                articles.append(enriched.article)
                warnings += enriched.warnings
            case .failure(let error):
                errors.append(error)
            }
        }
        clock.lap("enrich")
        guard errors.isEmpty, let theme else { throw BuildFailure(errors) }
        let indexed = try Site.index(articles, config: config, options: options.publish)
        clock.lap("index")
        return Loaded(site: indexed.site, theme: theme, warnings: (warnings + indexed.warnings).sorted { $0.description < $1.description })
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
}

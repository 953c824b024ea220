import Foundation

/// The first half of a build: scan, load, enrich and index, up to the `Loaded` archive that
/// `finish` plans, renders and writes (and that `sitegen check` and the preview read).
extension SiteBuilder {
    /// Load, enrich and index: the archive in memory, or every error found in it — those the
    /// writer would find in its paths too (`OutputPlan`), so that `sitegen check` sees them.
    public func load() throws -> Loaded {
        var clock = StageClock()
        let loaded = try load(clock: &clock)
        var errors: [SourceError] = []
        do {
            try SiteImages.inspect(loaded.site, project: project)
        } catch {
            errors += error.errors
        }
        let assets = try assets()
        do {
            try checkOutputPaths(PagePlanner.plan(loaded.site, sitemapLimit: options.sitemapLimit), loaded.site, assets: assets,
                                 statics: StaticFiles.list(project))
        } catch {
            errors += error.errors
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        return loaded
    }

    /// When some files did not load: the output paths of those that did, checked as the writer
    /// would, so that one run (and `sitegen check`) reports every error, not the first kind.
    func outputPathErrors(of articles: [Article], config: SiteConfig) -> [SourceError] {
        do {
            let site = try Site.index(articles, config: config, options: options.publish).site
            try checkOutputPaths(PagePlanner.plan(site, sitemapLimit: options.sitemapLimit), site, assets: assets(),
                                 statics: StaticFiles.list(project))
            return []
        } catch let failure as BuildFailure {
            return failure.errors
        } catch {
            return []  // an unreadable asset: the build that follows the fix reports it
        }
    }

    /// Checks every output path (`OutputPlan.check`) unless they are exactly the paths of the
    /// last successful build (`known`, their digest, which is returned for the next build).
    @discardableResult
    func checkOutputPaths(_ pages: [Page], _ site: Site, assets: [OutputFile], statics: [String], known: UInt64? = nil) throws(BuildFailure) -> UInt64 {
        try SiteChrome.checkFiles(site.config, statics: statics)
        let files: [(path: String, source: String, isStatic: Bool)] = statics.map { ($0, "static/" + $0, true) } + site.images.paths.map { ($0, "content/", false) }
        let reserved = ["assets/", "img/"] + (site.config.search ? [site.config.searchPath] : [])
        let digest = OutputPlan.digest(pages, assets: assets.map(\.path), files: files, reservedFolders: reserved)
        if digest != known {
            try OutputPlan.check(pages, site: site, assets: assets.map(\.path), files: files, reservedFolders: reserved)
        }
        return digest
    }

    func load(clock: inout StageClock, scan: InputScan? = nil, cache: BuildCache? = nil, memory: BuildMemory? = nil,
              hint: ChangeSet? = nil, previous: BuildCache.State? = nil, leftovers: Leftovers? = nil) throws -> Loaded {
        let memory = cache == nil ? nil : memory  // without a cache (`--no-cache`), nothing is reused
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

        // Read and enrich the files that changed since the cached build (by stamp, or named by
        // the watcher); reuse the rest.
        let listing = try scan.map { (files: $0.content, skipped: $0.skipped) } ?? ContentLoader.contentListing(in: project.content, boundary: project.contentLinkBoundary())
        let files = listing.files
        let cached = scan.map { scan in memory?.readArticles(settings: scan.enrichSettings) ?? cache?.readArticles(settings: scan.enrichSettings) } ?? nil
        // Where the cache holds each file (looked up once, on both cores: 35,000 paths hashed).
        let positions = cached.map { cached in parallelMap(files) { cached.position(of: $0.path) } } ?? Array(repeating: nil, count: files.count)
        var changes = ChangeSet.all
        if let scan, cache != nil {
            changes = ChangeSet.between(previous?.areas, articles: previous == nil || cached?.isEmpty != false ? nil : cached,
                                        positions: positions, scan)
        }
        if let hint { changes = changes.merged(with: hint) }
        let reread = changes.reread
        // Each file's cached article while its stamp is unchanged (and no watcher named it); the others are read.
        let kept: [CachedArticles.Position?] = zip(files, positions).map { file, position in
            guard let cached, let position, cached.stamp(at: position) == file.stamp, !reread.contains(file.path) else { return nil }
            return position
        }
        let toRead = files.indices.filter { kept[$0] == nil }
        let enricher = Enricher(config: config, views: views)
        let content = project.content
        let read = parallelMap(toRead) { index in
            let path = files[index].path
            return Result { () throws(SourceError) -> Enricher.Result in
                var result = try enricher.enrich(ContentLoader.read(content.appendingPathComponent(path), relativePath: path))
                result.article.fingerprint = BinaryWriter.fingerprint(of: result.article)
                return result
            }
        }
        clock.lap("load")
        // The cache is written again where a file came, went or changed: its shard, or all of them
        // when it held nothing for these settings. Files gone since: a set of every path only
        // when some cached path is not listed now.
        var changed = Set(toRead.map { files[$0].path })
        if let cached, positions.lazy.filter({ $0 != nil }).count < cached.count {
            changed.formUnion(Set(cached.paths).subtracting(files.map(\.path)))
        }
        let rewrite: Set<String>? = cached?.isEmpty == false ? changed : nil
        let dirty = cache == nil || changed.isEmpty ? [] : BuildCache.shards(holding: rewrite)
        let keepAll = memory != nil  // a long-running process keeps every entry in memory
        // The archive in the listing's order, and the entries of the shards to write again.
        var articles: [Article] = []
        var warnings: [SourceError] = listing.skipped
        var toCache: [CachedArticles.Entry] = []
        articles.reserveCapacity(files.count)
        var changedArticles: Set<String> = []
        var next = read.makeIterator()
        for (file, position) in zip(files, kept) {
            let result: Enricher.Result
            if let cached, let position {
                result = cached.result(at: position)
            } else {
                switch next.next()! {
                case .success(let enriched):
                    result = enriched
                    changedArticles.insert(enriched.article.sourcePath)
                case .failure(let error):
                    errors.append(error)
                    continue
                }
            }
            articles.append(result.article)
            warnings += result.warnings
            if keepAll || dirty.contains(BuildCache.shard(of: file.path)) { toCache.append((file.path, file.stamp, result)) }
        }
        if let cache, let scan {
            if !changed.isEmpty { cache.writeArticles(toCache, settings: scan.enrichSettings, changed: rewrite) }
            memory?.articles = (scan.enrichSettings, CachedArticles(toCache))
        }
        // Dates that need the whole archive: the dates file, and the neighbours of undated articles.
        do {
            let table = try ArchiveDates.table(root: project.root, config: config)
            warnings += ArchiveDates(config: config, table: table, now: options.publish.now).resolve(&articles)
        } catch {
            errors.append(error)
        }
        clock.lap("enrich")
        guard errors.isEmpty, let theme else { throw BuildFailure(errors + outputPathErrors(of: articles, config: config)) }
        let indexed = try Site.index(articles, config: config, options: options.publish, relatedMemo: memory?.relatedMemo ?? cache?.relatedMemo)
        clock.lap("index", apart: ("related", indexed.relatedSeconds))
        let now = options.publish.now
        let nextDue = options.publish.includeFuture ? nil : articles.lazy.map(\.date).filter { $0 > now }.min()
        leftovers?.keep((listing, cached as Any, toCache, articles))
        return Loaded(site: indexed.site, theme: theme, warnings: (warnings + indexed.warnings).sorted { $0.description < $1.description },
                      nextDue: nextDue, changes: changes, reloaded: toRead.count, changedArticles: changedArticles,
                      enricher: enricher, relatedFingerprint: indexed.relatedFingerprint)
    }

    /// The theme's assets, under `assets/` by their names and by their fingerprinted names.
    func assets() throws -> [OutputFile] {
        try ThemeAssets.read(project.templates.appendingPathComponent("assets")).files
    }
}

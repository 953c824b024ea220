import Foundation

/// Every input of a build, listed with its stamp: the content files (which the load reuses),
/// plus site.yml, the theme and the data folder. Its fingerprint is what a build that changes
/// nothing compares.
struct InputScan {
    var content: [(path: String, stamp: FileTree.Stamp)]
    /// What the content walk skipped (loops, links out of the site, bad names), as warnings.
    var skipped: [SourceError]
    var fingerprint: UInt64
    /// site.yml and the views file as bytes: what enrichment depends on besides the article.
    var enrichSettings: UInt64
    /// What pages depend on besides the site: site.yml, the base URL option.
    var pageSettings: UInt64
    /// A fingerprint per kind of input besides the articles, so that a build can say which changed.
    var areas: Areas

    struct Areas: Equatable {
        var templates: UInt64 = 0
        var settings: UInt64 = 0
        var data: UInt64 = 0
        var otherFiles: UInt64 = 0
    }

    init(project: Project, options: SiteBuilder.Options) throws(SourceError) {
        let listing = try ContentLoader.fullListing(in: project.content, boundary: project.contentLinkBoundary())
        (content, skipped) = (listing.files, listing.skipped)
        var hash = BuildCache.generator
        func add(_ text: String) { ContentHash.combine(&hash, ContentHash.of(text)) }
        for file in content {
            add(file.path)
            file.stamp.hash(into: &hash)
        }
        var areas = Areas()
        func stamps(_ files: [(path: String, stamp: FileTree.Stamp)], into area: inout UInt64) {
            for file in files {
                ContentHash.combine(&area, ContentHash.of(file.path))
                file.stamp.hash(into: &area)
            }
        }
        // The photos beside articles count as inputs too.
        stamps(listing.others, into: &areas.otherFiles)
        for (folder, area) in [(project.templates, \Areas.templates), (project.data, \Areas.data), (project.staticFiles, \Areas.otherFiles)] {
            ContentHash.combine(&areas[keyPath: area], ContentHash.of("\u{0}" + folder.path))
            stamps(FileTree.files(under: folder.resolvingSymlinksInPath().path), into: &areas[keyPath: area])
        }
        let settingsBytes = (try? FileBytes.read(project.settings.path)) ?? []
        var views: [UInt8] = []
        for name in ["views.csv", "views.json"] {
            if let bytes = try? FileBytes.read(project.data.appendingPathComponent(name).path) { views = bytes; break }
        }
        var enrich = BuildCache.generator
        ContentHash.combine(&enrich, ContentHash.of(settingsBytes))
        ContentHash.combine(&enrich, ContentHash.of(views))
        enrichSettings = enrich
        var pages = BuildCache.generator
        ContentHash.combine(&pages, ContentHash.of(settingsBytes))
        ContentHash.combine(&pages, ContentHash.of(options.baseURL ?? "\u{0}"))
        ContentHash.combine(&pages, UInt64(options.sitemapLimit))
        pageSettings = pages
        areas.settings = pages
        ContentHash.combine(&areas.settings, ContentHash.of(project.output.path))
        ContentHash.combine(&areas.settings, options.publish.includeDrafts ? 1 : 0)
        ContentHash.combine(&areas.settings, options.publish.includeFuture ? 1 : 0)
        self.areas = areas
        ContentHash.combine(&hash, enrich)
        for area in [areas.templates, areas.data, areas.otherFiles, areas.settings] { ContentHash.combine(&hash, area) }
        fingerprint = hash
    }
}

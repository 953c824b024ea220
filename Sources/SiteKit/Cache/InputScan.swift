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

    init(project: Project, options: SiteBuilder.Options) throws(SourceError) {
        let listing = try ContentLoader.fullListing(in: project.content, boundary: project.contentLinkBoundary())
        (content, skipped) = (listing.files, listing.skipped)
        var hash = BuildCache.generator
        func add(_ text: String) { ContentHash.combine(&hash, ContentHash.of(text)) }
        // The photos beside articles count as inputs too.
        for file in content + listing.others {
            add(file.path)
            file.stamp.hash(into: &hash)
        }
        for folder in [project.templates, project.data, project.staticFiles] {
            add("\u{0}" + folder.path)
            for file in FileTree.files(under: folder.resolvingSymlinksInPath().path) {
                add(file.path)
                file.stamp.hash(into: &hash)
            }
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
        ContentHash.combine(&hash, enrich)
        ContentHash.combine(&hash, pages)
        add(project.output.path)
        ContentHash.combine(&hash, options.publish.includeDrafts ? 1 : 0)
        ContentHash.combine(&hash, options.publish.includeFuture ? 1 : 0)
        fingerprint = hash
    }
}

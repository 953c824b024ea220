import CompiledMustache
import Foundation

/// A file ready to be written: its path below the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// Render: one planned page to the bytes of its file. Pages with a template go model
/// (`PageModelBuilder`) → template values (`TemplateValues`) → the theme; feeds, sitemaps and
/// other files are written by `FeedWriter` and here.
public struct PageRenderer: Sendable {
    public let site: Site
    public let theme: Theme
    /// All pages, for the sitemap.
    let sitemapPages: [Page]
    let sitemapLimit: Int
    let context: PageContext
    let models: PageModelBuilder

    /// Prepares what pages share (the list items of every article, on first use) once.
    public init(site: Site, theme: Theme, pages: [Page], sitemapLimit: Int = PagePlanner.sitemapLimit) {
        self.site = site
        self.theme = theme
        self.sitemapPages = PagePlanner.sitemapURLs(pages)
        self.sitemapLimit = sitemapLimit
        let context = PageContext(site: site, theme: theme)
        self.context = context
        models = PageModelBuilder(site: site, strings: theme.strings, format: context.format)
    }

    public func renderAll(_ pages: [Page]) -> [OutputFile] {
        parallelMap(pages) { render($0) }
    }

    public func render(_ page: Page) -> OutputFile {
        if let model = models.model(of: page) {
            if case .notFound = model {
                // Served at any depth, so its links cannot be relative: rooted at the base path.
                let absolute = PageContext(site: site.withAbsoluteLinks(), theme: theme, items: context.items)
                let (template, fields) = TemplateValues(context: absolute).of(model)
                return OutputFile(path: page.outputFile, bytes: theme.render(template, fields, root: site.config.basePath))
            }
            let (template, fields) = TemplateValues(context: context).of(model)
            return OutputFile(path: page.outputFile, bytes: context.render(fields, template: template, path: page.path))
        }
        let feeds = FeedWriter(site: site, context: context)
        switch page.kind {
        case .feed(let source):
            return OutputFile(path: page.outputFile, text: feeds.rss(source, path: page.path))
        case .sitemap(let part):
            let slice = part == 0 ? sitemapPages[...] : sitemapPages.dropFirst((part - 1) * sitemapLimit).prefix(sitemapLimit)
            return OutputFile(path: page.outputFile, text: feeds.sitemap(Array(slice)))
        case .sitemapIndex(let parts):
            return OutputFile(path: page.outputFile, text: feeds.sitemapIndex(parts: parts))
        case .robots:
            return OutputFile(path: page.outputFile, text: SiteChrome.robots(site.config, sitemapURL: context.links.absolute("sitemap.xml")))
        case .redirectsFile:
            let lines = site.aliases.map { "\(site.config.basePath.dropLast())\($0.path) \(site.config.basePath)\(site.articlePaths[$0.article]) 301" }
            return OutputFile(path: page.outputFile, text: lines.joined(separator: "\n") + "\n")
        case .article, .list, .termIndex, .archive, .notFound, .redirect:
            return OutputFile(path: page.outputFile, bytes: [])  // these have models (above)
        }
    }
}

extension Site {
    func withAbsoluteLinks() -> Site {
        var copy = self
        copy.config.relativeLinks = false
        return copy
    }
}

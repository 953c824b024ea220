import CompiledMustache

/// Turns site paths into the links a page writes: under the base path, or relative to the page
/// itself (`relative_links: true`) so the output works from `file://` and can move without a rebuild.
public struct Links: Sendable {
    /// Kept out of content by the enricher; no longer written into pages (links are rooted by
    /// the template engine, see `rooted`).
    public static let rootMarker = "\u{1}"

    public let basePath: String
    public let absoluteBase: String
    public let relative: Bool

    public init(config: SiteConfig) {
        basePath = config.basePath
        absoluteBase = config.absoluteBase
        relative = config.relativeLinks
    }

    /// A link from the page at `from` (a site path such as "2023/08/x/") to the site path `to`.
    public func href(_ to: String, from: String) -> String {
        guard relative else { return basePath + to }
        return Self.upToRoot(from) + Self.fileTarget(to)
    }

    /// A link for HTML shown on many pages (list items, the header): in relative mode a path
    /// from the site root, which the engine writes after each page's `root(of:)`.
    func rooted(_ to: String) -> MustacheValue {
        relative ? .rootPath(Self.fileTarget(to)) : .text(basePath + to)
    }

    /// What a rooted link is written after on the page at `page`.
    func root(of page: String) -> String {
        relative ? Self.upToRoot(page) : basePath
    }

    /// The full URL, for canonical links, feeds and sitemaps.
    public func absolute(_ path: String) -> String {
        absoluteBase + path
    }

    /// "../" once per folder the page sits in: "2023/08/x/" → "../../../", "feed.xml" → "".
    static func upToRoot(_ page: String) -> String {
        let depth = page.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
        return String(repeating: "../", count: depth)
    }

    /// file:// does not open a folder's index.html by itself.
    static func fileTarget(_ path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }
}

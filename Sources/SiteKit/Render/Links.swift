/// Turns site paths into the links a page writes: under the base path, or relative to the page
/// itself (`relative_links: true`) so the output works from `file://` and can move without a rebuild.
public struct Links: Sendable {
    /// Stands for "the site root, seen from this page" in HTML rendered once and reused on many
    /// pages (list items); `resolveRoot` replaces it when the page is known. A control character,
    /// so it cannot come from content (the enricher strips them).
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

    /// A link valid on any page once `resolveRoot` has run over that page.
    public func rooted(_ to: String) -> String {
        relative ? Self.rootMarker + Self.fileTarget(to) : basePath + to
    }

    /// Replaces the root marker in a finished page; nothing to do outside relative mode.
    public func resolveRoot(_ html: String, page: String) -> String {
        guard relative, html.utf8.contains(1) else { return html }
        return html.replacingOccurrences(of: Self.rootMarker, with: Self.upToRoot(page))
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

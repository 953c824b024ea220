/// Turns site paths into the links a page writes: under the base path, or relative to the page
/// itself (`relative_links: true`) so the output works from `file://` and can move without a rebuild.
public struct Links: Sendable {
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
        // Count the folders the page sits in, then climb out of them.
        let fromFolder = from.hasSuffix("/") || from.isEmpty ? from : String(from[..<(from.lastIndex(of: "/").map { from.index(after: $0) } ?? from.startIndex)])
        let fromParts = fromFolder.split(separator: "/")
        let toParts = to.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < fromParts.count, common < toParts.count - 1, fromParts[common] == toParts[common] { common += 1 }
        let up = String(repeating: "../", count: fromParts.count - common)
        var rest = toParts[common...].joined(separator: "/")
        // file:// does not open a folder's index.html by itself.
        if rest.isEmpty || rest.hasSuffix("/") { rest += "index.html" }
        return up + rest
    }

    /// The full URL, for canonical links, feeds and sitemaps.
    public func absolute(_ path: String) -> String {
        absoluteBase + path
    }
}

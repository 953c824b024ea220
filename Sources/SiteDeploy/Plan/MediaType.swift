import SiteKit

/// The Content-Type an S3 host must send for a file (it cannot guess, and a browser given
/// `binary/octet-stream` for a page downloads it). Text types say UTF-8: Vietnamese otherwise
/// turns into mojibake on browsers that guess Latin-1.
public enum MediaType {
    public static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        switch self.extension(of: name) {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "xml": return name == "feed.xml" || name.hasSuffix(".rss") ? "application/rss+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "txt", "": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml; charset=utf-8"
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "pdf": return "application/pdf"
        case "mp4": return "video/mp4"
        case "mp3": return "audio/mpeg"
        default: return "application/octet-stream"
        }
    }

    /// Lower-cased extension without the dot; "" for names without one (`_redirects`).
    static func `extension`(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}

/// Cache-Control per kind of file: pages and feeds change daily, so browsers and CDNs keep them
/// minutes; assets under their plain names a day. Files whose names carry a hash of their bytes
/// (`assets/style.3f9a0c21d4e8.css`, `img/anh-1-0123456789abcdef-800.webp`) never change under
/// that name, so they are kept a year. site.yml can set each.
public struct CacheControl: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case html, feeds, search, assets, fingerprinted
    }

    public var headers: [Kind: String] = [
        .html: "public, max-age=300",
        .feeds: "public, max-age=300",
        .search: "public, max-age=3600",
        .assets: "public, max-age=86400",
        .fingerprinted: "public, max-age=31536000, immutable",
    ]

    public init() {}

    public func header(for path: String, searchFolder: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let kind: Kind
        switch MediaType.extension(of: name) {
        case "html", "htm": kind = .html
        case "xml", "txt", "": kind = .feeds
        default:
            if path.hasPrefix(searchFolder) { kind = .search }
            else { kind = FingerprintedNames.contains(path) ? .fingerprinted : .assets }
        }
        return headers[kind]
    }
}

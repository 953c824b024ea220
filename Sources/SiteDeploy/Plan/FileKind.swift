/// What an output file is to a reader, which decides when it is uploaded: what a page links to
/// must be on the host before the page, so a reader never follows a link into nothing.
public enum FileKind: Int, Sendable, Comparable, CaseIterable {
    /// Styles, scripts, images, search shards: linked to, never linking.
    case asset
    /// An article's page.
    case article
    /// Every other page that lists articles: tags, categories, archives, feeds, sitemaps, redirects.
    case list
    /// The home page, last: it is what most readers open first.
    case home

    public static func < (lhs: FileKind, rhs: FileKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Classifies an output path, given the article permalink pattern of site.yml
    /// (`:year/:month/:slug/`): an article page is the `index.html` of a folder of that shape.
    public static func of(_ path: String, articlePattern: ArticlePattern) -> FileKind {
        if path == "index.html" { return .home }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        switch MediaType.extension(of: name) {
        case "html":
            return name == "index.html" && articlePattern.matches(folder: path.dropLast("index.html".count)) ? .article : .list
        case "xml", "":
            return .list  // feeds, sitemaps, `_redirects`
        case "txt":
            return name == "robots.txt" ? .list : .asset
        case "json":
            // The search index's meta.json names the versions of every shard: it goes after them.
            return name == "meta.json" ? .list : .asset
        default:
            return .asset
        }
    }
}

/// The article permalink pattern, e.g. `:year/:month/:slug/`, matched part by part.
public struct ArticlePattern: Sendable {
    enum Part: Equatable { case literal(Substring), digits(Int), any }
    let parts: [Part]

    public init(_ pattern: String) {
        parts = pattern.split(separator: "/").map { part in
            switch part {
            case ":year": return .digits(4)
            case ":month", ":day": return .digits(2)
            case _ where part.hasPrefix(":"): return .any
            default: return .literal(part)
            }
        }
    }

    func matches(folder: Substring) -> Bool {
        let names = folder.split(separator: "/")
        guard names.count == parts.count else { return false }
        for (name, part) in zip(names, parts) {
            switch part {
            case .literal(let text): if name != text { return false }
            case .digits(let count): if name.count != count || !name.allSatisfy(\.isASCIIDigit) { return false }
            case .any: if name == "page" { return false }  // pagination of a list, not an article
            }
        }
        return true
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

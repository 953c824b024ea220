import Foundation

/// Output paths of the site, relative to its root, without a leading "/" and ending in "/" for pages.
public struct Permalinks: Sendable {
    let patterns: SiteConfig.Permalinks
    let calendar: Calendar
    /// Each term pattern split at ":slug", so a link costs two concatenations (it is made for
    /// every navigation and term link of every page).
    let termParts: [Taxonomy.Kind: (prefix: String, suffix: String)]

    public init(config: SiteConfig) {
        patterns = config.permalinks
        calendar = DateParsing(timeZone: config.timeZone).calendar
        var parts: [Taxonomy.Kind: (prefix: String, suffix: String)] = [:]
        for kind in Taxonomy.Kind.allCases {
            let pattern: String
            switch kind {
            case .tag: pattern = config.permalinks.tag
            case .category: pattern = config.permalinks.category
            case .author: pattern = config.permalinks.author
            }
            let marker = pattern.range(of: ":slug")!
            parts[kind] = (String(pattern[..<marker.lowerBound]), String(pattern[marker.upperBound...]))
        }
        termParts = parts
    }

    public func article(slug: String, date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return patterns.article
            .replacingOccurrences(of: ":year", with: String(format: "%04d", parts.year ?? 0))
            .replacingOccurrences(of: ":month", with: String(format: "%02d", parts.month ?? 0))
            .replacingOccurrences(of: ":day", with: String(format: "%02d", parts.day ?? 0))
            .replacingOccurrences(of: ":slug", with: slug)
    }

    public func term(_ kind: Taxonomy.Kind, slug: String) -> String {
        let parts = termParts[kind]!
        return parts.prefix + slug + parts.suffix
    }

    /// The folder holding every term of a kind ("chu-de/"), where its index page lives.
    public func termIndex(_ kind: Taxonomy.Kind) -> String {
        let path = term(kind, slug: "\u{0}")
        guard let marker = path.firstIndex(of: "\u{0}") else { return path }
        return String(path[..<marker])
    }

    public func year(_ year: Int) -> String { String(format: "%04d/", year) }
    public func month(year: Int, month: Int) -> String { String(format: "%04d/%02d/", year, month) }
    public var archive: String { "luu-tru/" }

    /// Page N of a paginated list: page 1 is the list itself.
    public static func paginated(_ base: String, page: Int) -> String {
        page <= 1 ? base : base + "page/\(page)/"
    }
}

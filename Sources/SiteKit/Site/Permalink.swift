import Foundation

/// Output paths of the site, relative to its root, without a leading "/" and ending in "/" for pages.
public struct Permalinks: Sendable {
    let patterns: SiteConfig.Permalinks
    let calendar: Calendar
    /// Each term pattern split at ":slug", so a link costs two concatenations (it is made for
    /// every navigation and term link of every page).
    let termParts: [Taxonomy.Kind: (prefix: String, suffix: String)]
    let articleParts: [PatternPart]

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
        articleParts = Self.parts(of: config.permalinks.article)
    }

    public func article(slug: String, date: Date) -> String {
        article(slug: slug, day: calendar.dateComponents([.year, .month, .day], from: date))
    }

    /// The same, for a date whose year, month and day are known (`days(of:)`).
    func article(slug: String, day parts: DateComponents) -> String {
        var path = ""
        for part in articleParts {
            switch part {
            case .text(let text): path += text
            case .year: path += Self.digits(parts.year ?? 0, 4)
            case .month: path += Self.digits(parts.month ?? 0, 2)
            case .day: path += Self.digits(parts.day ?? 0, 2)
            case .slug: path += slug
            }
        }
        return path
    }

    /// The year, month and day of each date, in the site's time zone. For dates sorted (as
    /// articles are): the calendar is asked once a day, not once a date, which was a fifth of
    /// indexing 35,000 articles.
    func days(of dates: [Date]) -> [DateComponents] {
        calendar.components([.year, .month, .day], periodsOf: .day, for: dates)
    }

    /// The article pattern cut at its placeholders once, instead of searched for each article.
    enum PatternPart: Sendable, Equatable {
        case text(String), year, month, day, slug
    }

    static func parts(of pattern: String) -> [PatternPart] {
        let placeholders: [(String, PatternPart)] = [(":year", .year), (":month", .month), (":day", .day), (":slug", .slug)]
        var parts: [PatternPart] = []
        var text = ""
        var rest = Substring(pattern)
        while !rest.isEmpty {
            if let (name, part) = placeholders.first(where: { rest.hasPrefix($0.0) }) {
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                parts.append(part)
                rest = rest.dropFirst(name.count)
            } else {
                text.append(rest.removeFirst())
            }
        }
        if !text.isEmpty { parts.append(.text(text)) }
        return parts
    }

    /// `value` in decimal, zero-padded to `width`.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
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

    // `digits` rather than String(format:): Foundation's format parser was a third of building an
    // article's page model (every article page links its month). Years and months are never negative.
    public func year(_ year: Int) -> String { Self.digits(year, 4) + "/" }
    public func month(year: Int, month: Int) -> String { Self.digits(year, 4) + "/" + Self.digits(month, 2) + "/" }
    public var archive: String { "luu-tru/" }

    /// Numbered page N of a list (`Pagination` says which page lives at the list's own address).
    public static func paginated(_ base: String, page: Int) -> String {
        base + "page/\(page)/"
    }
}

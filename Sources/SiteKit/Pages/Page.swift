import Foundation

/// One file of the output, planned: where it goes and what it shows, by index into the `Site`
/// (so a plan stays small however many pages list the same articles).
public struct Page: Sendable {
    public enum Kind: Sendable {
        case article(Int)
        case list(ArticleList)
        case termIndex(Taxonomy.Kind)
        case archive
        case notFound
        case feed(ArticleList.Source)
        case sitemap(part: Int)
        case sitemapIndex(parts: Int)
        case robots
        case redirect(alias: String, article: Int)
        case redirectsFile
    }

    /// The page's URL path below the site root: "2023/08/slug/" for a page, "feed.xml" for a file.
    public var path: String
    public var kind: Kind

    /// The file written for it: folders get an `index.html`.
    public var outputFile: String {
        path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }
}

/// A page of articles: the home page, a term's page, a year or a month, and which slice of it.
public struct ArticleList: Sendable {
    public enum Source: Sendable, Equatable {
        case home
        case term(Taxonomy.Kind, Int)
        case year(Int)
        case month(year: Int, month: Int)
    }

    public var source: Source
    /// The list's own address; its numbered pages live at `base/page/N/`.
    public var basePath: String
    /// Which page of the list, in reading order (0: the list's own address).
    public var position: Int
    public var pagination: Pagination

    /// The page's articles, as offsets into the list's newest-first order.
    public var items: Range<Int> { pagination.items(at: position) }
}

extension Site {
    /// The articles of a list, newest first.
    public func articles(of source: ArticleList.Source) -> [Int] {
        switch source {
        case .home: return newestFirst
        case .term(let kind, let term): return taxonomy(kind).terms[term].articles
        case .year(let year): return years[year].articles
        case .month(let year, let month): return years[year].months[month].articles
        }
    }

    /// A list page's last modification, for the sitemap: a page that keeps its articles changed
    /// with its own newest one; any other with the list's newest.
    public func lastModified(_ list: ArticleList) -> Date? {
        let all = articles(of: list.source)
        let offset = list.pagination.isFixed(at: list.position) ? list.items.lowerBound : 0
        return offset < all.count ? articles[all[offset]].date : nil
    }

    public func taxonomy(_ kind: Taxonomy.Kind) -> Taxonomy {
        switch kind {
        case .tag: return tags
        case .category: return categories
        case .author: return authors
        }
    }
}

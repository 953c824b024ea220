/// How one list (the home page, a term, a year, a month) is cut into pages, and how they follow
/// one another. Pages are counted by *position* in reading order: 0 is the list's own address
/// (its newest articles), the last position its oldest articles; the pager's "previous" is one
/// position back (newer), its "next" one forward (older), in both schemes.
///
/// `stable` numbers pages from the oldest, so that a full page never changes when an article is
/// published: `/page/1/` holds the oldest `pageSize` articles. The list's own address shows the
/// newest `pageSize` articles (the newest, partly filled block topped up from the one before), and
/// the newest block becomes a numbered page only once an article newer than it exists, so the entry
/// page never shows exactly what a numbered page shows.
/// `newestFirst` is the older scheme: page 1 at the list's address, page N the N-th newest block.
public struct Pagination: Sendable, Equatable, Hashable {
    public enum Scheme: String, Sendable, CaseIterable {
        case stable
        case newestFirst = "newest_first"
    }

    public var scheme: Scheme
    public var articleCount: Int
    public var pageSize: Int

    public init(scheme: Scheme, articleCount: Int, pageSize: Int) {
        precondition(pageSize > 0, "page_size is checked when site.yml is read")
        self.scheme = scheme
        self.articleCount = max(0, articleCount)
        self.pageSize = pageSize
    }

    /// Stable numbered pages: every block of `pageSize` articles but the newest one.
    var numberedPages: Int { articleCount == 0 ? 0 : (articleCount - 1) / pageSize }

    /// Pages of the list, its own address included (at least 1, even for an empty list).
    public var pageCount: Int {
        switch scheme {
        case .stable: return 1 + numberedPages
        case .newestFirst: return max(1, (articleCount + pageSize - 1) / pageSize)
        }
    }

    public var positions: Range<Int> { 0..<pageCount }

    /// The number in the page's address and pager; nil for the stable list's own address.
    public func number(at position: Int) -> Int? {
        switch scheme {
        case .stable: return position == 0 ? nil : numberedPages - position + 1
        case .newestFirst: return position + 1
        }
    }

    /// The page's path: `base` for the list's own address, `base/page/N/` for the others.
    public func path(at position: Int, base: String) -> String {
        position == 0 ? base : Permalinks.paginated(base, page: number(at: position)!)
    }

    /// The page's articles, as offsets into the list's newest-first order (so read newest first).
    public func items(at position: Int) -> Range<Int> {
        switch scheme {
        case .stable:
            guard let number = number(at: position) else { return 0..<min(articleCount, pageSize) }
            return (articleCount - number * pageSize)..<(articleCount - (number - 1) * pageSize)
        case .newestFirst:
            let start = min(position * pageSize, articleCount)
            return start..<min(start + pageSize, articleCount)
        }
    }

    /// Whether the page keeps its articles when newer ones are published (stable numbered pages).
    public func isFixed(at position: Int) -> Bool {
        scheme == .stable && position > 0
    }

    /// The positions the pager links to, in reading order, nil for a gap: the first and the last
    /// page, and two on each side of the current one (1 … 4 5 [6] 7 8 … 20). In the stable scheme
    /// the first is the list's own address and the last `/page/1/`, both fixed addresses, so a
    /// numbered page's pager changes only while it is among the three newest numbered pages.
    public func window(around current: Int) -> [Int?] {
        var shown: [Int?] = []
        var last = -1
        for position in positions where position == 0 || position == pageCount - 1 || abs(position - current) <= 2 {
            if position > last + 1 { shown.append(nil) }
            shown.append(position)
            last = position
        }
        return shown
    }
}

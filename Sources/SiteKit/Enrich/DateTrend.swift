import Foundation

/// The publishing timeline of an archive as its firm dates draw it in id order: the
/// non-decreasing line nearest to them (least absolute deviation, so a minority of wrong dates
/// cannot pull it), fitted once per build.
///
/// Found on corpus-dev without `archive_start`: 125 of its 310 dates stated with their own year
/// were more than 60 days from their neighbours ("rà soát từ ngày 1/7/2014 đến ngày 30/11/2016"
/// in a 2017 article), and the median of five neighbours, drawn from the same dates, did not
/// see it. The line does: an old CMS numbers its articles in publishing order.
struct DateTrend {
    /// Anchors looked at on each side to tell whether the archive is dense here.
    static let span = 10
    /// A stretch of `2 × span` anchors covering more than this is too sparse to judge a date by.
    static let denseWithin: TimeInterval = 180 * 86_400

    /// For each position of the neighbours' order that is an anchor: the line's date there.
    private var fitted: [Int: Date] = [:]
    /// The anchor positions in id order, and where each position sits in that list.
    private let positions: [Int]
    private var rank: [Int: Int] = [:]

    init(_ neighbours: NeighbourDates) {
        positions = neighbours.anchors.indices.filter { neighbours.anchors[$0] != nil }
        for (r, k) in positions.enumerated() { rank[k] = r }
        // Pool adjacent violators: blocks of anchors, each at the median of its dates, merged while
        // a block's median falls below the one before it.
        var blocks: [(dates: [TimeInterval], count: Int)] = []
        for k in positions {
            blocks.append(([neighbours.anchors[k]!.timeIntervalSinceReferenceDate], 1))
            while blocks.count > 1, Self.median(blocks[blocks.count - 1].dates) < Self.median(blocks[blocks.count - 2].dates) {
                let last = blocks.removeLast()
                blocks[blocks.count - 1].dates = (blocks[blocks.count - 1].dates + last.dates).sorted()
                blocks[blocks.count - 1].count += last.count
            }
        }
        var r = 0
        for block in blocks {
            let date = Date(timeIntervalSinceReferenceDate: Self.median(block.dates))
            for _ in 0..<block.count {
                fitted[positions[r]] = date
                r += 1
            }
        }
    }

    /// Whether the anchor at position `k` is further than `limit` from the line, where the archive
    /// is dense enough (`span` anchors each side within `denseWithin`) for the line to be trusted.
    func isFar(_ k: Int, _ date: Date, limit: TimeInterval) -> Bool {
        guard let r = rank[k], let line = fitted[k], r >= Self.span, r + Self.span < positions.count,
              let low = fitted[positions[r - Self.span]], let high = fitted[positions[r + Self.span]],
              high.timeIntervalSince(low) <= Self.denseWithin else { return false }
        return abs(date.timeIntervalSince(line)) > limit
    }

    private static func median(_ sorted: [TimeInterval]) -> TimeInterval {
        sorted[sorted.count / 2]
    }
}

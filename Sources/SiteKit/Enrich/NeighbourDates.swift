import Foundation

/// The articles of an archive in the old CMS's id order (its publishing order) and the dates of
/// those that serve as anchors: what an article's neighbours say its date is.
///
/// Measured by leaving dated articles out (`Benchmarks/archive-dates-holdout.py`): the nearest
/// anchors on each side, interpolated by id, come closest; the median of a side only guards against
/// a neighbour whose text date is another event's ("từ ngày 1/1/2018" in a June article).
struct NeighbourDates {
    /// An article with an old id: its index in the articles, its id, and the id as a number.
    struct Entry {
        var index: Int, id: String, number: Double
    }

    /// Anchors looked at on each side of an article.
    static let perSide = 5
    /// An anchor further than this from the median of its side is not trusted to date a neighbour.
    static let sideSpread: TimeInterval = 7 * 86_400

    let order: [Entry]
    /// The anchor date of each position of `order`, nil where it is no anchor.
    var anchors: [Date?]

    /// From each article's old id (`ArchiveDates.oldID`), by index.
    init(oldIDs: [String?]) {
        order = oldIDs.indices.compactMap { i in oldIDs[i].map { Entry(index: i, id: $0, number: Double($0) ?? 0) } }
            .sorted { $0.id.count != $1.id.count ? $0.id.count < $1.id.count : $0.id < $1.id }
        anchors = Array(repeating: nil, count: order.count)
    }

    /// Up to `perSide` anchor positions before (nearest first) and after (nearest first) position `k`.
    func sides(_ k: Int) -> (before: [Int], after: [Int]) {
        var before: [Int] = [], after: [Int] = []
        var j = k - 1
        while j >= 0, before.count < Self.perSide { if anchors[j] != nil { before.append(j) }; j -= 1 }
        j = k + 1
        while j < order.count, after.count < Self.perSide { if anchors[j] != nil { after.append(j) }; j += 1 }
        return (before, after)
    }

    func median(_ side: [Int]) -> Date? {
        let dates = side.compactMap { anchors[$0] }.sorted()
        return dates.isEmpty ? nil : dates[dates.count / 2]
    }

    /// The anchor of a side that speaks for it: the nearest one that agrees with the side's median.
    func pick(_ side: [Int]) -> Int? {
        guard let middle = median(side) else { return nil }
        return side.first { abs(anchors[$0]!.timeIntervalSince(middle)) <= Self.sideSpread }
            ?? side.first { anchors[$0] == middle }
    }

    /// The dates the anchors around position `k` agree on: the medians of each side, when they are
    /// within `limit` of each other (or a full side at an end of the archive); else nil, as in a
    /// sparse or unordered archive, where no date is judged by its neighbours.
    func agreement(_ k: Int, within limit: TimeInterval) -> ClosedRange<Date>? {
        let (before, after) = sides(k)
        switch (median(before), median(after)) {
        case let (low?, high?):
            guard abs(high.timeIntervalSince(low)) <= limit else { return nil }
            return min(low, high)...max(low, high)
        case let (one?, nil) where before.count == Self.perSide, let (nil, one?) where after.count == Self.perSide:
            return one...one
        default:
            return nil
        }
    }

    /// The date of position `k` between the anchors that speak for each side, by id; and those anchors.
    func estimate(_ k: Int) -> (date: Date, from: [Int])? {
        let (before, after) = sides(k)
        switch (pick(before), pick(after)) {
        case let (a?, b?):
            let low = anchors[a]!, high = anchors[b]!
            guard high >= low else { return (min(low, high), [a, b]) }  // out of order: the earlier is the safer guess
            let (x, xa, xb) = (order[k].number, order[a].number, order[b].number)
            let share = xb > xa ? min(1, max(0, (x - xa) / (xb - xa))) : 0.5
            return (low.addingTimeInterval(high.timeIntervalSince(low) * share), [a, b])
        case let (a?, nil): return (anchors[a]!, [a])
        case let (nil, b?): return (anchors[b]!, [b])
        case (nil, nil): return nil
        }
    }
}

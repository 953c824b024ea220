import Foundation

/// The dates that need the whole archive, after every article is enriched on its own: the dates
/// file; the year of a "Sáng 6-6" and an estimate for an article with no date at all, both from its
/// neighbours (an old CMS numbers its articles in publishing order, and the scraped files are named
/// after those ids); and a warning for every legacy date that is estimated, in the future, or
/// before `archive_start`, so none is silently wrong or silently hidden.
public struct ArchiveDates: Sendable {
    public let config: SiteConfig
    public let table: DatesTable
    /// The build's "now": a legacy date beyond it (and `tolerance`) is suspect.
    public let now: Date
    /// Time zones and a late-night article: a day of slack before a date counts as in the future.
    public static let tolerance: TimeInterval = 36 * 3600
    /// A stated date further than this from what its neighbours say is not the article's.
    static let farFromNeighbours: TimeInterval = 45 * 86_400
    let calendar: Calendar

    public init(config: SiteConfig, table: DatesTable = DatesTable(), now: Date) {
        self.config = config
        self.table = table
        self.now = now
        calendar = DateParsing(timeZone: config.timeZone).calendar
    }

    /// The dates table of a project (`dates_file` of site.yml, `data/dates.csv` by default).
    public static func table(root: URL, config: SiteConfig) throws(SourceError) -> DatesTable {
        try DatesTable.load(root.appendingPathComponent(config.datesFile), displayPath: config.datesFile,
                            parsing: DateParsing(timeZone: config.timeZone))
    }

    /// The old CMS's id of an article: its file name when that is a number ("21459320.txt"), or
    /// the one it was imported from.
    public static func oldID(_ article: Article) -> String? {
        oldID(sourcePath: article.sourcePath, params: article.params)
    }

    static func oldID(sourcePath: String, params: [String: FieldValue]) -> String? {
        numericName(sourcePath) ?? params["imported_from"]?.text.flatMap(numericName)
    }

    /// The file name of `path` up to its first dot, when that is 1 to 18 digits (an id that fits
    /// an Int). On the bytes: it runs for every article of every build.
    static func numericName(_ path: String) -> String? {
        var path = path
        return path.withUTF8 { bytes -> String? in
            var end = bytes.count  // the last component that is not empty
            while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
            var start = end
            while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
            while start < end, bytes[start] == UInt8(ascii: ".") { start += 1 }  // its first piece that is not empty
            var stop = start
            while stop < end, bytes[stop] != UInt8(ascii: ".") { stop += 1 }
            let name = UnsafeBufferPointer(rebasing: bytes[start..<stop])
            guard !name.isEmpty, name.count <= 18, name.allSatisfy({ (48...57).contains($0) }) else { return nil }
            return String(decoding: name, as: UTF8.self)
        }
    }

    /// Whether an article's date waits for its neighbours (so a lone re-read of it cannot be patched in).
    public static func needsNeighbours(_ article: Article) -> Bool {
        switch article.provenance["date"] {
        case .textWithoutYear?, .modificationTime?: return true
        default: return false
        }
    }

    /// Fills in the dates; returns the warnings, each naming the file and where its date came from.
    public func resolve(_ articles: inout [Article]) -> [SourceError] {
        var warnings: [SourceError] = []
        var pending = Set<Int>()
        // Each article's old id once, for the table and the neighbours; the articles are read in
        // place (a copy of each, some twenty strings and arrays, was a third of this pass).
        let ids = articles.map { Self.oldID(sourcePath: $0.sourcePath, params: $0.params) }
        for i in articles.indices {
            let origin = articles[i].provenance["date"]
            if case .frontMatter? = origin { continue }
            if let row = table.row(sourcePath: articles[i].sourcePath, oldID: ids[i]) {
                articles[i].date = row.date
                articles[i].provenance["date"] = .datesFile("\(table.source), line \(row.line)")
                continue
            }
            switch origin {
            case .textWithoutYear?, .modificationTime?:
                pending.insert(i)
            case .text(let excerpt, let line)?:
                if let problem = outOfRange(articles[i].date) {
                    warnings.append(SourceError(path: "content/" + articles[i].sourcePath, line: line,
                                                message: "the date \(day(articles[i].date)) read from \"\(excerpt)\" is \(problem); estimating it from its neighbours instead"))
                    pending.insert(i)
                }
            default:
                break
            }
        }
        // Articles with an old id, in id order; the first anchors are those with a firm date.
        var neighbours = NeighbourDates(oldIDs: ids)
        for (k, entry) in neighbours.order.enumerated() where !pending.contains(entry.index) { neighbours.anchors[k] = articles[entry.index].date }
        // A date the text states in full but far from every neighbour is another event's ("từ ngày
        // 1/1/2018" in a 2017 article): the neighbours date it, and the editor is told. Only where the
        // archive is dense in publishing order: the neighbours agree with each other and the date is
        // far from both sides, or it is far from the line all firm dates draw (`DateTrend`), so that
        // one outlier never condemns its neighbours, nor many references their archive.
        var outliers: [(k: Int, warning: SourceError)] = []
        let trend = DateTrend(neighbours)
        for (k, entry) in neighbours.order.enumerated() where !pending.contains(entry.index) {
            let date = articles[entry.index].date
            guard case .text(let excerpt, let line)? = articles[entry.index].provenance["date"] else { continue }
            let farFromSides = neighbours.agreement(k, within: Self.farFromNeighbours).map {
                date < $0.lowerBound.addingTimeInterval(-Self.farFromNeighbours) || date > $0.upperBound.addingTimeInterval(Self.farFromNeighbours)
            } ?? false
            guard farFromSides || trend.isFar(k, date, limit: Self.farFromNeighbours), let (_, from) = neighbours.estimate(k) else { continue }
            outliers.append((k, SourceError(path: "content/" + articles[entry.index].sourcePath, line: line,
                                            message: "the date \(day(date)) read from \"\(excerpt)\" is far from \(describe(from, neighbours, articles)); estimating it from them instead")))
        }
        for outlier in outliers {
            pending.insert(neighbours.order[outlier.k].index)
            neighbours.anchors[outlier.k] = nil
            warnings.append(outlier.warning)
        }
        guard !pending.isEmpty else { return warnings }
        // First the year of each day and month ("Sáng 6-6") from the firm anchors; those dates then
        // anchor the undated too (half of a scraped archive has a day and month in its lead).
        var estimated = Set<Int>(), undated: [Int] = []
        var dayMonths: [(k: Int, date: Date)] = []
        for (k, entry) in neighbours.order.enumerated() where pending.contains(entry.index) {
            let i = entry.index
            guard case .textWithoutYear(let excerpt, let line, let d, let m, let weekday)? = articles[i].provenance["date"] else {
                undated.append(k)
                continue
            }
            guard let (reference, from) = neighbours.estimate(k), let date = nearest(day: d, month: m, weekday: weekday, to: reference) else { continue }
            let file = "content/" + articles[i].sourcePath, named = describe(from, neighbours, articles)
            estimated.insert(i)
            // "vào ngày 8/11" in a February article: another event's day; the neighbours date it.
            guard abs(date.timeIntervalSince(reference)) <= Self.farFromNeighbours || neighbours.agreement(k, within: Self.farFromNeighbours) == nil else {
                undated.append(k)
                warnings.append(SourceError(path: file, line: line, message: "\"\(excerpt)\" is far from \(named): estimating its date from them instead"))
                continue
            }
            articles[i].date = date
            articles[i].provenance["date"] = .yearFromNeighbours(excerpt: excerpt, line: line, neighbours: named)
            if let problem = outOfRange(date) {
                warnings.append(SourceError(path: file, line: line, message: "the date \(self.day(date)) (\"\(excerpt)\", year from \(named)) is \(problem)"))
            } else {
                dayMonths.append((k, date))
            }
        }
        for (k, date) in dayMonths { neighbours.anchors[k] = date }
        for k in undated.sorted() {
            let i = neighbours.order[k].index
            guard let (reference, from) = neighbours.estimate(k) else { estimated.remove(i); continue }
            estimated.insert(i)
            let named = describe(from, neighbours, articles)
            if case .modificationTime? = articles[i].provenance["date"] {
                warnings.append(SourceError(path: "content/" + articles[i].sourcePath,
                                            message: "no date in the dates file, path or text: estimated \(day(reference)) from \(named) (see check --explain)"))
            }
            articles[i].date = reference
            articles[i].provenance["date"] = .neighbours(named)
        }
        // Without neighbours: the file time stands, and the editor is told.
        for i in pending.sorted() where !estimated.contains(i) {
            let file = "content/" + articles[i].sourcePath
            switch articles[i].provenance["date"] {
            case .textWithoutYear(let excerpt, let line, let d, let m, _)?:
                // The file time's year, or the one before when that puts the day after now (a scrape in
                // January of a December article).
                if articles[i].date > now.addingTimeInterval(Self.tolerance), let earlier = DateParsing(timeZone: config.timeZone)
                    .date(year: calendar.component(.year, from: articles[i].date) - 1, month: m, day: d) {
                    articles[i].date = earlier
                }
                warnings.append(SourceError(path: file, line: line, message: "no year in \"\(excerpt)\" and no dated neighbours: using the year of the file time, \(day(articles[i].date))"))
            case .modificationTime?:
                warnings.append(SourceError(path: file, message: "no date in the front matter, dates file, path or text; using the file's modification time"))
            default:
                warnings.append(SourceError(path: file, message: "the date \(day(articles[i].date)) is \(outOfRange(articles[i].date) ?? "suspect") and no dated neighbours can replace it"))
            }
        }
        return warnings
    }

    /// Why a legacy date cannot be right: after now, or before the archive began.
    func outOfRange(_ date: Date) -> String? {
        if date > now.addingTimeInterval(Self.tolerance) { return "after the build time (\(day(now)))" }
        if let start = config.archiveStart, date < start { return "before archive_start (\(day(start)))" }
        return nil
    }

    /// "the articles around it in id order: 5001 (2017-06-05) and 5004 (2017-06-07)".
    func describe(_ positions: [Int], _ neighbours: NeighbourDates, _ articles: [Article]) -> String {
        "the articles around it in id order: " + positions.map { k in
            "\(neighbours.order[k].id) (\(day(articles[neighbours.order[k].index].date)))"
        }.joined(separator: " and ")
    }

    /// The date with this day and month (and weekday, when the text names one) nearest to `reference`.
    func nearest(day d: Int, month m: Int, weekday: Int?, to reference: Date) -> Date? {
        let year = calendar.component(.year, from: reference)
        let hour = calendar.component(.hour, from: reference)
        let candidates = (year - 1...year + 1).compactMap { y in DateParsing(timeZone: config.timeZone).date(year: y, month: m, day: d, hour: hour) }
        let matching = weekday.map { w in candidates.filter { calendar.component(.weekday, from: $0) == w } } ?? []
        let pool = matching.contains { abs($0.timeIntervalSince(reference)) < 200 * 86_400 } ? matching : candidates
        return pool.min { abs($0.timeIntervalSince(reference)) < abs($1.timeIntervalSince(reference)) }
    }

    func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

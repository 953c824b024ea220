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
    /// Anchors on each side whose median dates an article: one wrong anchor does not move it.
    static let anchorsPerSide = 5
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
        for path in [article.sourcePath, article.params["imported_from"]?.text ?? ""] {
            let name = path.split(separator: "/").last.map { $0.split(separator: ".").first ?? $0 } ?? ""
            if !name.isEmpty, name.count <= 18, name.utf8.allSatisfy({ (48...57).contains($0) }) { return String(name) }
        }
        return nil
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
        for i in articles.indices {
            let article = articles[i]
            let origin = article.provenance["date"]
            if case .frontMatter? = origin { continue }
            if let row = table.row(sourcePath: article.sourcePath, oldID: Self.oldID(article)) {
                articles[i].date = row.date
                articles[i].provenance["date"] = .datesFile("\(table.source), line \(row.line)")
                continue
            }
            switch origin {
            case .textWithoutYear?, .modificationTime?:
                pending.insert(i)
            case .text(let excerpt, let line)?:
                if let problem = outOfRange(article.date) {
                    warnings.append(SourceError(path: "content/" + article.sourcePath, line: line,
                                                message: "the date \(day(article.date)) read from \"\(excerpt)\" is \(problem); estimating it from its neighbours instead"))
                    pending.insert(i)
                }
            default:
                break
            }
        }
        // Articles with an old id, in id order; anchors are those with a firm date.
        let numbered = articles.indices.compactMap { i in Self.oldID(articles[i]).map { (index: i, id: $0) } }
            .sorted { $0.id.count != $1.id.count ? $0.id.count < $1.id.count : $0.id < $1.id }
        var (before, after) = anchors(numbered, pending: pending)
        // A date the text states in full but far from every neighbour is another event's ("từ ngày
        // 1/1/2018" in a 2017 article): the neighbours date it, and the editor is told.
        var outliers: [Int] = []
        for (k, entry) in numbered.enumerated() where !pending.contains(entry.index) {
            // Only where the neighbours agree with each other (a dense archive in publishing order), and
            // the date is far from both sides, so that one outlier never condemns its neighbours.
            guard case .text(let excerpt, let line)? = articles[entry.index].provenance["date"],
                  let span = agreement(before[k], after[k], numbered: numbered, articles: articles),
                  articles[entry.index].date < span.lowerBound.addingTimeInterval(-Self.farFromNeighbours)
                    || articles[entry.index].date > span.upperBound.addingTimeInterval(Self.farFromNeighbours),
                  let (_, neighbours) = estimate(k, before: before[k], after: after[k], numbered: numbered, articles: articles) else { continue }
            outliers.append(entry.index)
            warnings.append(SourceError(path: "content/" + articles[entry.index].sourcePath, line: line,
                                        message: "the date \(day(articles[entry.index].date)) read from \"\(excerpt)\" is far from \(neighbours); estimating it from them instead"))
        }
        if !outliers.isEmpty {
            pending.formUnion(outliers)
            (before, after) = anchors(numbered, pending: pending)
        }
        guard !pending.isEmpty else { return warnings }
        var estimated = Set<Int>()
        for (k, entry) in numbered.enumerated() where pending.contains(entry.index) {
            guard let (reference, neighbours) = estimate(k, before: before[k], after: after[k], numbered: numbered, articles: articles) else { continue }
            let i = entry.index
            estimated.insert(i)
            let file = "content/" + articles[i].sourcePath
            if case .textWithoutYear(let excerpt, let line, let d, let m, let weekday)? = articles[i].provenance["date"],
               let date = nearest(day: d, month: m, weekday: weekday, to: reference) {
                // "vào ngày 8/11" in a February article: another event's day; the neighbours date it.
                guard abs(date.timeIntervalSince(reference)) <= Self.farFromNeighbours
                        || agreement(before[k], after[k], numbered: numbered, articles: articles) == nil else {
                    articles[i].date = reference
                    articles[i].provenance["date"] = .neighbours(neighbours)
                    warnings.append(SourceError(path: file, line: line, message: "\"\(excerpt)\" is far from \(neighbours): estimated \(day(reference)) from them instead"))
                    continue
                }
                articles[i].date = date
                articles[i].provenance["date"] = .yearFromNeighbours(excerpt: excerpt, line: line, neighbours: neighbours)
                if let problem = outOfRange(date) {
                    warnings.append(SourceError(path: file, line: line, message: "the date \(self.day(date)) (\"\(excerpt)\", year from \(neighbours)) is \(problem)"))
                }
            } else {
                articles[i].date = reference
                articles[i].provenance["date"] = .neighbours(neighbours)
                warnings.append(SourceError(path: file, message: "no date in the dates file, path or text: estimated \(day(reference)) from \(neighbours) (see check --explain)"))
            }
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

    /// For each article in id order, the nearest anchors (articles with a firm date) before and after it.
    func anchors(_ numbered: [(index: Int, id: String)], pending: Set<Int>) -> (before: [[Int]], after: [[Int]]) {
        var before = [[Int]](repeating: [], count: numbered.count), after = before
        var window: [Int] = []
        for (k, entry) in numbered.enumerated() {
            before[k] = window
            if !pending.contains(entry.index) { window = Array((window + [k]).suffix(Self.anchorsPerSide)) }
        }
        window = []
        for (k, entry) in numbered.enumerated().reversed() {
            after[k] = window
            if !pending.contains(entry.index) { window = Array(([k] + window).prefix(Self.anchorsPerSide)) }
        }
        return (before, after)
    }

    /// The dates the anchors around an article agree on: the medians of each side, when they are
    /// within `farFromNeighbours` of each other (a full set of anchors at an end of the archive); else
    /// nil, as in a sparse or unordered archive, where no date is judged by its neighbours.
    func agreement(_ before: [Int], _ after: [Int], numbered: [(index: Int, id: String)], articles: [Article]) -> ClosedRange<Date>? {
        func median(_ side: [Int]) -> Date? {
            let dates = side.map { articles[numbered[$0].index].date }.sorted()
            return dates.isEmpty ? nil : dates[dates.count / 2]
        }
        switch (median(before), median(after)) {
        case let (low?, high?):
            guard abs(high.timeIntervalSince(low)) <= Self.farFromNeighbours else { return nil }
            return min(low, high)...max(low, high)
        case let (one?, nil) where before.count == Self.anchorsPerSide, let (nil, one?) where after.count == Self.anchorsPerSide:
            return one...one
        default:
            return nil
        }
    }

    /// Why a legacy date cannot be right: after now, or before the archive began.
    func outOfRange(_ date: Date) -> String? {
        if date > now.addingTimeInterval(Self.tolerance) { return "after the build time (\(day(now)))" }
        if let start = config.archiveStart, date < start { return "before archive_start (\(day(start)))" }
        return nil
    }

    /// Between the medians of the anchors before and after, by id; with the neighbours it came from.
    func estimate(_ k: Int, before: [Int], after: [Int], numbered: [(index: Int, id: String)], articles: [Article]) -> (Date, String)? {
        func median(_ ks: [Int]) -> Date? {
            let dates = ks.map { articles[numbered[$0].index].date }.sorted()
            return dates.isEmpty ? nil : dates[dates.count / 2]
        }
        func name(_ k: Int) -> String {
            let article = articles[numbered[k].index]
            return "\(numbered[k].id) (\(day(article.date)))"
        }
        let low = median(before), high = median(after)
        let date: Date
        switch (low, high) {
        case let (low?, high?) where high >= low:
            // Where it falls between the nearest anchors, by id.
            let a = Double(numbered[before.last!].id) ?? 0, b = Double(numbered[after.first!].id) ?? 0, x = Double(numbered[k].id) ?? 0
            let share = b > a ? min(1, max(0, (x - a) / (b - a))) : 0.5
            date = low.addingTimeInterval(high.timeIntervalSince(low) * share)
        case let (low?, high?):
            date = min(low, high)  // anchors out of order: the earlier is the safer guess
        case let (low?, nil): date = low
        case let (nil, high?): date = high
        case (nil, nil): return nil
        }
        let sides = [before.last.map(name), after.first.map(name)].compactMap { $0 }
        return (date, "the articles around it in id order: " + sides.joined(separator: " and "))
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

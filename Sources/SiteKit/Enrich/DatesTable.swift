import Foundation

/// Publication dates from outside the articles (`data/dates.csv`): an old CMS's database export or
/// the old site's sitemap, as `path or old id,date`. It wins over everything but front matter.
public struct DatesTable: Sendable {
    public var dates: [String: (date: Date, line: Int)] = [:]
    /// Which file the dates came from, for provenance.
    public var source = ""

    public init() {}

    /// The row for an article: by its path ("old/21459320.txt", with or without "content/") or by
    /// the old id its file name is.
    public func row(sourcePath: String, oldID: String?) -> (date: Date, line: Int)? {
        dates[sourcePath] ?? dates["content/" + sourcePath] ?? oldID.flatMap { dates[$0] }
    }

    /// `path`, a missing file gives an empty table; a bad row an error naming its line.
    public static func load(_ url: URL, displayPath: String, parsing: DateParsing) throws(SourceError) -> DatesTable {
        guard FileManager.default.fileExists(atPath: url.path) else { return DatesTable() }
        return try parse(ContentLoader.readText(url, displayPath: displayPath), path: displayPath, parsing: parsing)
    }

    /// `key,date` rows; a header row and `#` comments are allowed; dates as front matter writes them.
    public static func parse(_ text: String, path: String, parsing: DateParsing) throws(SourceError) -> DatesTable {
        var table = DatesTable()
        table.source = path
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
            guard columns.count == 2, !columns[0].isEmpty, let date = parsing.parse(columns[1]) else {
                if index == 0 { continue }  // header row
                throw SourceError(path: path, line: index + 1, message: "expected 'path or id,date' with a date such as 2017-06-06")
            }
            table.dates[VietnameseText.nfc(columns[0])] = (date, index + 1)
        }
        return table
    }
}

import Foundation

/// View counts from an analytics export (`data/views.csv` or `data/views.json`), keyed by slug
/// or by source path. It overrides what articles say about themselves.
public struct ViewsTable: Sendable, Equatable {
    public var counts: [String: Int]
    /// Which file the counts came from, for provenance.
    public var source: String

    public init(counts: [String: Int] = [:], source: String = "") {
        self.counts = counts
        self.source = source
    }

    public func views(slug: String, sourcePath: String) -> Int? {
        counts[slug] ?? counts[sourcePath] ?? counts["content/" + sourcePath]
    }

    /// Looks for `views.csv`, then `views.json`, in the data folder; none is fine.
    public static func load(dataFolder: URL) throws(SourceError) -> ViewsTable {
        for name in ["views.csv", "views.json"] {
            let url = dataFolder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let path = "data/" + name
            let text = try ContentLoader.readText(url, displayPath: path)
            return name.hasSuffix(".csv") ? try parseCSV(text, path: path) : try parseJSON(text, path: path)
        }
        return ViewsTable()
    }

    /// `slug,views` (a header row is optional; thousands separators "2.198" are read as 2198).
    public static func parseCSV(_ text: String, path: String) throws(SourceError) -> ViewsTable {
        var counts: [String: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: ",", maxSplits: 1).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            }
            if index == 0, columns.count == 2, Int(columns[1]) == nil { continue }  // header row
            guard columns.count == 2, let views = Self.number(columns[1]) else {
                throw SourceError(path: path, line: index + 1, message: "expected 'slug,views' with a whole number of views")
            }
            guard Self.range.contains(views) else {
                throw SourceError(path: path, line: index + 1, message: Self.rangeMessage(views))
            }
            counts[VietnameseText.nfc(columns[0])] = views
        }
        return ViewsTable(counts: counts, source: path)
    }

    /// `{"slug": 123}` or `[{"slug": "...", "views": 123}]` (also `path` instead of `slug`).
    public static func parseJSON(_ text: String, path: String) throws(SourceError) -> ViewsTable {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw SourceError(path: path, message: "invalid JSON: \(error.localizedDescription)")
        }
        var counts: [String: Int] = [:]
        if let map = object as? [String: Any] {
            for key in map.keys.sorted() {
                let line = Self.line(of: key, in: text)
                guard let views = map[key] as? Int else { throw SourceError(path: path, line: line, message: "views of '\(key)' is not a whole number") }
                guard Self.range.contains(views) else { throw SourceError(path: path, line: line, message: Self.rangeMessage(views)) }
                counts[VietnameseText.nfc(key)] = views
            }
        } else if let rows = object as? [[String: Any]] {
            for (index, row) in rows.enumerated() {
                let key = (row["slug"] ?? row["path"]) as? String
                let line = key.flatMap { Self.line(of: $0, in: text) }
                guard let key, let views = row["views"] as? Int else {
                    throw SourceError(path: path, line: line, message: "row \(index + 1): expected {\"slug\": …, \"views\": …}")
                }
                guard Self.range.contains(views) else { throw SourceError(path: path, line: line, message: Self.rangeMessage(views)) }
                counts[VietnameseText.nfc(key)] = views
            }
        } else {
            throw SourceError(path: path, message: "expected an object of slug → views or a list of rows")
        }
        return ViewsTable(counts: counts, source: path)
    }

    /// Views an article can have: never negative, and far from overflowing any sum or format.
    public static let range = 0...1_000_000_000_000

    static func rangeMessage(_ views: Int) -> String {
        "views \(views) out of range (0 to \(range.upperBound))"
    }

    /// The line of the first place `key` is written as a JSON string, for error messages.
    static func line(of key: String, in text: String) -> Int? {
        guard let encoded = try? JSONSerialization.data(withJSONObject: [key], options: [.fragmentsAllowed]),
              let quoted = String(data: encoded, encoding: .utf8)?.dropFirst().dropLast(),
              let found = text.range(of: String(quoted)) ?? text.range(of: "\"" + key + "\"") else { return nil }
        return text[..<found.lowerBound].utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    /// "2198", "2.198", "2,198", "2 198" → 2198.
    public static func number(_ text: String) -> Int? {
        let digits = text.filter { $0 != "." && $0 != "," && $0 != " " && $0 != "\u{00A0}" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII) else { return nil }
        return Int(digits)
    }
}

/// Where an article's field came from, so `sitegen check --explain` can say which rule chose it.
public enum Provenance: Sendable, Equatable, CustomStringConvertible {
    case frontMatter(line: Int)
    /// A line of a legacy text file ("Lượt xem: 2198", the signature line).
    case legacyLine(Int)
    case path(String)
    case text(excerpt: String, line: Int)
    case keywordRule(keyword: String)
    case viewsFile(String)
    case derived(String)
    case modificationTime
    case siteDefault(String)
    /// A row of the dates file (`data/dates.csv`: an old CMS's export, the old sitemap).
    case datesFile(String)
    /// A day and month from the text without a year ("Sáng 6-6"), before the neighbours give one.
    case textWithoutYear(excerpt: String, line: Int, day: Int, month: Int, weekday: Int?)
    /// A day and month from the text, the year from the articles around it in id order.
    case yearFromNeighbours(excerpt: String, line: Int, neighbours: String)
    /// No usable date in the file: estimated between its dated neighbours in id order.
    case neighbours(String)

    /// The line of the source file a field was read from, when it was read from one line (for
    /// errors found later: an alias conflict, an output path that cannot be written).
    public var fieldLine: Int? {
        switch self {
        case .frontMatter(let line), .legacyLine(let line): return line
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .frontMatter(let line): return "front matter, line \(line)"
        case .legacyLine(let line): return "legacy text, line \(line)"
        case .path(let path): return "file path \"\(path)\""
        case .text(let excerpt, let line): return "text \"\(excerpt)\", line \(line)"
        case .keywordRule(let keyword): return "site.yml rule, keyword \"\(keyword)\""
        case .viewsFile(let file): return "views file \(file)"
        case .derived(let how): return how
        case .modificationTime: return "file modification time (no date found in the file)"
        case .siteDefault(let key): return "site.yml default (\(key))"
        case .datesFile(let row): return "dates file \(row)"
        case .textWithoutYear(let excerpt, let line, _, _, _): return "text \"\(excerpt)\", line \(line) (no year: the file time's)"
        case .yearFromNeighbours(let excerpt, let line, let neighbours): return "text \"\(excerpt)\", line \(line); year from \(neighbours)"
        case .neighbours(let how): return "estimated from \(how)"
        }
    }
}

extension Provenance {
    /// The kind of source of a date, as `sitegen check` counts them.
    public var dateSource: String {
        switch self {
        case .frontMatter: return "front matter"
        case .datesFile: return "dates file"
        case .path: return "path"
        case .text: return "text"
        case .textWithoutYear: return "text, no year"
        case .yearFromNeighbours: return "text, year from neighbours"
        case .neighbours: return "estimated from neighbours"
        case .modificationTime: return "file time"
        default: return description
        }
    }
}

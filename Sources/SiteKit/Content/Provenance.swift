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
        }
    }
}

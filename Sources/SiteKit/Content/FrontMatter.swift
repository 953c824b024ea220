import Foundation
import Yams

/// Splits a Markdown file into YAML front matter and body, and reads the YAML through Yams.
enum FrontMatter {
    struct Parsed {
        var fields: [String: FieldValue]
        var fieldLines: [String: Int]
        var body: String
        var bodyLine: Int
    }

    /// No implicit typing by Yams: its resolver runs a regular expression per rule on every
    /// scalar (a tenth of a 35,000-article build), and it would read `date: 2023-08-01` as UTC
    /// midnight. `value(of:)` types plain scalars itself.
    static let resolver = Resolver.basic

    /// Limits checked before the work they would cost (issue 16): an article's front matter is a
    /// few hundred bytes; these are far above any real one and far below what hurts a build.
    enum Limits {
        /// Bytes of YAML between the fences.
        static let bytes = 256 * 1024
        /// Values once aliases are expanded: nine nested anchors ("billion laughs") in 384 bytes
        /// expand to 10⁹ values. (site.yml is read with the same limits.)
        static let values = 100_000
        /// Lists and maps inside one another.
        static let depth = 32
        /// Items of one list: tags per article above all (each tag is a page and a feed that
        /// lists the article's tags: 10,000 tags on one article wrote 3 GB).
        static let listItems = 500
        /// Bytes of one title, and of one name (author, tag, category).
        static let titleBytes = 2000
        static let nameBytes = 500
        static let nameKeys: Set<String> = ["author", "authors", "tags", "categories", "category"]
    }

    static func parse(_ text: String, path: String) throws(SourceError) -> Parsed {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else {
            return Parsed(fields: [:], fieldLines: [:], body: text, bodyLine: 1)
        }
        // Find the closing fence: a line holding only "---" (or YAML's "...").
        var lineNumber = 1
        var yamlLines: [Substring] = []
        var closingLine: Int?
        var bodyStart = text.endIndex
        // Lines found on UTF-8 bytes: walking grapheme clusters to each newline cost more than YAML.
        let utf8 = text.utf8, newline = UInt8(ascii: "\n")
        var index = utf8.index(utf8.startIndex, offsetBy: text.hasPrefix("---\r\n") ? 5 : 4)
        while index < utf8.endIndex {
            lineNumber += 1
            let lineEnd = utf8[index...].firstIndex(of: newline) ?? utf8.endIndex
            var end = lineEnd
            if end > index, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
            let line = text[index..<end]
            if line.utf8.elementsEqual("---".utf8) || line.utf8.elementsEqual("...".utf8) {
                closingLine = lineNumber
                bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                break
            }
            yamlLines.append(line)
            index = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        guard let closingLine else {
            throw SourceError(path: path, line: 1, message: "front matter starts with '---' but is never closed by a '---' line")
        }
        let yaml = yamlLines.joined(separator: "\n")
        guard yaml.utf8.count <= Limits.bytes else {
            throw SourceError(path: path, line: 2, message: "front matter is \(yaml.utf8.count) bytes, more than the limit of \(Limits.bytes)")
        }
        let (fields, lines) = try readYAML(yaml, path: path, firstLine: 2, article: true)
        return Parsed(fields: fields, fieldLines: lines, body: String(text[bodyStart...]), bodyLine: closingLine + 1)
    }

    /// Reads a YAML mapping; `firstLine` is the file line of the YAML's first line, for error messages.
    /// Aliases and nesting are limited in every file; an `article`'s lists and names too.
    static func readYAML(_ yaml: String, path: String, firstLine: Int, article: Bool = false) throws(SourceError)
        -> ([String: FieldValue], [String: Int]) {
        let root: Node?
        do {
            // UTF-8 named outright: Yams' `.default` reads the whole environment on every call.
            root = try Yams.compose(yaml: yaml, resolver, .default, .utf8)
        } catch let error as YamlError {
            throw SourceError(path: path, line: errorLine(error).map { $0 + firstLine - 1 }, message: "invalid YAML: \(errorProblem(error))")
        } catch {
            throw SourceError(path: path, line: firstLine, message: "invalid YAML: \(error)")
        }
        guard let root else { return ([:], [:]) }
        guard case .mapping(let mapping) = root else {
            throw SourceError(path: path, line: firstLine, message: "front matter must be a mapping of keys to values (key: value)")
        }
        var fields: [String: FieldValue] = [:]
        var lines: [String: Int] = [:]
        var budget = Limits.values
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { continue }
            let line = (keyNode.mark?.line ?? 1) + firstLine - 1
            if fields[key] != nil {
                throw SourceError(path: path, line: line, message: "key '\(key)' appears twice")
            }
            let field: FieldValue
            do {
                field = try value(of: valueNode, budget: &budget, depth: 1, listLimit: article ? Limits.listItems : Int.max)
            } catch {
                let what = switch error {
                case .tooDeep: "lists and maps nested more than \(Limits.depth) deep"
                case .tooLarge: "more than \(Limits.values) values once its aliases (*name) are expanded"
                case .tooLong: "a list of more than \(Limits.listItems) items"
                }
                throw SourceError(path: path, line: line, message: "front matter '\(key)' has \(what)")
            }
            if article, let problem = problem(key: key, field) {
                throw SourceError(path: path, line: line, message: "front matter '\(key)' \(problem)")
            }
            fields[key] = field
            lines[key] = line
        }
        return (fields, lines)
    }

    enum LimitExceeded: Error { case tooDeep, tooLarge, tooLong }

    /// What is wrong with a known field, checked here so that nothing after the load pays for it.
    private static func problem(key: String, _ field: FieldValue) -> String? {
        let limit = key == "title" ? Limits.titleBytes : Limits.nameKeys.contains(key) ? Limits.nameBytes : nil
        if let limit {
            let texts: [String]
            switch field {
            case .string(let text): texts = [text]
            case .list(let items): texts = items.compactMap { if case .string(let text) = $0 { text } else { nil } }
            default: texts = []
            }
            if let long = texts.first(where: { $0.utf8.count > limit }) {
                return "is \(long.utf8.count) bytes long, more than the limit of \(limit)"
            }
        }
        // "-2023-08-01" is not a date of year 2023 (nor any date we can write).
        if key == "date", case .string(let text) = field, let first = firstAfterSpaces(text), first == "-" || first == "+" {
            return "'\(text)' is not a date: a date has no sign (write it as 2023-08-01)"
        }
        return nil
    }

    /// `text.trimmingCharacters(in: .whitespaces).first` without Foundation: trimming every
    /// article's date through it was 1 % of the CPU of a 35,000-article build.
    static func firstAfterSpaces(_ text: String) -> Character? {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return nil }
        return text[start...].first
    }

    /// `CharacterSet.whitespaces` on Linux: the tab, the Unicode spaces (Zs) and the zero-width
    /// space U+200B (which Foundation counts and Unicode does not; the test pins every scalar).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// Counts every value it makes, aliases expanded: the count stops an exponential expansion
    /// long before it costs memory.
    private static func value(of node: Node, budget: inout Int, depth: Int, listLimit: Int) throws(LimitExceeded) -> FieldValue {
        budget -= 1
        guard budget >= 0 else { throw .tooLarge }
        guard depth <= Limits.depth else { throw .tooDeep }
        switch node {
        case .scalar(let scalar):
            // Quoted scalars are always strings: `title: "2023"` is a title, not a number.
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal || scalar.style == .folded {
                return .string(VietnameseText.nfc(scalar.string))
            }
            // Plain scalars: null, booleans and whole numbers; everything else stays the text the
            // editor wrote ("2.198" views, "2023-08-01" dates, "4.5" params).
            if node.null != nil { return .null }
            if let bool = node.bool { return .bool(bool) }
            if let int = Int(scalar.string) { return .int(int) }
            return .string(VietnameseText.nfc(scalar.string))
        case .sequence(let sequence):
            guard sequence.count <= listLimit else { throw .tooLong }
            var list: [FieldValue] = []
            for item in sequence { list.append(try value(of: item, budget: &budget, depth: depth + 1, listLimit: listLimit)) }
            return .list(list)
        case .mapping(let mapping):
            var map: [String: FieldValue] = [:]
            for (key, value) in mapping {
                if let key = key.string { map[key] = try self.value(of: value, budget: &budget, depth: depth + 1, listLimit: listLimit) }
            }
            return .map(map)
        case .alias:
            return .null
        }
    }

    private static func errorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        // The reader (a NUL or another control character) gives a byte offset, not a line.
        case .reader(_, let offset?, _, let yaml):
            return 1 + yaml.utf8.prefix(offset).reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        default: return nil
        }
    }

    private static func errorProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicated keys \(duplicates.joined(separator: ", "))"
        case .reader(let problem, _, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}

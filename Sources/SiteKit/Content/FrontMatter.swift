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
        let (fields, lines) = try readYAML(yaml, path: path, firstLine: 2)
        return Parsed(fields: fields, fieldLines: lines, body: String(text[bodyStart...]), bodyLine: closingLine + 1)
    }

    /// Reads a YAML mapping; `firstLine` is the file line of the YAML's first line, for error messages.
    static func readYAML(_ yaml: String, path: String, firstLine: Int) throws(SourceError) -> ([String: FieldValue], [String: Int]) {
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
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { continue }
            let line = (keyNode.mark?.line ?? 1) + firstLine - 1
            if fields[key] != nil {
                throw SourceError(path: path, line: line, message: "key '\(key)' appears twice")
            }
            fields[key] = value(of: valueNode)
            lines[key] = line
        }
        return (fields, lines)
    }

    private static func value(of node: Node) -> FieldValue {
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
            return .list(sequence.map(value(of:)))
        case .mapping(let mapping):
            var map: [String: FieldValue] = [:]
            for (key, value) in mapping {
                if let key = key.string { map[key] = self.value(of: value) }
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
        default: return nil
        }
    }

    private static func errorProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicated keys \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}

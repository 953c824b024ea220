import Foundation
import Yams

/// Writes Markdown files with YAML front matter; Yams does the quoting, so any title round-trips.
public enum FrontMatterWriter {
    /// `fields` in the given order; nil values are left out.
    public static func document(_ fields: [(key: String, value: Any?)], body: String) throws -> String {
        var yaml = ""
        for (key, value) in fields {
            guard let value else { continue }
            let node: Node
            switch value {
            case let text as String: node = Node(text, Tag(.str), .doubleQuoted)
            case let number as Int: node = Node(String(number), Tag(.int))
            case let flag as Bool: node = Node(flag ? "true" : "false", Tag(.bool))
            case let list as [String]:
                node = Node(list.map { Node($0, Tag(.str), .doubleQuoted) }, Tag(.seq), .flow)
            case let pairs as [(String, String)]:
                // An ordered map, one key a line (`provenance:` of an import).
                node = Node(pairs.map { (Node($0.0), Node($0.1, Tag(.str), .doubleQuoted)) }, Tag(.map), .block)
            default: continue
            }
            let entry = Node([(Node(key), node)])
            yaml += try Yams.serialize(node: entry, width: -1, allowUnicode: true)
        }
        return "---\n" + yaml + "---\n\n" + body
    }
}

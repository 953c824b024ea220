import Foundation

/// Turns a parsed legacy text article into a `SourceDocument`, so the rest of the pipeline
/// sees one shape whatever the file format was.
enum LegacyDocument {
    static func make(text: String, path: String, displayPath: String, modified: Date) throws(SourceError) -> SourceDocument {
        let legacy: LegacyArticle
        do {
            legacy = try LegacyTextParser.parse(text, path: displayPath)
        } catch let error as SourceError {
            throw error
        } catch {
            throw SourceError(path: displayPath, message: "\(error)")
        }
        var fields: [String: FieldValue] = ["title": .string(legacy.title)]
        var lines: [String: Int] = ["title": 1]
        if let views = legacy.views {
            fields["views"] = .int(views)
            lines["views"] = legacy.viewsLine
        }
        if let author = legacy.author {
            fields["author"] = .string(author)
            lines["author"] = legacy.authorLine
        }
        // A photo caption stays (its credit is the photographer's due) but out of the text flow: in emphasis.
        let body = legacy.paragraphs.indices.map { i in
            let text = MarkdownEscaping.escapeParagraph(legacy.paragraphs[i])
            return legacy.captions.contains(i) ? "*" + text + "*" : text
        }.joined(separator: "\n\n") + "\n"
        return SourceDocument(
            path: path, format: .legacyText, fields: fields, fieldLines: lines,
            textDate: legacy.textDate, body: body, bodyLine: 2, modified: modified
        )
    }
}

/// Plain text that must stay plain text once read as Markdown.
public enum MarkdownEscaping {
    /// Backslash-escapes what Markdown would read as markup: inline punctuation anywhere,
    /// and list / heading / quote markers at the start of the paragraph.
    /// Byte by byte: every character to escape is ASCII, and UTF-8 never hides one inside another.
    public static func escapeParagraph(_ text: String) -> String {
        let backslash = UInt8(ascii: "\\")
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var utf8 = text.utf8[...]
        // "- ", "+ " and "=" / "-" underlines only matter at the start of a line, as does "1. ".
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=") {
            out.append(backslash)
        } else {
            let digits = utf8.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            let after = utf8.dropFirst(digits.count).first
            if !digits.isEmpty, after == UInt8(ascii: ".") || after == UInt8(ascii: ")") {
                out += digits
                out.append(backslash)
                utf8 = utf8.dropFirst(digits.count)
            }
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "!"),
                 UInt8(ascii: "&"):
                out.append(backslash)
            default:
                break
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

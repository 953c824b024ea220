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
        let body = legacy.paragraphs.map(MarkdownEscaping.escapeParagraph).joined(separator: "\n\n") + "\n"
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
    public static func escapeParagraph(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "!", "&":
                out.append("\\")
                out.append(character)
            default:
                out.append(character)
            }
        }
        // "1. ", "- ", "+ " and "=" / "-" underlines only matter at the start of a line.
        if let first = out.first, first == "-" || first == "+" || first == "=" {
            out.insert("\\", at: out.startIndex)
        }
        if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex,
           out[dot] == "." || out[dot] == ")" {
            out.insert("\\", at: dot)
        }
        return out
    }
}

import Foundation

/// The `<img>` tags cmark wrote for the body's Markdown images, replaced by the theme's pictures.
enum BodyImages {
    /// An image address as a lookup key: HTML entities and percent-escapes undone, NFC
    /// (cmark escapes what it writes into `src`; the article keeps the address as written).
    static func key(_ source: String) -> String {
        var text = source
        if text.contains("&") {
            for (entity, character) in [("&quot;", "\""), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: character)
            }
        }
        return VietnameseText.nfc(text.removingPercentEncoding ?? text)
    }

    /// Replaces each `<img src="…" … />` for which `picture` (given the key of its address and
    /// whether it is alone in its paragraph) returns HTML; a lone one takes its `<p>` with it.
    static func rewrite(_ html: String, picture: (String, Bool) -> [UInt8]?) -> String {
        let bytes = Array(html.utf8)
        let open = Array("<img src=\"".utf8), close = Array(" />".utf8)
        let paragraph = Array("<p>".utf8), paragraphEnd = Array("</p>".utf8)
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        func matches(_ pattern: [UInt8], at position: Int) -> Bool {
            position >= 0 && position + pattern.count <= bytes.count && Array(bytes[position..<position + pattern.count]) == pattern
        }
        while index + open.count <= bytes.count {
            guard matches(open, at: index) else { index += 1; continue }
            let srcStart = index + open.count
            guard let srcEnd = bytes[srcStart...].firstIndex(of: UInt8(ascii: "\"")),
                  let tagEnd = bytes[srcEnd...].firstIndex(of: UInt8(ascii: ">")), matches(close, at: tagEnd - 2) else {
                index += 1
                continue
            }
            let alone = matches(paragraph, at: index - paragraph.count) && matches(paragraphEnd, at: tagEnd + 1)
            let source = key(String(decoding: bytes[srcStart..<srcEnd], as: UTF8.self))
            guard let replacement = picture(source, alone) else { index = tagEnd + 1; continue }
            let start = alone ? index - paragraph.count : index
            let end = alone ? tagEnd + 1 + paragraphEnd.count : tagEnd + 1
            out += bytes[copied..<start]
            out += replacement
            copied = end
            index = end
        }
        if copied == 0 { return html }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }
}

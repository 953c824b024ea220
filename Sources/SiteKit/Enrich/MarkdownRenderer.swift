import CCmark
import Foundation

/// Markdown to HTML through libcmark, plus the plain text we need for summaries and word counts.
public struct MarkdownRenderer: Sendable {
    public struct Output: Sendable {
        public var html: String
        /// The text of the first paragraph, without markup.
        public var leadText: String
        public var wordCount: Int
        /// Markdown images, in order; lines counted from the first line of the Markdown.
        public var images: [Image] = []
    }

    public struct Image: Sendable, Equatable {
        public var url: String
        public var title: String
        /// The image's text (its alt).
        public var text: String
        public var line: Int
    }

    let options: Int32

    /// Raw HTML is dropped (cmark's safe mode) unless the site allows it; scraped text is UTF-8 validated.
    public init(unsafeHTML: Bool = false, smartPunctuation: Bool = false) {
        var options = CMARK_OPT_VALIDATE_UTF8
        if unsafeHTML { options |= CMARK_OPT_UNSAFE }
        if smartPunctuation { options |= CMARK_OPT_SMART }
        self.options = options
    }

    public func render(_ markdown: String) -> Output {
        // The root marker of `Links` must not come from content. Looked for with memchr: a scan of
        // `utf8` a byte at a time was ~1% of a clean build's CPU, for a byte content almost never has.
        var markdown = markdown
        let hasMarker = markdown.withUTF8 { $0.count > 0 && memchr($0.baseAddress!, 1, $0.count) != nil }
        if hasMarker { markdown = markdown.replacingOccurrences(of: Links.rootMarker, with: "") }
        let root: OpaquePointer? = markdown.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
        guard let root else { return Output(html: "", leadText: "", wordCount: 0) }
        defer { cmark_node_free(root) }

        var html = ""
        if let rendered = cmark_render_html(root, options) {
            let length = strlen(rendered)
            html = rendered.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            }
            free(rendered)
        }
        let (lead, words, images) = Self.collectText(root)
        return Output(html: html, leadText: lead, wordCount: words, images: images)
    }

    /// One walk over the tree: the first paragraph's text and the number of words in all text.
    private static func collectText(_ root: OpaquePointer) -> (String, Int, [Image]) {
        guard let iterator = cmark_iter_new(root) else { return ("", 0, []) }
        defer { cmark_iter_free(iterator) }
        var lead = ""
        var leadDone = false
        var inLead = false
        var words = 0
        var images: [Image] = []
        var image: Image?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_IMAGE {
                if event == CMARK_EVENT_ENTER {
                    image = Image(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)), text: "",
                                  line: Int(cmark_node_get_start_line(node)))
                } else if let done = image {
                    images.append(done)
                    image = nil
                }
                continue
            }
            if type == CMARK_NODE_PARAGRAPH, !leadDone {
                if event == CMARK_EVENT_ENTER {
                    inLead = true
                } else {
                    inLead = false
                    leadDone = !lead.isEmpty
                }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let literal = cmark_node_get_literal(node) else { continue }
                // Words are counted on cmark's bytes; a String is made only for the lead or an
                // image's text: making one for every text node of the archive cost more than counting.
                let wanted = inLead || image != nil
                let length = strlen(literal)
                let text = literal.withMemoryRebound(to: UInt8.self, capacity: length) { start -> String? in
                    let bytes = UnsafeBufferPointer(start: start, count: length)
                    words += countWords(bytes)
                    return wanted ? String(decoding: bytes, as: UTF8.self) : nil
                }
                guard let text else { continue }
                if inLead { lead += text }
                image?.text += text
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if inLead { lead += " " }
            default:
                break
            }
        }
        return (lead, words, images)
    }

    private static func string(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "" }
        return text.withMemoryRebound(to: UInt8.self, capacity: strlen(text)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: strlen(text)), as: UTF8.self)
        }
    }

    /// Runs of bytes other than space, newline and tab. The same count as on the decoded text:
    /// cmark validates UTF-8, and a repaired sequence would be no space either.
    private static func countWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09
            if !isSpace && !inWord { count += 1 }
            inWord = !isSpace
        }
        return count
    }
}

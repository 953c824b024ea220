/// One template's text to its tree, in one pass: tags found with the current delimiters, lines
/// that hold only a section, comment, partial or delimiter tag removed whole (the spec's
/// "standalone" rule), names split and numbered. Mistakes are collected, not thrown.
struct Parser {
    struct Problem {
        let offset: Int
        let message: String
    }

    /// A template named by a partial or parent tag outside any section or block: one that is
    /// always rendered, so a cycle of them never ends.
    struct Reference {
        let template: Int
        let offset: Int
    }

    private let bytes: [UInt8]
    private var names: MustacheNames
    private var templates: TemplateNames
    private(set) var problems: [Problem] = []
    private(set) var references: [Reference] = []
    /// Every partial and parent tag, to report the ones naming no template.
    private(set) var allReferences: [Reference] = []

    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    private var position = 0
    private var lineStart = 0
    /// Whether a tag already stands on the current line (then the next one is not alone on it).
    private var tagOnLine = false

    private enum Scope {
        case section(name: String, path: Path, inverted: Bool)
        case block(name: String, id: Int32)
        case parent(name: String, template: Int, indent: [UInt8])
    }

    private struct Frame {
        let scope: Scope
        let offset: Int
        var nodes: [Node] = []
    }

    private var frames: [Frame] = []
    private var nodes: [Node] = []

    init(_ bytes: [UInt8], names: MustacheNames, templates: TemplateNames) {
        self.bytes = bytes
        self.names = names
        self.templates = templates
    }

    /// The tree, and the tables with the names this template added.
    mutating func parse() -> (nodes: [Node], names: MustacheNames, templates: TemplateNames) {
        while position < bytes.count {
            let tagStart = find(open, from: position) ?? bytes.count
            if tagStart == bytes.count {
                appendText(position..<tagStart)
                break
            }
            guard let tag = readTag(at: tagStart) else {
                problems.append(Problem(offset: tagStart, message: "unclosed tag: no '\(String(decoding: close, as: UTF8.self))' after it"))
                appendText(position..<bytes.count)
                break
            }
            if let newline = bytes[position..<tagStart].lastIndex(of: 0x0A) {
                lineStart = newline + 1
                tagOnLine = false
            }
            var textEnd = tagStart
            var next = tag.end
            if tag.canStandAlone, let lineEnd = standaloneLineEnd(tagStart: tagStart, tagEnd: tag.end) {
                textEnd = lineStart
                next = lineEnd
            }
            let indent = Array(bytes[textEnd..<tagStart])
            appendText(position..<textEnd)
            position = next
            if next == tag.end {
                tagOnLine = true
            } else {
                lineStart = next
                tagOnLine = false
            }
            handle(tag, at: tagStart, indent: next == tag.end ? [] : indent)
        }
        for frame in frames.reversed() {
            problems.append(Problem(offset: frame.offset, message: "'\(describe(frame.scope))' is never closed"))
        }
        if !frames.isEmpty {
            // Keep what was parsed, so the other mistakes are still found in the rest.
            frames.removeAll()
        }
        return (nodes, names, templates)
    }

    // MARK: Tags

    private struct Tag {
        let sigil: UInt8?
        let content: String
        let end: Int
        var canStandAlone: Bool {
            guard let sigil else { return false }
            return "#^/!><$=%".utf8.contains(sigil)
        }
    }

    private func readTag(at start: Int) -> Tag? {
        var contentStart = start + open.count
        var sigil: UInt8? = nil
        var terminator = close
        if contentStart < bytes.count, "#^/!><$=%&{".utf8.contains(bytes[contentStart]) {
            sigil = bytes[contentStart]
            contentStart += 1
            if sigil == UInt8(ascii: "{") { terminator = [UInt8(ascii: "}")] + close }
            if sigil == UInt8(ascii: "=") { terminator = [UInt8(ascii: "=")] + close }
        }
        guard let contentEnd = find(terminator, from: contentStart) else { return nil }
        let content = String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
        return Tag(sigil: sigil, content: content.trimmingWhitespace(), end: contentEnd + terminator.count)
    }

    /// Where the line after a standalone tag starts, or nil when the tag shares its line with text or tags.
    private func standaloneLineEnd(tagStart: Int, tagEnd: Int) -> Int? {
        guard !tagOnLine, lineStart <= tagStart, bytes[lineStart..<tagStart].allSatisfy(Self.isBlank) else { return nil }
        var index = tagEnd
        while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
        if index == bytes.count { return index }
        if bytes[index] == 0x0A { return index + 1 }
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { return index + 2 }
        return nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private mutating func handle(_ tag: Tag, at offset: Int, indent: [UInt8]) {
        let content = tag.content
        switch tag.sigil {
        case UInt8(ascii: "!"):
            return
        case UInt8(ascii: "%"):
            // swift-mustache's pragma: HTML escaping is what this engine always does.
            let words = content.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "\t" })
            if words != ["CONTENT_TYPE", "HTML"] {
                problems.append(Problem(offset: offset, message: "unknown pragma '\(content)' (only CONTENT_TYPE: HTML)"))
            }
        case UInt8(ascii: "="):
            let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                problems.append(Problem(offset: offset, message: "bad delimiters '\(content)': write two delimiters without '=' between spaces, as in {{=<% %>=}}"))
                return
            }
            open = Array(parts[0].utf8)
            close = Array(parts[1].utf8)
        case UInt8(ascii: "#"), UInt8(ascii: "^"):
            guard let path = path(content, at: offset) else { return }
            frames.append(Frame(scope: .section(name: content, path: path, inverted: tag.sigil == UInt8(ascii: "^")), offset: offset))
        case UInt8(ascii: "$"):
            guard checkName(content, at: offset) else { return }
            frames.append(Frame(scope: .block(name: content, id: names.intern("$" + content)), offset: offset))
        case UInt8(ascii: "<"):
            guard checkName(content, at: offset) else { return }
            let template = templates.id(content)
            refer(to: template, at: offset)
            frames.append(Frame(scope: .parent(name: content, template: template, indent: indent), offset: offset))
        case UInt8(ascii: ">"):
            guard checkName(content, at: offset) else { return }
            let template = templates.id(content)
            refer(to: template, at: offset)
            append(.partial(template: template, indent: indent, at: offset))
        case UInt8(ascii: "/"):
            closeScope(content, at: offset)
        default:
            guard let path = path(content, at: offset) else { return }
            append(.value(path, escaped: tag.sigil == nil))
        }
    }

    private mutating func closeScope(_ name: String, at offset: Int) {
        guard let frame = frames.last else {
            problems.append(Problem(offset: offset, message: "'{{/\(name)}}' closes nothing"))
            return
        }
        guard self.name(of: frame.scope) == name else {
            problems.append(Problem(offset: offset, message: "'{{/\(name)}}' does not close '\(describe(frame.scope))'"))
            // Close up to the matching open tag if there is one; otherwise ignore this tag.
            guard frames.contains(where: { self.name(of: $0.scope) == name }) else { return }
            while let last = frames.last, self.name(of: last.scope) != name { finish(frames.removeLast()) }
            finish(frames.removeLast())
            return
        }
        finish(frames.removeLast())
    }

    private mutating func finish(_ frame: Frame) {
        switch frame.scope {
        case .section(_, let path, let inverted):
            append(inverted ? .inverted(path, frame.nodes) : .section(path, frame.nodes))
        case .block(_, let id):
            append(.block(Block(name: id, body: frame.nodes)))
        case .parent(_, let template, let indent):
            // Inside a parent tag only its blocks count: they replace the parent's own.
            let blocks = frame.nodes.compactMap { node -> Block? in
                if case .block(let block) = node { return block }
                return nil
            }
            append(.parent(template: template, blocks: blocks, indent: indent, at: frame.offset))
        }
    }

    private mutating func refer(to template: Int, at offset: Int) {
        allReferences.append(Reference(template: template, offset: offset))
        if !insideCondition { references.append(Reference(template: template, offset: offset)) }
    }

    private var insideCondition: Bool {
        frames.contains { frame in
            switch frame.scope {
            case .section, .block: return true
            case .parent: return false
            }
        }
    }

    private func name(of scope: Scope) -> String {
        switch scope {
        case .section(let name, _, _), .block(let name, _), .parent(let name, _, _): return name
        }
    }

    private func describe(_ scope: Scope) -> String {
        switch scope {
        case .section(let name, _, let inverted): return "{{\(inverted ? "^" : "#")\(name)}}"
        case .block(let name, _): return "{{$\(name)}}"
        case .parent(let name, _, _): return "{{<\(name)}}"
        }
    }

    // MARK: Names

    private mutating func checkName(_ name: String, at offset: Int) -> Bool {
        if name.isEmpty {
            problems.append(Problem(offset: offset, message: "a tag without a name"))
            return false
        }
        if name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            problems.append(Problem(offset: offset, message: "'\(name)' is not a name (it has a space in it)"))
            return false
        }
        return true
    }

    private mutating func path(_ name: String, at offset: Int) -> Path? {
        guard checkName(name, at: offset) else { return nil }
        if name == "." { return .implicit }
        if name.hasSuffix("()") {
            guard let question = LoopQuestion(rawValue: String(name.dropLast(2))) else {
                let known = LoopQuestion.allCases.map { $0.rawValue + "()" }.joined(separator: ", ")
                problems.append(Problem(offset: offset, message: "unknown function '\(name)' (known: \(known))"))
                return nil
            }
            return .loop(question)
        }
        let anchored = name.hasPrefix(".")
        let parts = (anchored ? name.dropFirst() : name[...]).split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.contains(where: \.isEmpty), !name.contains("(") else {
            problems.append(Problem(offset: offset, message: "'\(name)' is not a name"))
            return nil
        }
        return .names(parts.map { names.intern(String($0)) }, anchored: anchored)
    }

    // MARK: Text

    private mutating func appendText(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let text = bytes[range]
        withCurrentNodes { nodes in
            // Text next to text (around a comment, say) is one node.
            if case .text(let previous)? = nodes.last {
                nodes[nodes.count - 1] = .text(previous + text)
            } else {
                nodes.append(.text(Array(text)))
            }
        }
    }

    private mutating func append(_ node: Node) {
        withCurrentNodes { $0.append(node) }
    }

    private mutating func withCurrentNodes(_ body: (inout [Node]) -> Void) {
        if frames.isEmpty { body(&nodes) } else { body(&frames[frames.count - 1].nodes) }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start + needle.count <= bytes.count else { return nil }
        let first = needle[0]
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}

/// Templates numbered by name, including names only referred to (an unknown partial is then reported).
struct TemplateNames {
    private(set) var ids: [String: Int] = [:]
    private(set) var names: [String] = []

    mutating func id(_ name: String) -> Int {
        if let id = ids[name] { return id }
        ids[name] = names.count
        names.append(name)
        return names.count - 1
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}

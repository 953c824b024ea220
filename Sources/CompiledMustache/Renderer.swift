/// One render: walks the compiled tree over a context stack and appends to one buffer.
struct Renderer {
    /// A value on the context stack; a list item knows its place for `first()` and friends.
    private struct Frame {
        let value: MustacheValue
        let index: Int
        /// 0 when the value is not an item of a list.
        let count: Int
    }

    let bodies: [[Node]]
    var output: MustacheOutput
    private var stack: [Frame]
    /// Written at the start of each line of a partial or parent that stood alone on its line.
    private var indent: [UInt8] = []
    private var atLineStart = false
    /// Blocks given by the parent tags being rendered; the outermost one given wins.
    private var blocks: [Block] = []
    private var depth = 0
    /// Data-driven recursion (a partial rendering a tree) is allowed, to this depth.
    private static let maximumDepth = 100

    init(bodies: [[Node]], output: MustacheOutput, context: MustacheValue) {
        self.bodies = bodies
        self.output = output
        stack = [Frame(value: context, index: 0, count: 0)]
        stack.reserveCapacity(8)
    }

    mutating func render(_ template: Int) {
        render(bodies[template])
    }

    private mutating func render(_ nodes: [Node]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                if indent.isEmpty { output.append(bytes) } else { appendIndented(bytes) }
            case .value(let path, let escaped):
                if !indent.isEmpty { startLine() }
                if let value = lookup(path) { output.append(value, escaped: escaped) }
            case .section(let path, let body):
                guard let value = lookup(path) else { continue }
                switch value {
                case .bool(let flag):
                    if flag { render(body) }
                case .list(let items):
                    for (index, item) in items.enumerated() {
                        stack.append(Frame(value: item, index: index, count: items.count))
                        render(body)
                        stack.removeLast()
                    }
                default:
                    stack.append(Frame(value: value, index: 0, count: 0))
                    render(body)
                    stack.removeLast()
                }
            case .inverted(let path, let body):
                if !Self.isTrue(lookup(path)) { render(body) }
            case .partial(let template, let indent, _):
                include(template, indent: indent, blocks: [])
            case .parent(let template, let blocks, let indent, _):
                include(template, indent: indent, blocks: blocks)
            case .block(let block):
                if let given = blocks.first(where: { $0.name == block.name }) {
                    render(given.body)
                } else {
                    render(block.body)
                }
            }
        }
    }

    private mutating func include(_ template: Int, indent added: [UInt8], blocks given: [Block]) {
        guard depth < Self.maximumDepth else { return }
        let savedIndent = indent, savedBlocks = blocks
        if !added.isEmpty {
            indent += added
            atLineStart = true
        }
        if !given.isEmpty { blocks += given }
        depth += 1
        render(bodies[template])
        depth -= 1
        indent = savedIndent
        blocks = savedBlocks
    }

    private static func isTrue(_ value: MustacheValue?) -> Bool {
        switch value {
        case .none, .bool(false): return false
        case .list(let items): return !items.isEmpty
        default: return true
        }
    }

    // MARK: Lookup

    private func lookup(_ path: Path) -> MustacheValue? {
        switch path {
        case .implicit:
            return stack.last?.value
        case .names(let ids, let anchored):
            guard var value = anchored ? Self.field(ids[0], of: stack[stack.count - 1].value) : find(ids[0]) else { return nil }
            var index = 1
            while index < ids.count {
                guard let next = Self.field(ids[index], of: value) else { return nil }
                value = next
                index += 1
            }
            return value
        case .loop(let question):
            let frame = stack[stack.count - 1]
            guard frame.count > 0 else { return nil }
            switch question {
            case .first: return .bool(frame.index == 0)
            case .last: return .bool(frame.index == frame.count - 1)
            case .index: return .number(frame.index)
            case .even: return .bool(frame.index % 2 == 0)
            case .odd: return .bool(frame.index % 2 == 1)
            }
        }
    }

    /// The first object up the stack that has the name.
    private func find(_ id: Int32) -> MustacheValue? {
        var index = stack.count - 1
        while index >= 0 {
            if let value = Self.field(id, of: stack[index].value) { return value }
            index -= 1
        }
        return nil
    }

    private static func field(_ id: Int32, of value: MustacheValue) -> MustacheValue? {
        guard case .object(let object) = value else { return nil }
        return object.value(for: id)
    }

    // MARK: Indentation

    private mutating func startLine() {
        if atLineStart {
            output.append(indent)
            atLineStart = false
        }
    }

    /// Template text inside an indented partial: the indent goes before each of its lines
    /// (not before lines of the values it shows, as the spec has it).
    private mutating func appendIndented(_ bytes: [UInt8]) {
        var start = 0
        while start < bytes.count {
            startLine()
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            output.append(Array(bytes[start..<end]))
            if bytes[end - 1] == 0x0A { atLineStart = true }
            start = end
        }
    }
}

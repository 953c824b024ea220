/// One render: runs the compiled instructions over a context stack and appends to one buffer.
///
/// The stack holds pointers to values inside the caller's context, never copies of them: the
/// context is kept alive for the whole render and is immutable, so its buffers stay where they
/// are. Showing a value or entering a section then costs no reference counting, which was a
/// quarter of the render's time when the stack held values.
struct Renderer {
    private struct Frame {
        let value: UnsafePointer<MustacheValue>
        /// The place of a list item, for `first()` and friends.
        let index: Int32
        /// 0 when the value is not an item of a list.
        let count: Int32
    }

    private typealias Value = UnsafePointer<MustacheValue>

    private let code: UnsafeBufferPointer<Program.Instruction>
    private let text: UnsafeBufferPointer<UInt8>
    private let names: UnsafeBufferPointer<Int32>
    private let givenBlocks: UnsafeBufferPointer<Program.BlockBody>
    private let templates: [Range<Int32>]
    var output: MustacheOutput
    private var stack: ContiguousArray<Frame> = []
    /// Written at the start of each line of a partial or parent that stood alone on its line.
    private var indent: [UInt8] = []
    private var atLineStart = false
    /// Blocks given by the parent tags being rendered; the outermost one given wins.
    private var blocks: ContiguousArray<Program.BlockBody> = []
    private var depth = 0
    /// Data-driven recursion (a partial rendering a tree) is allowed, to this depth.
    private static let maximumDepth = 100
    /// Partials and parents rendered so far. A template that includes itself twice inside a
    /// section whose value never runs out would otherwise render 2^100 times (found by fuzzing);
    /// a page of our theme includes fewer than ten.
    private var includes = 0
    private static let maximumIncludes = 10_000

    /// Renders `template` over `context` into `output`.
    static func render(_ program: Program, _ template: Int, _ context: MustacheValue, into output: MustacheOutput) -> MustacheOutput {
        program.code.withUnsafeBufferPointer { code in
            program.text.withUnsafeBufferPointer { text in
                program.names.withUnsafeBufferPointer { names in
                    program.blocks.withUnsafeBufferPointer { blocks in
                        withUnsafePointer(to: context) { root in
                            // `context` (and so every buffer in it) lives until this closure returns.
                            var renderer = Renderer(code: code, text: text, names: names, givenBlocks: blocks,
                                                    templates: program.templates, output: output)
                            renderer.stack.reserveCapacity(8)
                            renderer.stack.append(Frame(value: root, index: 0, count: 0))
                            renderer.run(program.templates[template])
                            return renderer.output
                        }
                    }
                }
            }
        }
    }

    private init(code: UnsafeBufferPointer<Program.Instruction>, text: UnsafeBufferPointer<UInt8>, names: UnsafeBufferPointer<Int32>,
                 givenBlocks: UnsafeBufferPointer<Program.BlockBody>, templates: [Range<Int32>], output: MustacheOutput) {
        self.code = code
        self.text = text
        self.names = names
        self.givenBlocks = givenBlocks
        self.templates = templates
        self.output = output
    }

    private mutating func run(_ range: Range<Int32>) {
        var pc = Int(range.lowerBound)
        let end = Int(range.upperBound)
        while pc < end {
            let instruction = code[pc]
            switch instruction.op {
            case .text:
                let bytes = UnsafeBufferPointer(rebasing: text[Int(instruction.start)..<Int(instruction.end)])
                if indent.isEmpty { output.append(bytes) } else { appendIndented(bytes) }
                pc += 1
            case .value:
                if !indent.isEmpty { startLine() }
                withValue(instruction) { renderer, value in
                    if let value { renderer.output.append(value, escaped: instruction.escaped) }
                }
                pc += 1
            case .section:
                let body = Int32(pc + 1)..<instruction.next
                withValue(instruction) { renderer, value in
                    if let value { renderer.section(value, body) }
                }
                pc = Int(instruction.next)
            case .inverted:
                let body = Int32(pc + 1)..<instruction.next
                withValue(instruction) { renderer, value in
                    if !Self.isTrue(value) { renderer.run(body) }
                }
                pc = Int(instruction.next)
            case .partial:
                include(instruction, given: 0..<0)
                pc += 1
            case .parent:
                include(instruction, given: Int(instruction.blocksStart)..<Int(instruction.blocksEnd))
                pc = Int(instruction.next)
            case .block:
                if let given = blocks.first(where: { $0.name == instruction.target }) {
                    run(given.start..<given.end)
                } else {
                    run(Int32(pc + 1)..<instruction.next)
                }
                pc = Int(instruction.next)
            }
        }
    }

    private mutating func section(_ value: Value, _ body: Range<Int32>) {
        switch value.pointee {
        case .bool(let flag):
            if flag { run(body) }
        case .list(let list):
            let items = Self.items(of: list)
            guard let first = items.baseAddress else { return }
            for index in 0..<items.count {
                stack.append(Frame(value: first + index, index: Int32(index), count: Int32(items.count)))
                run(body)
                stack.removeLast()
            }
        default:
            stack.append(Frame(value: value, index: 0, count: 0))
            run(body)
            stack.removeLast()
        }
    }

    private mutating func include(_ instruction: Program.Instruction, given: Range<Int>) {
        guard depth < Self.maximumDepth, includes < Self.maximumIncludes else { return }
        includes += 1
        let savedIndent = indent.count, savedBlocks = blocks.count
        if instruction.start < instruction.end {
            indent.append(contentsOf: text[Int(instruction.start)..<Int(instruction.end)])
            atLineStart = true
        }
        if !given.isEmpty { blocks.append(contentsOf: givenBlocks[given]) }
        depth += 1
        run(templates[Int(instruction.target)])
        depth -= 1
        indent.removeSubrange(savedIndent...)
        blocks.removeSubrange(savedBlocks...)
    }

    private static func isTrue(_ value: Value?) -> Bool {
        guard let value else { return false }
        switch value.pointee {
        case .bool(let flag): return flag
        case .list(let items): return !items.isEmpty
        default: return true
        }
    }

    // MARK: Lookup

    /// The value the tag names, in place, or nil when nothing has the name. `body` is called
    /// with it, since a `loop` answer is made here and lives only for the call.
    private mutating func withValue(_ instruction: Program.Instruction, _ body: (inout Renderer, Value?) -> Void) {
        let top = stack[stack.count - 1]
        switch instruction.path {
        case .implicit:
            body(&self, top.value)
        case .loop:
            guard top.count > 0 else { return body(&self, nil) }
            let index = Int(top.index), count = Int(top.count)
            let answer: MustacheValue
            switch instruction.question {
            case .first: answer = .bool(index == 0)
            case .last: answer = .bool(index == count - 1)
            case .index: answer = .number(index)
            case .even: answer = .bool(index % 2 == 0)
            case .odd: answer = .bool(index % 2 == 1)
            }
            withUnsafePointer(to: answer) { body(&self, $0) }
        case .names, .anchored:
            body(&self, lookup(Int(instruction.start)..<Int(instruction.end), anchored: instruction.path == .anchored))
        }
    }

    /// `a.b.c`: `a` up the stack (or at its top only when anchored), then `b` in it, then `c`.
    private func lookup(_ path: Range<Int>, anchored: Bool) -> Value? {
        var value: Value? = nil
        if anchored {
            value = Self.field(names[path.lowerBound], of: stack[stack.count - 1].value)
        } else {
            var frame = stack.count - 1
            while frame >= 0, value == nil {
                value = Self.field(names[path.lowerBound], of: stack[frame].value)
                frame -= 1
            }
        }
        var position = path.lowerBound + 1
        while position < path.upperBound, let found = value {
            value = Self.field(names[position], of: found)
            position += 1
        }
        return value
    }

    /// The field `id` of an object, in place.
    private static func field(_ id: Int32, of value: Value) -> Value? {
        guard let fields = fields(of: value) else { return nil }
        var index = 0
        while index < fields.count {
            if fields[index].key == id { return fields.baseAddress!.advanced(by: index).pointer(to: \.value)! }
            index += 1
        }
        return nil
    }

    /// An object's fields where they are stored. The buffer outlives the closure: it belongs to the
    /// render's context, which `render` keeps alive and which nothing changes while it renders.
    private static func fields(of value: Value) -> UnsafeBufferPointer<MustacheObject.Field>? {
        guard case .object(let object) = value.pointee else { return nil }
        return object.fields.withUnsafeBufferPointer { $0 }
    }

    /// A list's items where they are stored (see `fields(of:)`).
    private static func items(of list: [MustacheValue]) -> UnsafeBufferPointer<MustacheValue> {
        list.withUnsafeBufferPointer { $0 }
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
    private mutating func appendIndented(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < bytes.count {
            startLine()
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            output.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            if bytes[end - 1] == 0x0A { atLineStart = true }
            start = end
        }
    }
}

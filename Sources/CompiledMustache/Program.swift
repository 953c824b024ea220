/// The compiled trees of all templates laid out flat, for rendering: one array of fixed-size
/// instructions (a section knows where its body ends), one pool of the templates' text, one of
/// the names they read. Rendering then walks plain values, with no reference counting per tag.
struct Program: Sendable {
    enum Op: UInt8, Sendable {
        case text, value, section, inverted, partial, parent, block
    }

    /// How a tag names its value (`Path`, flattened).
    enum PathKind: UInt8, Sendable {
        /// `a.b.c`: its names are `names[start..<end]`.
        case names
        /// `.a.b`: the same, looked up at the top of the stack only.
        case anchored
        /// `{{.}}`.
        case implicit
        /// `first()` and friends: `question` says which.
        case loop
    }

    struct Instruction: Sendable {
        let op: Op
        var path: PathKind = .names
        /// `value`: whether the value is HTML-escaped.
        var escaped = false
        /// `loop` paths: which question.
        var question: LoopQuestion = .first
        /// `text`: its bytes in `text`; `value`, `section`, `inverted`: its names in `names`;
        /// `partial`, `parent`: the indentation of a standalone tag, in `text`.
        var start: Int32 = 0
        var end: Int32 = 0
        /// `section`, `inverted`, `block`, `parent`: the instruction after its body.
        var next: Int32 = 0
        /// `partial`, `parent`: the template; `block`: its name.
        var target: Int32 = 0
        /// `parent`: the blocks it gives, in `blocks`.
        var blocksStart: Int32 = 0
        var blocksEnd: Int32 = 0

        init(op: Op) { self.op = op }
    }

    /// A block's body: the instructions `start..<end`.
    struct BlockBody: Sendable {
        let name: Int32
        let start: Int32
        let end: Int32
    }

    private(set) var code: ContiguousArray<Instruction> = []
    private(set) var text: ContiguousArray<UInt8> = []
    private(set) var names: ContiguousArray<Int32> = []
    private(set) var blocks: ContiguousArray<BlockBody> = []
    /// Each template's instructions.
    private(set) var templates: [Range<Int32>] = []

    init(_ bodies: [[Node]]) {
        for body in bodies {
            let start = Int32(code.count)
            emit(body)
            templates.append(start..<Int32(code.count))
        }
    }

    private mutating func emit(_ nodes: [Node]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                var instruction = Instruction(op: .text)
                (instruction.start, instruction.end) = pool(bytes)
                code.append(instruction)
            case .value(let path, let escaped):
                var instruction = self.instruction(.value, path)
                instruction.escaped = escaped
                code.append(instruction)
            case .section(let path, let body):
                emitBody(instruction(.section, path), body)
            case .inverted(let path, let body):
                emitBody(instruction(.inverted, path), body)
            case .partial(let template, let indent, _):
                var instruction = Instruction(op: .partial)
                instruction.target = Int32(template)
                (instruction.start, instruction.end) = pool(indent)
                code.append(instruction)
            case .parent(let template, let given, let indent, _):
                var instruction = Instruction(op: .parent)
                instruction.target = Int32(template)
                (instruction.start, instruction.end) = pool(indent)
                let at = code.count
                code.append(instruction)
                // The given blocks' bodies follow the parent instruction, which jumps over them.
                var bodies: [BlockBody] = []
                for block in given {
                    let start = Int32(code.count)
                    emit(block.body)
                    bodies.append(BlockBody(name: block.name, start: start, end: Int32(code.count)))
                }
                code[at].blocksStart = Int32(blocks.count)
                blocks.append(contentsOf: bodies)
                code[at].blocksEnd = Int32(blocks.count)
                code[at].next = Int32(code.count)
            case .block(let block):
                var instruction = Instruction(op: .block)
                instruction.target = block.name
                emitBody(instruction, block.body)
            }
        }
    }

    private mutating func emitBody(_ instruction: Instruction, _ body: [Node]) {
        let at = code.count
        code.append(instruction)
        emit(body)
        code[at].next = Int32(code.count)
    }

    private mutating func instruction(_ op: Op, _ path: Path) -> Instruction {
        var instruction = Instruction(op: op)
        switch path {
        case .implicit:
            instruction.path = .implicit
        case .loop(let question):
            instruction.path = .loop
            instruction.question = question
        case .names(let ids, let anchored):
            instruction.path = anchored ? .anchored : .names
            instruction.start = Int32(names.count)
            names.append(contentsOf: ids)
            instruction.end = Int32(names.count)
        }
        return instruction
    }

    private mutating func pool(_ bytes: [UInt8]) -> (Int32, Int32) {
        let start = Int32(text.count)
        text.append(contentsOf: bytes)
        return (start, Int32(text.count))
    }
}

/// A theme's templates compiled together: partials and parents are resolved, recursion is
/// ruled out, and every mistake of every file is reported at once.
public struct MustacheTemplates: Sendable {
    public struct Source: Sendable {
        /// What partial and parent tags call it: "partials/header".
        public let name: String
        /// What errors call it: "templates/partials/header.mustache".
        public let file: String
        public let text: String

        public init(name: String, file: String, text: String) {
            self.name = name
            self.file = file
            self.text = text
        }
    }

    /// A compiled template, ready to render.
    public struct Template: Sendable, Hashable {
        let index: Int
    }

    /// The names the templates read, for building `MustacheObject`s.
    public let names: MustacheNames
    let program: Program
    private let templates: [String: Int]

    public init(_ sources: [Source]) throws(MustacheErrors) {
        var names = MustacheNames()
        var templateNames = TemplateNames()
        for source in sources { _ = templateNames.id(source.name) }
        var bodies: [[Node]] = []
        var errors: [MustacheError] = []
        var references: [[Parser.Reference]] = []
        var lines: [[UInt8]] = []
        for source in sources {
            let bytes = Array(source.text.utf8)
            var parser = Parser(bytes, names: names, templates: templateNames)
            let parsed = parser.parse()
            names = parsed.names
            templateNames = parsed.templates
            bodies.append(parsed.nodes)
            references.append(parser.references)
            lines.append(bytes)
            for problem in parser.problems {
                errors.append(Self.error(source.file, bytes, problem.offset, problem.message))
            }
            for reference in parser.allReferences where reference.template >= sources.count {
                let name = templateNames.names[reference.template]
                errors.append(Self.error(source.file, bytes, reference.offset, "no template named '\(name)' (looked for \(name).mustache)"))
            }
        }
        for cycle in Self.cycles(references, count: sources.count) {
            let names = cycle.path.map { sources[$0].name }.joined(separator: " → ")
            errors.append(Self.error(sources[cycle.path[0]].file, lines[cycle.path[0]], cycle.offset, "templates include each other without end: \(names)"))
        }
        guard errors.isEmpty else {
            throw MustacheErrors(errors: errors.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) })
        }
        self.names = names
        program = Program(bodies)
        templates = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1.name, $0) })
    }

    public func template(named name: String) -> Template? {
        templates[name].map(Template.init)
    }

    /// Renders a page: `root` is written before every `rootPath` ("../../" from a page two folders down).
    public func render(_ template: Template, _ context: MustacheValue, root: String, capacity: Int = 16_384) -> [UInt8] {
        Renderer.render(program, template.index, context, into: MustacheOutput(root: Array(root.utf8), capacity: capacity)).bytes
    }

    /// Renders HTML to be shown on many pages: its root is filled in by each of them.
    public func fragment(_ template: Template, _ context: MustacheValue) -> MustacheFragment {
        let output = Renderer.render(program, template.index, context, into: MustacheOutput(root: nil, capacity: 256))
        return MustacheFragment(bytes: output.bytes, rootSlots: output.rootSlots)
    }

    private static func error(_ file: String, _ bytes: [UInt8], _ offset: Int, _ message: String) -> MustacheError {
        let (line, column) = SourcePosition.of(offset, in: bytes)
        return MustacheError(file: file, line: line, column: column, message: message)
    }

    /// Cycles of templates that always include the next one; each reported once, at its first tag.
    private static func cycles(_ references: [[Parser.Reference]], count: Int) -> [(path: [Int], offset: Int)] {
        var found: [(path: [Int], offset: Int)] = []
        var state = [UInt8](repeating: 0, count: count)  // 0 unseen, 1 on the current path, 2 done
        var path: [Int] = []
        var offsets: [Int] = []
        func visit(_ template: Int) {
            state[template] = 1
            path.append(template)
            for reference in references[template] where reference.template < count {
                offsets.append(reference.offset)
                if state[reference.template] == 1, let start = path.firstIndex(of: reference.template) {
                    found.append((Array(path[start...]) + [reference.template], offsets[start]))
                } else if state[reference.template] == 0 {
                    visit(reference.template)
                }
                offsets.removeLast()
            }
            path.removeLast()
            state[template] = 2
        }
        for template in 0..<count where state[template] == 0 { visit(template) }
        return found
    }
}

/// A template compiled: its text as bytes, its tags with their names already numbered.
indirect enum Node: Sendable {
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case value(Path, escaped: Bool)
    case section(Path, [Node])
    case inverted(Path, [Node])
    /// `{{>name}}`: the template numbered `template`, each line after `indent` when the tag stood alone.
    case partial(template: Int, indent: [UInt8], at: Int)
    /// `{{<name}}…{{/name}}`: the template `template` with its blocks replaced by `blocks`.
    case parent(template: Int, blocks: [Block], indent: [UInt8], at: Int)
    /// `{{$name}}default{{/name}}`: a place a child template may fill.
    case block(Block)
}

struct Block: Sendable {
    let name: Int32
    let body: [Node]
}

/// What a tag names, resolved against the context stack.
enum Path: Sendable, Equatable {
    /// `{{.}}`: the top of the stack.
    case implicit
    /// `a.b.c`: `a` looked up the stack (only at its top when written `.a`), then `b` in it, then `c`.
    case names([Int32], anchored: Bool)
    /// `first()`, `last()`, `index()`, `even()`, `odd()`: about the list item being rendered
    /// (the extensions of swift-mustache that the theme used).
    case loop(LoopQuestion)
}

enum LoopQuestion: String, Sendable, CaseIterable {
    case first, last, index, even, odd
}

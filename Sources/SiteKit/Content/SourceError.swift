/// A problem with one input file, located as precisely as we can: the editor has to find it.
public struct SourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Path of the file, relative to the project when possible.
    public var path: String
    /// 1-based line number, when the problem has one.
    public var line: Int?
    /// 1-based column on that line, when the problem is at a precise place (a template tag).
    public var column: Int?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let line, let column { return "\(path):\(line):\(column): \(message)" }
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

/// Every bad file found in one run, so the editor can fix them all at once.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var errors: [SourceError]

    public init(_ errors: [SourceError]) {
        self.errors = errors.sorted { ($0.path, $0.line ?? 0, $0.column ?? 0) < ($1.path, $1.line ?? 0, $1.column ?? 0) }
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}

/// A mistake in a template, where the theme's author will look for it.
public struct MustacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the caller named it (e.g. "templates/article.mustache").
    public let file: String
    /// 1-based; the column counts characters, not bytes.
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every mistake found in a set of templates, so that one run reports them all.
public struct MustacheErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [MustacheError]

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Turns byte offsets into lines and columns, only when an error needs them.
struct SourcePosition {
    static func of(_ offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

/// A front-matter value as the editor wrote it, before it is typed into an `Article`.
/// Unknown keys keep this shape all the way to the templates (`params`).
public indirect enum FieldValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([FieldValue])
    case map([String: FieldValue])
    case null

    /// The value as text, for fields that must be one string (a number written unquoted is still a title).
    public var text: String? {
        switch self {
        case .string(let value): return value
        case .int(let value): return String(value)
        case .bool(let value): return String(value)
        case .list, .map, .null: return nil
        }
    }

    /// A single string or a list of strings: `tags: Kinh tế` and `tags: [Kinh tế]` mean the same.
    public var texts: [String]? {
        switch self {
        case .list(let values): return values.compactMap(\.text)
        case .null: return []
        default: return text.map { [$0] }
        }
    }
}

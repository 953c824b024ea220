/// What a template reads: data, never code (no lambdas). A section renders for every value
/// but `false`, an empty list and a missing name; an empty text or a zero is still "present".
public enum MustacheValue: Sendable {
    /// Text, HTML-escaped by `{{name}}`, written as it is by `{{{name}}}` and `{{&name}}`.
    case text(String)
    /// HTML the caller produced (an article body): written as it is by every tag, never escaped twice.
    case html(String)
    /// HTML rendered earlier by these templates, perhaps holding links from the site root.
    case fragment(MustacheFragment)
    /// A path from the site root ("tags/index.html"), written after the render's root
    /// ("../../" or "/base/"): so one value serves pages at any depth, and no page is rewritten afterwards.
    case rootPath(String)
    case number(Int)
    case decimal(Double)
    case bool(Bool)
    case list([MustacheValue])
    case object(MustacheObject)
}

/// The fields of an object, keyed by the numbers the templates gave their names when compiled
/// (`MustacheNames`): a lookup compares integers, and a field no template reads is not even kept.
public struct MustacheObject: Sendable {
    @usableFromInline var keys: [Int32] = []
    @usableFromInline var values: [MustacheValue] = []

    public init() {}

    /// The fields given, in order; `nil` values are left out (a section then treats them as false).
    public init(_ fields: KeyValuePairs<String, MustacheValue?>, names: MustacheNames) {
        keys.reserveCapacity(fields.count)
        values.reserveCapacity(fields.count)
        for (name, value) in fields { set(name, value, names: names) }
    }

    /// Adds or replaces a field; a `nil` value removes it.
    public mutating func set(_ name: String, _ value: MustacheValue?, names: MustacheNames) {
        guard let id = names.id(of: name) else { return }
        if let index = keys.firstIndex(of: id) {
            if let value { values[index] = value } else { keys.remove(at: index); values.remove(at: index) }
        } else if let value {
            keys.append(id)
            values.append(value)
        }
    }

    @inlinable func value(for id: Int32) -> MustacheValue? {
        var index = 0
        let count = keys.count
        while index < count {
            if keys[index] == id { return values[index] }
            index += 1
        }
        return nil
    }

    public var isEmpty: Bool { keys.isEmpty }
}

/// The names used by a set of templates, numbered at compile time.
public struct MustacheNames: Sendable {
    private(set) var ids: [String: Int32] = [:]

    public init() {}

    public func id(of name: String) -> Int32? { ids[name] }

    mutating func intern(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(ids.count)
        ids[name] = id
        return id
    }
}

/// Rendered HTML with the places where the site root goes, filled in by each page that shows it.
public struct MustacheFragment: Sendable {
    public let bytes: [UInt8]
    /// Offsets into `bytes` where the render's root is inserted, ascending.
    let rootSlots: [Int]

    public init(bytes: [UInt8], rootSlots: [Int] = []) {
        self.bytes = bytes
        self.rootSlots = rootSlots
    }

    /// The fragment as text, with `root` at its root slots.
    public func text(root: String) -> String {
        var out = MustacheOutput(root: Array(root.utf8))
        out.append(self)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

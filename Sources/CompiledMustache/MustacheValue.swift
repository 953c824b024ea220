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
    struct Field: Sendable {
        let key: Int32
        var value: MustacheValue
    }

    /// Key and value side by side: one allocation per object, and a lookup reads one buffer.
    var fields: ContiguousArray<Field> = []

    public init() {}

    /// The fields given, in order; `nil` values are left out (a section then treats them as false).
    public init(_ fields: KeyValuePairs<String, MustacheValue?>, names: MustacheNames) {
        self.fields.reserveCapacity(fields.count)
        for (name, value) in fields { set(name, value, names: names) }
    }

    /// Adds or replaces a field; a `nil` value removes it.
    public mutating func set(_ name: String, _ value: MustacheValue?, names: MustacheNames) {
        guard let id = names.id(of: name) else { return }
        if let index = index(of: id) {
            if let value { fields[index].value = value } else { fields.remove(at: index) }
        } else if let value {
            fields.append(Field(key: id, value: value))
        }
    }

    func index(of id: Int32) -> Int? {
        fields.withUnsafeBufferPointer { fields in
            var index = 0
            while index < fields.count {
                if fields[index].key == id { return index }
                index += 1
            }
            return nil
        }
    }

    /// Room for `count` fields, when the caller knows how many it will set.
    public mutating func reserveCapacity(_ count: Int) {
        fields.reserveCapacity(count)
    }

    public var isEmpty: Bool { fields.isEmpty }
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

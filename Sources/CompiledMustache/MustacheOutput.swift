/// The one byte buffer a render appends to, escaping text on bytes as it goes.
struct MustacheOutput {
    var bytes: [UInt8] = []
    /// What a `rootPath` is written after; `nil` while rendering a fragment, whose root slots are recorded instead.
    let root: [UInt8]?
    var rootSlots: [Int] = []

    init(root: [UInt8]?, capacity: Int = 0) {
        self.root = root
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    mutating func append(_ raw: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    mutating func append(_ text: String, escaped: Bool) {
        // Native strings are contiguous UTF-8 already: read them in place, without a copy.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            escaped ? HTMLEscape.append(utf8, to: &bytes) : bytes.append(contentsOf: utf8)
        }
        if done == nil {
            var text = text
            text.withUTF8 { escaped ? HTMLEscape.append($0, to: &bytes) : bytes.append(contentsOf: $0) }
        }
    }

    mutating func appendRoot() {
        if let root { bytes.append(contentsOf: root) } else { rootSlots.append(bytes.count) }
    }

    mutating func append(_ fragment: MustacheFragment) {
        guard !fragment.rootSlots.isEmpty else { return bytes.append(contentsOf: fragment.bytes) }
        var start = 0
        fragment.bytes.withUnsafeBufferPointer { source in
            for slot in fragment.rootSlots {
                bytes.append(contentsOf: source[start..<slot])
                appendRoot()
                start = slot
            }
            bytes.append(contentsOf: source[start...])
        }
    }

    /// Writes a value as `{{name}}` (escaped) or `{{{name}}}` does.
    mutating func append(_ value: UnsafePointer<MustacheValue>, escaped: Bool) {
        switch value.pointee {
        case .text(let text): append(text, escaped: escaped)
        case .html(let html): append(html, escaped: false)
        case .fragment(let fragment): append(fragment)
        case .rootPath(let path):
            appendRoot()
            append(path, escaped: escaped)
        case .number(let number): append(String(number), escaped: false)
        case .decimal(let number): append(String(number), escaped: false)
        case .bool(let flag): append(flag ? "true" : "false", escaped: false)
        // A list or an object has no text of its own.
        case .list, .object: break
        }
    }
}

/// `& < > " '` as entities, the set every HTML context needs (attributes in either quote).
public enum HTMLEscape {
    private static let needsEscape: [Bool] = (0..<256).map { [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }

    public static func escape(_ text: String) -> String {
        var text = text
        var out: [UInt8] = []
        let changed = text.withUTF8 { source -> Bool in
            guard source.contains(where: { needsEscape[Int($0)] }) else { return false }
            out.reserveCapacity(source.count + 32)
            append(source, to: &out)
            return true
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    static func append(_ source: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var index = 0
        let count = source.count
        needsEscape.withUnsafeBufferPointer { table in
            while index < count {
                let byte = source[index]
                if table[Int(byte)] {
                    if start < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index])) }
                    let entity: StaticString
                    switch byte {
                    case 0x26: entity = "&amp;"
                    case 0x3C: entity = "&lt;"
                    case 0x3E: entity = "&gt;"
                    case 0x22: entity = "&quot;"
                    default: entity = "&#39;"
                    }
                    out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                    start = index + 1
                }
                index += 1
            }
        }
        if start < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<count])) }
    }
}

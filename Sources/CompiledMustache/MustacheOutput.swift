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

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { HTMLEscape.append($0, to: &bytes) }
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
    mutating func append(_ value: MustacheValue, escaped: Bool) {
        switch value {
        case .text(let text): escaped ? appendEscaped(text) : append(text)
        case .html(let html): append(html)
        case .fragment(let fragment): append(fragment)
        case .rootPath(let path):
            appendRoot()
            escaped ? appendEscaped(path) : append(path)
        case .number(let number): append(String(number))
        case .decimal(let number): append(String(number))
        case .bool(let flag): append(flag ? "true" : "false")
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
                    switch byte {
                    case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])          // &amp;
                    case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])                // &lt;
                    case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])                // &gt;
                    case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])    // &quot;
                    default: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])            // &#39;
                    }
                    start = index + 1
                }
                index += 1
            }
        }
        if start < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<count])) }
    }
}

import Foundation

/// What the last build wrote into the output folder: the only files a build may ever delete.
public struct Manifest: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var hash: UInt64
        public var size: Int
    }

    public static let fileName = ".sitegen-manifest"
    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// A missing or unreadable manifest is an empty one: then nothing is deleted.
    public static func read(from output: URL) -> Manifest {
        guard let bytes = try? FileBytes.read(output.appendingPathComponent(fileName).path) else { return Manifest() }
        // "hash size path" lines, parsed on bytes: a large site has tens of thousands of them.
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(bytes.count / 40)
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
            guard parts.count == 3, let hash = number(parts[0], radix: 16), let size = number(parts[1], radix: 10) else { continue }
            let path = String(decoding: parts[2], as: UTF8.self)
            guard OutputPath.isSafe(path) else { continue }  // never trust it to point outside
            entries[path] = Entry(hash: hash, size: Int(size))
        }
        return Manifest(entries: entries)
    }

    private static func number(_ digits: ArraySlice<UInt8>, radix: UInt64) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            let d: UInt64
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt64(digit - UInt8(ascii: "a") + 10)
            default: return nil
            }
            guard d < radix else { return nil }
            value = value &* radix &+ d
        }
        return value
    }

    public func serialized() -> [UInt8] {
        var text = ""
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            text += String(entry.hash, radix: 16) + " \(entry.size) \(path)\n"
        }
        return Array(text.utf8)
    }
}

/// Output paths are checked once more before anything touches the disk.
public enum OutputPath {
    /// Relative, with no empty, "." or ".." part, no backslash and no NUL. One pass over the
    /// bytes: every path of the manifest is checked on every build.
    public static func isSafe(_ path: String) -> Bool {
        var length = 0, dots = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if length == 0 || (length == dots && dots <= 2) { return false }
                length = 0
                dots = 0
            case UInt8(ascii: "\\"), 0:
                return false
            case UInt8(ascii: "."):
                length += 1
                dots += 1
            default:
                length += 1
            }
        }
        return length > 0 && !(length == dots && dots <= 2)
    }
}

import Foundation

/// What the last build wrote into the output folder: the only files a build may ever delete.
///
/// The file starts with a header line; then one "hash size path" line per file, the path
/// percent-escaped (`%`, space, control bytes and DEL as `%XX`), so no path — whatever an alias
/// says — can add a line or split one. A manifest without the header is one of the first
/// format (paths as they are) and is read as before.
public struct Manifest: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var hash: UInt64
        public var size: Int

        public init(hash: UInt64, size: Int) {
            self.hash = hash
            self.size = size
        }
    }

    public static let fileName = ".sitegen-manifest"
    static let header = Array("sitegen-manifest 2\n".utf8)
    public var entries: [String: Entry]
    /// The paths as a manifest file listed them, when it listed them in order: `serialized`
    /// writes them so without sorting again, as long as they are still exactly the paths of
    /// `entries` (a rebuild that changes a few files keeps every path; sorting 87,000 of them
    /// was a twentieth of a one-edit rebuild, on one thread).
    var sortedPaths: [String]?

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// Two manifests are equal when they list the same files: the order they were read in is not part of it.
    public static func == (a: Manifest, b: Manifest) -> Bool {
        a.entries == b.entries
    }

    /// A missing or unreadable manifest is an empty one: then nothing is deleted.
    public static func read(from output: URL) -> Manifest {
        read(path: output.appendingPathComponent(fileName).path)
    }

    static func read(path: String) -> Manifest {
        guard let bytes = try? FileBytes.read(path) else { return Manifest() }
        return parse(bytes)
    }

    /// Parsed on bytes: a large site has tens of thousands of lines. Lines that are not well
    /// formed, and paths that could point outside the output folder, are dropped.
    public static func parse(_ bytes: [UInt8]) -> Manifest {
        let (escaped, lines) = lines(of: bytes)
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(lines.count)
        var paths: [String]? = []
        paths?.reserveCapacity(lines.count)
        for line in lines {
            let raw = bytes[line.path]
            guard let path = escaped ? unescape(raw) : String(decoding: raw, as: UTF8.self),
                  OutputPath.isSafe(path.utf8)  // never trust it to point outside
            else { continue }
            entries[path] = Entry(hash: line.hash, size: line.size)
            if let last = paths?.last, !(last < path) { paths = nil }  // out of order, or listed twice
            paths?.append(path)
        }
        var manifest = Manifest(entries: entries)
        manifest.sortedPaths = paths
        return manifest
    }

    /// One well-formed "hash size path" line of a manifest file, its path (as written) by position.
    struct Line {
        var hash: UInt64
        var size: Int
        var path: Range<Int>
    }

    /// A manifest file's well-formed lines, split on its bytes with no string made, and whether
    /// it is of the second format (paths escaped).
    static func lines(of bytes: [UInt8]) -> (escaped: Bool, lines: [Line]) {
        let escaped = bytes.starts(with: header)
        var lines: [Line] = []
        lines.reserveCapacity(bytes.count / 40)
        var start = escaped ? header.count : 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            // "hash size path", split by hand: an array of parts per line was a good part of reading it.
            guard let first = line.firstIndex(of: UInt8(ascii: " ")),
                  let second = line[(first + 1)...].firstIndex(of: UInt8(ascii: " ")),
                  let hash = number(line[..<first], radix: 16), let size = number(line[(first + 1)..<second], radix: 10),
                  size <= UInt64(Int.max), second + 1 < line.endIndex
            else { continue }
            lines.append(Line(hash: hash, size: Int(size), path: (second + 1)..<line.endIndex))
        }
        return (escaped, lines)
    }

    /// Whether each line's path comes after the one before it, byte by byte: then no file is listed twice.
    static func isStrictlyAscending(_ lines: [Line], in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            zip(lines, lines.dropFirst()).allSatisfy { previous, line in
                let common = min(previous.path.count, line.path.count)
                let order = memcmp(buffer.baseAddress! + previous.path.lowerBound, buffer.baseAddress! + line.path.lowerBound, common)
                return order != 0 ? order < 0 : previous.path.count < line.path.count
            }
        }
    }

    private static func number(_ digits: ArraySlice<UInt8>, radix: UInt64) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            guard let d = hexDigit(digit), d < radix else { return nil }
            value = value &* radix &+ d
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "%")
    }

    static func escape(_ path: String, into bytes: inout [UInt8]) {
        guard path.utf8.contains(where: needsEscape) else { return bytes.append(contentsOf: path.utf8) }  // most paths
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in path.utf8 {
            if needsEscape(byte) {
                bytes += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 15)]]
            } else {
                bytes.append(byte)
            }
        }
    }

    static func unescape(_ bytes: ArraySlice<UInt8>) -> String? {
        if !bytes.contains(where: needsEscape) { return String(validating: bytes, as: UTF8.self) }  // most paths
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        guard unescape(bytes, into: &out) else { return nil }
        return String(validating: out, as: UTF8.self)
    }

    /// Appends the bytes `bytes` stand for (`%XX` decoded) to `out`; false if they are not well escaped.
    static func unescape(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = hexDigit(bytes[index + 1]), let low = hexDigit(bytes[index + 2]) else { return false }
                out.append(UInt8(high << 4 | low))
                index += 3
            } else {
                guard !needsEscape(byte) else { return false }
                out.append(byte)
                index += 1
            }
        }
        return true
    }

    /// One line per file, by path: in `sortedPaths` when they are exactly the entries' paths
    /// (strictly ascending and as many, so each one found is all of them), else sorted anew.
    public func serialized() -> [UInt8] {
        if let sortedPaths, sortedPaths.count == entries.count, let bytes = serialized(in: sortedPaths) { return bytes }
        return serialized(in: entries.keys.sorted())!
    }

    /// The lines of `paths`, nil when one of them is not an entry. In parts, on every core: the
    /// lines of 87,000 files were written on one thread while the build waited.
    private func serialized(in paths: [String]) -> [UInt8]? {
        let size = 8192
        let parts = parallelMap(Array(stride(from: 0, to: paths.count, by: size))) { start in
            lines(of: paths[start..<min(start + size, paths.count)])
        }
        var bytes = Self.header
        bytes.reserveCapacity(Self.header.count + parts.reduce(0) { $0 + ($1?.count ?? 0) })
        for part in parts {
            guard let part else { return nil }
            bytes += part
        }
        return bytes
    }

    private func lines(of paths: ArraySlice<String>) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(paths.count * 60)
        // Digits written as bytes, in place: a String (or an array) per number was most of
        // writing 87,000 lines.
        let digits = Array("0123456789abcdef".utf8)
        func append(_ value: UInt64, radix: UInt64) {
            let start = bytes.count
            var value = value
            repeat {
                bytes.append(digits[Int(value % radix)])
                value /= radix
            } while value > 0
            bytes[start...].reverse()
        }
        for path in paths {
            guard let entry = entries[path] else { return nil }
            append(entry.hash, radix: 16)
            bytes.append(UInt8(ascii: " "))
            append(UInt64(entry.size), radix: 10)
            bytes.append(UInt8(ascii: " "))
            Self.escape(path, into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}

/// Output paths are checked once more before anything touches the disk.
public enum OutputPath {
    /// Relative, with no empty, "." or ".." part, no backslash and no NUL. One pass over the
    /// bytes: every path of the manifest is checked on every build.
    public static func isSafe(_ path: String) -> Bool {
        isSafe(path.utf8)
    }

    /// The same on a path's UTF-8 bytes.
    static func isSafe<Bytes: Sequence<UInt8>>(_ path: Bytes) -> Bool {
        var length = 0, dots = 0
        for byte in path {
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

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
        var entries: [String: Entry] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, let hash = UInt64(parts[0], radix: 16), let size = Int(parts[1]) else { continue }
            let path = String(parts[2])
            guard OutputPath.isSafe(path) else { continue }  // never trust it to point outside
            entries[path] = Entry(hash: hash, size: size)
        }
        return Manifest(entries: entries)
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
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }
}

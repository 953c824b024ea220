/// What a target holds because a deploy of this site put it there: each path with the MD5 of
/// the bytes that arrived (MD5 because it is what S3 reports as an object's ETag, so a listing
/// can be compared with it). Kept at the target and mirrored locally. A path whose upload was
/// started but not confirmed has no hash: it is ours (so it may be deleted later) and will be sent again.
public struct DeployManifest: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var md5: String?
        public var size: Int

        public init(md5: String?, size: Int) {
            self.md5 = md5
            self.size = size
        }
    }

    /// Its name at the target, beside the site's files.
    public static let fileName = ".sitegen-deploy"
    static let header = "sitegen-deploy 1"

    public var entries: [String: Entry]
    /// Changes with every write, so a local journal knows which manifest it continues.
    public var generation: String?

    public init(entries: [String: Entry] = [:], generation: String? = nil) {
        self.entries = entries
        self.generation = generation
    }

    /// `sitegen-deploy 1 GENERATION` then `MD5|- SIZE PATH` lines, sorted by path.
    public func serialized() -> [UInt8] {
        var text = "\(Self.header) \(generation ?? "-")\n"
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            text += "\(entry.md5 ?? "-") \(entry.size) \(path)\n"
        }
        return Array(text.utf8)
    }

    /// Nil for bytes that are not a deploy manifest; lines with unsafe paths are skipped, so a
    /// tampered manifest can never make a deploy delete outside the site.
    public static func parse(_ bytes: [UInt8]) -> DeployManifest? {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard let first = lines.popFirst(), first.hasPrefix(header + " ") else { return nil }
        let generation = first.dropFirst(header.count + 1)
        var manifest = DeployManifest(generation: generation == "-" ? nil : String(generation))
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let size = Int(parts[1]), size >= 0, RemotePath.isSafe(parts[2]) else { continue }
            let md5 = parts[0] == "-" ? nil : String(parts[0])
            manifest.entries[String(parts[2])] = Entry(md5: md5, size: size)
        }
        return manifest
    }
}

/// Paths that may be uploaded or deleted: relative, no empty, "." or ".." part, no backslash,
/// no NUL, no newline (the manifest and rsync's file lists are line-based).
enum RemotePath {
    static func isSafe<S: StringProtocol>(_ path: S) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part.isEmpty || part == "." || part == ".." { return false }
        }
        return !path.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
    }
}

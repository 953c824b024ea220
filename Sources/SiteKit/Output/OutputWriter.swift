import Foundation

/// Write: puts the rendered files into the output folder without ever leaving it half-written.
///
/// A changed file that replaces one on disk is first written beside it under a temporary name;
/// only when all of them are on disk are they renamed over the old ones (a rename within a folder
/// is atomic). A file where there was none is written in place. If any write fails, the new and
/// temporary files and the new folders are removed again (`OutputSession`). A file
/// whose bytes did not change is not touched (its mtime stays, so rsync and CDNs upload only what
/// changed). A file the previous build wrote and this one does not is removed; nothing else ever is.
public struct OutputWriter: Sendable {
    public struct Report: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
        public var bytesWritten = 0

        public init(written: Int = 0, unchanged: Int = 0, removed: Int = 0, bytesWritten: Int = 0) {
            self.written = written
            self.unchanged = unchanged
            self.removed = removed
            self.bytesWritten = bytesWritten
        }
    }

    /// Suffix of a file being written; never part of a finished output.
    public static let temporarySuffix = ".sitegen-new"
    public let output: URL

    public init(output: URL) {
        self.output = output
    }

    /// Files of the last build that are no longer there as it wrote them (gone, or of another
    /// size), by path: every other file of `previous` is intact. `previous` is the last build's
    /// manifest (`Manifest.read(from: output)`), read once by the caller. Usually empty, so a
    /// rebuild does not make a set of every output path; each file is looked up relative to the
    /// output folder (`fstatat`), not by its full path.
    public func alteredFiles(of previous: Manifest) -> Set<String> {
        let folder = open(output.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return Set(previous.entries.keys) }
        defer { close(folder) }
        let entries = Array(previous.entries)
        let intact = parallelMap(entries) { entry in entry.key.withCString { Self.isIntact($0, size: entry.value.size, in: folder) } }
        return Set(zip(entries, intact).lazy.filter { !$0.1 }.map(\.0.key))
    }

    /// Whether `path`, relative to the open output folder `folder`, is still a regular file of `size` bytes.
    private static func isIntact(_ path: UnsafePointer<CChar>, size: Int, in folder: Int32) -> Bool {
        var info = stat()
        return fstatat(folder, path, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) == size
    }

    /// The number of files of the last build when every one of them is still there, else nil.
    /// A build with nothing to do asks only this, so the manifest's lines are checked as they
    /// are, with no string or table made of every path (at 35,000 articles, 87,000 of them).
    public func intactFileCount() -> Int? {
        guard let bytes = try? FileBytes.read(output.appendingPathComponent(Manifest.fileName).path) else { return nil }
        let (escaped, lines) = Manifest.lines(of: bytes)
        // Paths in strictly ascending order are each listed once, as a manifest writes them; any
        // other manifest (the first format, one edited by hand) is read in full.
        guard escaped, Manifest.isStrictlyAscending(lines, in: bytes) else {
            let manifest = Manifest.parse(bytes)
            guard !manifest.entries.isEmpty, alteredFiles(of: manifest).isEmpty else { return nil }
            return manifest.entries.count
        }
        let folder = open(output.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        defer { close(folder) }
        let part = 4096
        let counts = parallelMap(Array(stride(from: 0, to: lines.count, by: part))) { start -> Int? in
            var counted = 0
            var path: [UInt8] = []
            for line in lines[start..<min(start + part, lines.count)] {
                path.removeAll(keepingCapacity: true)
                // A line `Manifest.parse` would drop is not a file of the last build.
                guard Manifest.unescape(bytes[line.path], into: &path), OutputPath.isSafe(path),
                      path.allSatisfy({ $0 < 0x80 }) || String(validating: path, as: UTF8.self) != nil else { continue }
                path.append(0)
                let intact = path.withUnsafeBufferPointer { name in
                    name.withMemoryRebound(to: CChar.self) { Self.isIntact($0.baseAddress!, size: line.size, in: folder) }
                }
                guard intact else { return nil }
                counted += 1
            }
            return counted
        }
        guard !counts.contains(nil) else { return nil }
        let count = counts.reduce(0) { $0 + $1! }
        return count > 0 ? count : nil
    }

    /// Starts writing a build in batches (see `OutputSession`); `previous` is the last build's
    /// manifest when the caller has already read it.
    public func session(previous: Manifest? = nil, keeping kept: [String] = []) throws -> OutputSession {
        try OutputSession(writer: self, previous: previous, keeping: kept)
    }

    /// Writes `files` in one batch; `kept` are files of the last build known to be unchanged
    /// (not rendered again), which stay as they are and in the manifest.
    @discardableResult
    public func write(_ files: [OutputFile], keeping kept: [String] = []) throws -> Report {
        let session = try session(keeping: kept)
        try session.add(files)
        return try session.commit()
    }

    /// Finishes or undoes a build that was killed before it could (`OutputJournal`); run before
    /// anything reads the manifest.
    @discardableResult
    func recover() throws -> OutputJournal.Recovery {
        let root = output.path + "/"
        let recovery = try OutputJournal.recover(root: root)
        OutputJournal.sweepOlderBuilds(root: root)
        return recovery
    }

    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}

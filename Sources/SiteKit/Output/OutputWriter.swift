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
        let intact = parallelMap(entries) { entry in
            var info = stat()
            return fstatat(folder, entry.key, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFREG
                && Int(info.st_size) == entry.value.size
        }
        return Set(zip(entries, intact).lazy.filter { !$0.1 }.map(\.0.key))
    }

    /// The number of files of the last build when every one of them is still there, else nil.
    public func intactFileCount() -> Int? {
        let manifest = Manifest.read(from: output)
        guard !manifest.entries.isEmpty, alteredFiles(of: manifest).isEmpty else { return nil }
        return manifest.entries.count
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

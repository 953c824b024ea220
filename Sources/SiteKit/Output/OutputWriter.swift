import Foundation

/// Write: puts the rendered files into the output folder without ever leaving it half-written.
///
/// Changed files are first written beside their final place under a temporary name; only when
/// all of them are on disk are they renamed over the old ones (a rename within a folder is
/// atomic), and if any write fails the temporary files and new folders are removed again. A file
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

    /// Files of the last build that are still there as it wrote them (by size), by path.
    public func intactFiles() -> Set<String> {
        let root = output.path + "/"
        let entries = Array(Manifest.read(from: output).entries)
        let intact = parallelMap(entries) { Self.fileSize(root + $0.key) == $0.value.size }
        return Set(zip(entries, intact).filter(\.1).map(\.0.key))
    }

    /// The number of files of the last build when every one of them is still there, else nil.
    public func intactFileCount() -> Int? {
        let manifest = Manifest.read(from: output)
        guard !manifest.entries.isEmpty else { return nil }
        let count = intactFiles().count
        return count == manifest.entries.count ? count : nil
    }

    /// Writes `files`; `kept` are files of the last build known to be unchanged (not rendered
    /// again), which stay as they are and in the manifest.
    @discardableResult
    public func write(_ files: [OutputFile], keeping kept: [String] = []) throws -> Report {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let previous = Manifest.read(from: output)
        var seen: Set<String> = []
        for path in kept {
            guard previous.entries[path] != nil, seen.insert(path).inserted else {
                throw FileBytes.IOError(path: path, operation: "kept file not in the last build's manifest:", code: EINVAL)
            }
        }
        for file in files {
            guard OutputPath.isSafe(file.path), file.path != Manifest.fileName, !file.path.hasSuffix(Self.temporarySuffix) else {
                throw FileBytes.IOError(path: file.path, operation: "refusing to write outside the output folder:", code: EINVAL)
            }
            guard seen.insert(file.path).inserted else {
                throw FileBytes.IOError(path: file.path, operation: "two pages want the same file", code: EEXIST)
            }
        }

        // Which files changed: compare hashes with the manifest, and check the file is still there.
        let root = output.path + "/"
        let states = parallelMap(files) { file -> (hash: UInt64, unchanged: Bool) in
            let hash = ContentHash.of(file.bytes)
            let entry = Manifest.Entry(hash: hash, size: file.bytes.count)
            return (hash, previous.entries[file.path] == entry && Self.fileSize(root + file.path) == entry.size)
        }
        var changed: [Int] = []
        var report = Report()
        var manifest = Manifest()
        for path in kept {
            manifest.entries[path] = previous.entries[path]
            report.unchanged += 1
        }
        for (index, file) in files.enumerated() {
            manifest.entries[file.path] = Manifest.Entry(hash: states[index].hash, size: file.bytes.count)
            if states[index].unchanged { report.unchanged += 1 } else { changed.append(index) }
        }
        let stale = previous.entries.keys.filter { manifest.entries[$0] == nil }.sorted()
        if changed.isEmpty && stale.isEmpty && previous == manifest { return report }

        // Write every changed file under its temporary name; undo everything if one fails.
        var newFolders: [String] = []
        var existingFolders: Set<String> = [""]
        let failures: [Error?]
        do {
            for index in changed {
                let path = files[index].path
                if let slash = path.lastIndex(of: "/") {
                    try makeFolder(String(path[..<slash]), known: &existingFolders, created: &newFolders)
                }
            }
            failures = parallelMap(changed) { index -> Error? in
                do {
                    try FileBytes.write(files[index].bytes, to: root + files[index].path + Self.temporarySuffix)
                    return nil
                } catch {
                    return error
                }
            }
        } catch {
            undo(changed.map { files[$0].path }, folders: newFolders)
            throw error
        }
        if let failure = failures.compactMap({ $0 }).first {
            undo(changed.map { files[$0].path }, folders: newFolders)
            throw failure
        }

        // Swap them in, one rename each.
        for index in changed {
            let path = root + files[index].path
            try rename(URL(fileURLWithPath: path + Self.temporarySuffix), to: URL(fileURLWithPath: path))
            report.written += 1
            report.bytesWritten += files[index].bytes.count
        }
        for path in stale {
            if unlink(root + path) == 0 { report.removed += 1 }
            removeEmptyFolders(above: path)
        }
        let manifestPath = root + Manifest.fileName
        try FileBytes.write(manifest.serialized(), to: manifestPath + Self.temporarySuffix)
        try rename(URL(fileURLWithPath: manifestPath + Self.temporarySuffix), to: URL(fileURLWithPath: manifestPath))
        return report
    }

    /// Makes `folder` (relative) and its parents where missing, remembering which ones it made.
    private func makeFolder(_ folder: String, known: inout Set<String>, created: inout [String]) throws {
        guard !folder.isEmpty, !known.contains(folder) else { return }
        if let slash = folder.lastIndex(of: "/") {
            try makeFolder(String(folder[..<slash]), known: &known, created: &created)
        }
        let full = output.path + "/" + folder
        if mkdir(full, 0o755) == 0 {
            created.append(full)
        } else if errno != EEXIST {
            throw FileBytes.IOError(path: full, operation: "mkdir", code: errno)
        }
        known.insert(folder)
    }

    private func undo(_ paths: [String], folders: [String]) {
        for path in paths { unlink(output.path + "/" + path + Self.temporarySuffix) }
        for folder in folders.reversed() { rmdir(folder) }
    }

    private func rename(_ from: URL, to: URL) throws {
        if Foundation.rename(from.path, to.path) != 0 {
            throw FileBytes.IOError(path: to.path, operation: "rename", code: errno)
        }
    }

    private static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Folders emptied by removing stale pages go too, up to (not including) the output folder.
    private func removeEmptyFolders(above path: String) {
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty {
            guard rmdir(output.appendingPathComponent(folder).path) == 0 else { return }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}

import Foundation

/// One build's writing, in batches: rendered pages are handed over a batch at a time and their
/// bytes can be dropped at once, so a large archive never holds all its pages in memory.
/// Changed files wait under a temporary name beside their target until `commit` renames them
/// all in; `abort` (or any failure) removes them and the folders made for them.
public final class OutputSession {
    public typealias Report = OutputWriter.Report

    private let writer: OutputWriter
    private let root: String
    private let previous: Manifest
    private var manifest = Manifest()
    private var report = Report()
    /// Files written under their temporary name, waiting for `commit`.
    private var pending: [(path: String, size: Int)] = []
    private var knownFolders: Set<String> = [""]
    private var newFolders: [String] = []

    /// `kept` are files of the last build known to be unchanged (not rendered again): they stay
    /// as they are and in the manifest.
    init(writer: OutputWriter, keeping kept: [String]) throws {
        self.writer = writer
        root = writer.output.path + "/"
        try FileManager.default.createDirectory(at: writer.output, withIntermediateDirectories: true)
        previous = Manifest.read(from: writer.output)
        for path in kept {
            guard let entry = previous.entries[path], manifest.entries[path] == nil else {
                throw FileBytes.IOError(path: path, operation: "kept file not in the last build's manifest:", code: EINVAL)
            }
            manifest.entries[path] = entry
            report.unchanged += 1
        }
    }

    /// Hashes a batch and writes the files whose bytes changed under their temporary name.
    public func add(_ files: [OutputFile]) throws {
        do {
            try write(files)
        } catch {
            abort()
            throw error
        }
    }

    private func write(_ files: [OutputFile]) throws {
        for file in files {
            guard OutputPath.isSafe(file.path), file.path != Manifest.fileName, !file.path.hasSuffix(OutputWriter.temporarySuffix) else {
                throw FileBytes.IOError(path: file.path, operation: "refusing to write outside the output folder:", code: EINVAL)
            }
            guard manifest.entries[file.path] == nil else {
                throw FileBytes.IOError(path: file.path, operation: "two pages want the same file", code: EEXIST)
            }
            manifest.entries[file.path] = Manifest.Entry(hash: 0, size: file.bytes.count)  // claimed; hash below
        }
        // Which files changed: compare hashes with the manifest, and check the file is still there.
        let root = self.root, previous = self.previous
        let states = parallelMap(files) { file -> (hash: UInt64, unchanged: Bool) in
            let entry = Manifest.Entry(hash: ContentHash.of(file.bytes), size: file.bytes.count)
            return (entry.hash, previous.entries[file.path] == entry && OutputWriter.fileSize(root + file.path) == entry.size)
        }
        var changed: [Int] = []
        for (index, file) in files.enumerated() {
            manifest.entries[file.path] = Manifest.Entry(hash: states[index].hash, size: file.bytes.count)
            if states[index].unchanged { report.unchanged += 1 } else { changed.append(index) }
        }
        for index in changed {
            let path = files[index].path
            if let slash = path.lastIndex(of: "/") { try makeFolder(String(path[..<slash])) }
        }
        let failures = parallelMap(changed) { index -> Error? in
            do {
                try FileBytes.write(files[index].bytes, to: root + files[index].path + OutputWriter.temporarySuffix)
                return nil
            } catch {
                return error
            }
        }
        // Remember every attempted file, so that an abort also removes the ones that did get written.
        pending += changed.map { (files[$0].path, files[$0].bytes.count) }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }

    /// Renames every changed file into place, removes what the last build wrote and this one
    /// did not, and records the new manifest.
    public func commit() throws -> Report {
        let stale = previous.entries.keys.filter { manifest.entries[$0] == nil }.sorted()
        if pending.isEmpty && stale.isEmpty && previous == manifest { return report }
        for file in pending {
            let path = root + file.path
            guard rename(path + OutputWriter.temporarySuffix, path) == 0 else {
                throw FileBytes.IOError(path: path, operation: "rename", code: errno)
            }
            report.written += 1
            report.bytesWritten += file.size
        }
        pending = []
        for path in stale {
            if unlink(root + path) == 0 { report.removed += 1 }
            removeEmptyFolders(above: path)
        }
        let manifestPath = root + Manifest.fileName
        try FileBytes.write(manifest.serialized(), to: manifestPath + OutputWriter.temporarySuffix)
        guard rename(manifestPath + OutputWriter.temporarySuffix, manifestPath) == 0 else {
            throw FileBytes.IOError(path: manifestPath, operation: "rename", code: errno)
        }
        return report
    }

    /// Removes every file written so far and the folders made for them: the output is as it was.
    public func abort() {
        for file in pending { unlink(root + file.path + OutputWriter.temporarySuffix) }
        for folder in newFolders.reversed() { rmdir(folder) }
        pending = []
        newFolders = []
    }

    /// Makes `folder` (relative) and its parents where missing, remembering which ones it made.
    private func makeFolder(_ folder: String) throws {
        guard !folder.isEmpty, !knownFolders.contains(folder) else { return }
        if let slash = folder.lastIndex(of: "/") { try makeFolder(String(folder[..<slash])) }
        let full = root + folder
        if mkdir(full, 0o755) == 0 {
            newFolders.append(full)
        } else if errno != EEXIST {
            throw FileBytes.IOError(path: full, operation: "mkdir", code: errno)
        }
        knownFolders.insert(folder)
    }

    /// Folders emptied by removing stale pages go too, up to (not including) the output folder.
    private func removeEmptyFolders(above path: String) {
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty {
            guard rmdir(root + folder) == 0 else { return }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}

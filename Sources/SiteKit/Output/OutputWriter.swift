import Foundation

/// Write: puts the rendered files into the output folder without ever leaving it half-written.
///
/// Changed files are first written into a staging folder inside the output folder; only when
/// all of them are there are they renamed into place. A file whose bytes did not change is not
/// touched (its mtime stays, so rsync and CDNs upload only what changed). A file the previous
/// build wrote and this one does not is removed; nothing else ever is.
public struct OutputWriter: Sendable {
    public struct Report: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
        public var bytesWritten = 0
    }

    public static let stagingName = ".sitegen-staging"
    public let output: URL

    public init(output: URL) {
        self.output = output
    }

    public func write(_ files: [OutputFile]) throws -> Report {
        let manager = FileManager()
        try manager.createDirectory(at: output, withIntermediateDirectories: true)
        let previous = Manifest.read(from: output)
        var seen: Set<String> = []
        for file in files {
            guard OutputPath.isSafe(file.path), file.path != Manifest.fileName, !file.path.hasPrefix(Self.stagingName) else {
                throw FileBytes.IOError(path: file.path, operation: "refusing to write outside the output folder:", code: EINVAL)
            }
            guard seen.insert(file.path).inserted else {
                throw FileBytes.IOError(path: file.path, operation: "two pages want the same file", code: EEXIST)
            }
        }

        // Which files changed: compare hashes with the manifest, and check the file is still there.
        let hashes = parallelMap(files) { ContentHash.of($0.bytes) }
        var changed: [Int] = []
        var report = Report()
        var manifest = Manifest()
        for (index, file) in files.enumerated() {
            let entry = Manifest.Entry(hash: hashes[index], size: file.bytes.count)
            manifest.entries[file.path] = entry
            if previous.entries[file.path] == entry, fileSize(output.appendingPathComponent(file.path).path) == entry.size {
                report.unchanged += 1
            } else {
                changed.append(index)
            }
        }
        let stale = previous.entries.keys.filter { manifest.entries[$0] == nil }.sorted()
        if changed.isEmpty && stale.isEmpty && previous == manifest { return report }

        // Stage every changed file; any failure leaves the output folder as it was.
        let staging = output.appendingPathComponent(Self.stagingName)
        try? manager.removeItem(at: staging)
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var folders: Set<String> = []
            for index in changed {
                let folder = (files[index].path as NSString).deletingLastPathComponent
                if !folder.isEmpty, folders.insert(folder).inserted {
                    try manager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
                }
            }
            let failures = parallelMap(changed) { index -> Error? in
                do {
                    try FileBytes.write(files[index].bytes, to: staging.appendingPathComponent(files[index].path).path)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            try FileBytes.write(manifest.serialized(), to: staging.appendingPathComponent(Manifest.fileName).path)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }

        // Swap the staged files in, one rename each.
        var madeFolders: Set<String> = []
        for index in changed {
            let path = files[index].path
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty, madeFolders.insert(folder).inserted {
                try manager.createDirectory(at: output.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            try rename(staging.appendingPathComponent(path), to: output.appendingPathComponent(path))
            report.written += 1
            report.bytesWritten += files[index].bytes.count
        }
        for path in stale {
            let url = output.appendingPathComponent(path)
            if (try? manager.removeItem(at: url)) != nil { report.removed += 1 }
            removeEmptyFolders(above: path)
        }
        try rename(staging.appendingPathComponent(Manifest.fileName), to: output.appendingPathComponent(Manifest.fileName))
        try? manager.removeItem(at: staging)
        return report
    }

    private func rename(_ from: URL, to: URL) throws {
        if Foundation.rename(from.path, to.path) != 0 {
            throw FileBytes.IOError(path: to.path, operation: "rename", code: errno)
        }
    }

    private func fileSize(_ path: String) -> Int? {
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

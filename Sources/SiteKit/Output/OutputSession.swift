import Foundation

/// One build's writing, in batches: rendered pages are handed over a batch at a time and their
/// bytes can be dropped at once, so a large archive never holds all its pages in memory.
/// A changed file that replaces one on disk waits under a temporary name beside it until
/// `commit` renames them all in; a file where there was none is written in place (nothing to
/// protect, and a clean build skips 60,000 renames). `abort` (or any failure) removes both
/// kinds and the folders made for them, so the output is left as it was (a rename that fails
/// during `commit` puts back the files already renamed); a build killed before
/// it could do so is finished or undone by the next one (`OutputJournal`).
public final class OutputSession {
    public typealias Report = OutputWriter.Report

    private let writer: OutputWriter
    private let root: String
    private let previous: Manifest
    private var manifest = Manifest()
    private var report = Report()
    private var journal: OutputJournal
    /// Files written so far: under their temporary name (waiting for `commit`) unless `created`
    /// (written in place where no file was).
    private var pending: [(path: String, size: Int, created: Bool)] = []
    private var knownFolders: Set<String> = [""]
    /// Files of the last build claimed by this one (kept or written again): when that is all of
    /// them, none is stale, and the 87,000 paths of a large archive need not be looked up to say so.
    private var claimedFromPrevious = 0
    private var newFolders: [String] = []
    /// For tests: called before the commit record is written ("record") and before each rename
    /// ("rename"); a throw there stands for a full disk, a `Killed` for kill -9 (nothing is cleaned up).
    var fault: (@Sendable (String) throws -> Void)?
    struct Killed: Error {}

    /// `kept` are files of the last build known to be unchanged (not rendered again): they stay
    /// as they are and in the manifest.
    init(writer: OutputWriter, previous: Manifest? = nil, keeping kept: [String]) throws {
        self.writer = writer
        root = writer.output.path + "/"
        journal = OutputJournal(root: root)
        try FileManager.default.createDirectory(at: writer.output, withIntermediateDirectories: true)
        try writer.recover()
        self.previous = previous ?? Manifest.read(from: writer.output)
        manifest.entries.reserveCapacity(self.previous.entries.count)  // most builds write as many files as the last
        try keep(kept)
    }

    /// More files of the last build known to be unchanged, once the session has begun (the search
    /// index knows its own only when it is built): as `kept` of `init`.
    public func keep(_ kept: [String]) throws {
        // One lookup in each manifest a path (`updateValue` says whether it was there): 87,000
        // kept files at 35,000 articles, each path hashed anew for every lookup.
        for path in kept {
            guard let entry = previous.entries[path], manifest.entries.updateValue(entry, forKey: path) == nil else {
                throw FileBytes.IOError(path: path, operation: "kept file not in the last build's manifest:", code: EINVAL)
            }
            report.unchanged += 1
        }
        claimedFromPrevious += kept.count
    }

    /// Hashes a batch and writes the files whose bytes changed (see the type's comment for where).
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
            guard OutputPlan.problem(with: file.path) == nil else {
                throw FileBytes.IOError(path: file.path, operation: "refusing to write outside the output folder:", code: EINVAL)
            }
            // Claimed (the hash is set below); a path claimed before is two pages for one file.
            guard manifest.entries.updateValue(Manifest.Entry(hash: 0, size: file.bytes.count), forKey: file.path) == nil else {
                throw FileBytes.IOError(path: file.path, operation: "two pages want the same file", code: EEXIST)
            }
        }
        // Which files changed: compare hashes with the manifest, and check the file is still there.
        let root = self.root, previous = self.previous
        let states = parallelMap(files) { file -> (hash: UInt64, unchanged: Bool, exists: Bool, listed: Bool) in
            let entry = Manifest.Entry(hash: ContentHash.of(file.bytes), size: file.bytes.count)
            let size = OutputWriter.fileSize(root + file.path)
            let last = previous.entries[file.path]
            var info = stat()
            return (entry.hash, last == entry && size == entry.size, size != nil || lstat(root + file.path, &info) == 0, last != nil)
        }
        var changed: [Int] = []
        for (index, file) in files.enumerated() {
            manifest.entries[file.path] = Manifest.Entry(hash: states[index].hash, size: file.bytes.count)
            if states[index].listed { claimedFromPrevious += 1 }
            if states[index].unchanged { report.unchanged += 1 } else { changed.append(index) }
        }
        let made = newFolders.count
        try makeFolders(changed.compactMap { index in files[index].path.lastIndex(of: "/").map { String(files[index].path[..<$0]) } })
        // Claimed before writing, so that an abort — or the next build, after a kill — also
        // removes the files that did get written.
        let batch = changed.map { (path: files[$0].path, size: files[$0].bytes.count, created: !states[$0].exists) }
        try journal.record(newFolders[made...].map { (.folder, String($0.dropFirst(root.count))) }
                           + batch.map { ($0.created ? .created : .replaced, $0.path) })
        pending += batch
        let failures = parallelMap(Self.byFolder(changed.map { files[$0].path })) { group in
            group.compactMap { position -> Error? in
                let index = changed[position]
                let target = root + files[index].path + (states[index].exists ? OutputWriter.temporarySuffix : "")
                do {
                    try FileBytes.write(files[index].bytes, to: target)
                    return nil
                } catch {
                    return error
                }
            }
        }
        if let failure = failures.lazy.flatMap({ $0 }).first { throw failure }
    }

    /// Renames every changed file into place, removes what the last build wrote and this one
    /// did not, and records the new manifest. The new manifest is written first, as the commit
    /// record: a build killed after that is finished by the next one, and one that fails before
    /// it is undone.
    public func commit() throws -> Report {
        // Each path is claimed once (`keep` and `write` refuse a second claim), so the count says it.
        let stale = claimedFromPrevious == previous.entries.count ? [] : previous.entries.keys.filter { manifest.entries[$0] == nil }.sorted()
        if pending.isEmpty && stale.isEmpty && previous == manifest {
            journal.finish()
            return report
        }
        let root = self.root
        manifest.sortedPaths = previous.sortedPaths  // used only if the paths are the same
        do {
            try fault?("record")
            try OutputJournal.writeCommitRecord(manifest, root: root)
        } catch {
            if !(error is Killed) { abort() }
            throw error
        }
        let replaced = pending.filter { !$0.created }.map(\.path)
        let folders = Self.byFolder(replaced)
        let replacing = folders.flatMap { $0.map { replaced[$0] } }
        let fault = self.fault
        let renames = parallelMap(folders) { group in group.map { Self.replace(replaced[$0], under: root, fault: fault) } }.flatMap { $0 }
        if let failure = renames.lazy.compactMap(\.failure).first {
            if failure is Killed { throw failure }
            let renamed = zip(replacing, renames).filter { $0.1.failure == nil }.map { (path: $0.0, old: $0.1.old) }
            // Where an old file could not be kept (a file system without hard links), the
            // renames cannot be undone: the commit record stays and the next build finishes them.
            guard !renamed.contains(where: { $0.old == .notKept }) else {
                let io = failure as? FileBytes.IOError
                throw FileBytes.IOError(path: io?.path ?? root, operation: "rename (the next build finishes it)", code: io?.code ?? EIO)
            }
            rollBack(renamed)
            throw failure
        }
        for (path, rename) in zip(replacing, renames) where rename.old == .kept { unlink(root + path + OutputJournal.backupSuffix) }
        report.written += pending.count
        report.bytesWritten += pending.reduce(0) { $0 + $1.size }
        pending = []
        for path in stale {
            if OutputFolder.removeFile(path, under: root, size: previous.entries[path]?.size) { report.removed += 1 }
            OutputFolder.removeEmptyFolders(above: path, under: root)
        }
        guard rename(root + OutputJournal.commitRecord, root + Manifest.fileName) == 0 else {
            throw FileBytes.IOError(path: root + Manifest.fileName, operation: "rename", code: errno)
        }
        journal.finish()
        return report
    }

    /// One rename of the commit. The old file is kept under a second name first (a hard link:
    /// the page is never missing), so that a rename failing after others succeeded can be undone.
    private static func replace(_ path: String, under root: String, fault: (@Sendable (String) throws -> Void)?)
        -> (old: OldFile, failure: Error?) {
        let file = root + path, backup = file + OutputJournal.backupSuffix
        unlink(backup)
        let old: OldFile = link(file, backup) == 0 ? .kept : errno == ENOENT ? .none : .notKept
        func failed(_ code: Int32) -> (old: OldFile, failure: Error?) {
            if old == .kept { unlink(backup) }
            return (.none, FileBytes.IOError(path: file, operation: "rename (undone: the output folder is as it was)", code: code))
        }
        do {
            try fault?("rename")
        } catch let killed as Killed {
            return (old, killed)
        } catch {
            return failed((error as? FileBytes.IOError)?.code ?? EIO)
        }
        return rename(file + OutputWriter.temporarySuffix, file) == 0 ? (old, nil) : failed(errno)
    }

    /// What became of the file a rename replaces.
    private enum OldFile {
        case kept
        /// There was none (removed since the build began): undoing the rename removes the new one.
        case none
        case notKept
    }

    /// After a failed rename: the commit record goes first (so a build killed from here on is
    /// undone by the next one, which puts the kept old files back too), then every file renamed
    /// in is put back as it was, then everything else this build wrote is removed.
    private func rollBack(_ renamed: [(path: String, old: OldFile)]) {
        unlink(root + OutputJournal.commitRecord)
        for file in renamed {
            if file.old == .kept {
                OutputFolder.putBack(file.path, from: OutputJournal.backupSuffix, under: root)
            } else {
                OutputFolder.removeFile(file.path, under: root)  // there was no file to keep: none is left, as before
            }
        }
        abort()
    }

    /// The positions of `paths` grouped by folder, in order of first appearance: each group is
    /// handed to one thread, since two threads adding entries to one folder spin on its lock
    /// (9 % of a clean build's samples, in the search index's folders of shards, before this).
    static func byFolder(_ paths: [String]) -> [[Int]] {
        var groups: [[Int]] = []
        var groupOfFolder: [Substring: Int] = [:]
        for (position, path) in paths.enumerated() {
            let folder = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[..<$0] } ?? ""
            if let group = groupOfFolder[folder] {
                groups[group].append(position)
            } else {
                groupOfFolder[folder] = groups.count
                groups.append([position])
            }
        }
        return groups
    }

    /// Removes every file written so far and the folders made for them: the output is as it was.
    public func abort() {
        for file in pending { unlink(root + file.path + (file.created ? "" : OutputWriter.temporarySuffix)) }
        for folder in newFolders.reversed() { rmdir(folder) }
        pending = []
        newFolders = []
        journal.finish()
    }

    /// Makes `folders` (relative) and their parents where missing, remembering which ones it made.
    /// A level of the tree at a time, in parallel: a clean build makes one folder per page.
    /// A folder already there must be a real one: a symbolic link (`media -> /srv/media`) would
    /// have the build write outside the output folder.
    private func makeFolders(_ folders: [String]) throws {
        var missing: Set<String> = []
        for folder in folders {
            var folder = Substring(folder)
            while !folder.isEmpty, !knownFolders.contains(String(folder)), missing.insert(String(folder)).inserted {
                folder = folder.lastIndex(of: "/").map { folder[..<$0] } ?? ""
            }
        }
        let levels = Dictionary(grouping: missing) { $0.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }
        let root = self.root
        for depth in levels.keys.sorted() {
            // Siblings are made by one thread: two threads adding entries to one folder spin on
            // its lock, which was a third of mkdir's kernel time in a clean build.
            let siblings = Dictionary(grouping: levels[depth]!) { folder in folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? "" }
                .values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
            let level = siblings.flatMap { $0 }
            let results = parallelMap(siblings) { group in
                group.map { folder -> Int32 in
                    if mkdir(root + folder, 0o755) == 0 { return 0 }
                    let code = errno
                    return code == EEXIST && !OutputFolder.isRealFolder(root + folder) ? ENOTDIR : code
                }
            }.flatMap { $0 }
            for (folder, result) in zip(level, results) {
                if result == 0 {
                    newFolders.append(root + folder)
                } else if result != EEXIST {
                    throw FileBytes.IOError(path: root + folder, operation: result == ENOTDIR ? "not a folder (a file or a symbolic link is in the way):" : "mkdir", code: result)
                }
                knownFolders.insert(folder)
            }
        }
    }
}

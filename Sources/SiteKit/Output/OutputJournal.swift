#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import Foundation

/// What a build has done to the output folder so far, on disk, so that the next build can
/// finish or undo a build that was killed (kill -9, a crash, a full disk) — after it the folder
/// is the old site or the new one, and no temporary file outlives the next build.
///
/// - While writing, `.sitegen-journal` lists, before they are made, every file written in place
///   (`c`), every temporary file beside one it replaces (`r`) and every new folder (`d`).
/// - The commit record is the new manifest, complete, under `.sitegen-manifest.next`; only then
///   are the temporary files renamed in and the stale files removed, and last it becomes
///   `.sitegen-manifest` and the journal goes.
/// - `recover`: with a commit record, the renames and removals are finished (roll forward);
///   with only a journal, everything it lists is removed (undo).
///
/// Lines are appended with plain writes and not fsynced: a killed process's writes survive in
/// the page cache; a power cut is a different promise, and the cost would be a sync per batch.
struct OutputJournal {
    static let fileName = ".sitegen-journal"
    static let commitRecord = ".sitegen-manifest.next"
    /// Suffix of an old file kept (hard-linked) while the commit renames the new one over it,
    /// so that a failed rename can be undone; gone when the commit ends.
    static let backupSuffix = ".sitegen-old"

    enum Kind: UInt8 {
        case created = 0x63   // "c"
        case replaced = 0x72  // "r"
        case folder = 0x64    // "d"
    }

    let root: String
    private var fd: Int32 = -1

    init(root: String) {
        self.root = root
    }

    /// Appends entries, creating the journal with the first ones.
    mutating func record(_ entries: [(kind: Kind, path: String)]) throws {
        guard !entries.isEmpty else { return }
        if fd < 0 {
            fd = open(root + Self.fileName, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw FileBytes.IOError(path: root + Self.fileName, operation: "open", code: errno) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 48)
        for entry in entries {
            bytes.append(entry.kind.rawValue)
            bytes.append(UInt8(ascii: " "))
            Manifest.escape(entry.path, into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw FileBytes.IOError(path: root + Self.fileName, operation: "write", code: errno)
                }
                offset += count
            }
        }
    }

    /// The build is over (committed or undone): the journal goes.
    mutating func finish() {
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(root + Self.fileName)
    }

    /// Writes the commit record: the new manifest, complete, under its own name.
    static func writeCommitRecord(_ manifest: Manifest, root: String) throws {
        let record = root + commitRecord
        do {
            try FileBytes.write(manifest.serialized(), to: record + OutputWriter.temporarySuffix)
            guard rename(record + OutputWriter.temporarySuffix, record) == 0 else {
                throw FileBytes.IOError(path: record, operation: "rename", code: errno)
            }
        } catch {
            unlink(record + OutputWriter.temporarySuffix)
            throw error
        }
    }

    /// What `recover` did.
    enum Recovery: Equatable {
        case none
        case finished(renamed: Int, removed: Int)
        case undone(removed: Int)
    }

    /// Finishes or undoes a build that did not end (see the type's comment). Safe to run twice.
    @discardableResult
    static func recover(root: String) throws -> Recovery {
        let record = root + commitRecord
        let journal = root + fileName
        unlink(record + OutputWriter.temporarySuffix)  // a commit record never completed: not a commit
        if OutputFolder.exists(record) {
            let next = Manifest.read(path: record)
            let old = Manifest.read(path: root + Manifest.fileName)
            var renamed = 0, removed = 0
            for path in next.entries.keys.sorted() where OutputFolder.isRegularFile(root + path + OutputWriter.temporarySuffix) {
                guard rename(root + path + OutputWriter.temporarySuffix, root + path) == 0 else {
                    throw FileBytes.IOError(path: root + path, operation: "rename (finishing the last build)", code: errno)
                }
                renamed += 1
            }
            for (path, entry) in old.entries where next.entries[path] == nil {
                if OutputFolder.removeFile(path, under: root, size: entry.size) { removed += 1 }
                OutputFolder.removeEmptyFolders(above: path, under: root)
            }
            for entry in entries(journal) where entry.kind == .replaced {
                OutputFolder.removeFile(entry.path + OutputWriter.temporarySuffix, under: root)
                OutputFolder.removeFile(entry.path + backupSuffix, under: root)
            }
            guard rename(record, root + Manifest.fileName) == 0 else {
                throw FileBytes.IOError(path: root + Manifest.fileName, operation: "rename (finishing the last build)", code: errno)
            }
            unlink(journal)
            return .finished(renamed: renamed, removed: removed)
        }
        guard OutputFolder.exists(journal) else { return .none }
        let listed = entries(journal)
        var removed = 0
        for entry in listed {
            switch entry.kind {
            case .created: if OutputFolder.removeFile(entry.path, under: root) { removed += 1 }
            case .replaced:
                // An old file kept by a commit that was being rolled back when it was killed: put back.
                OutputFolder.putBack(entry.path, from: backupSuffix, under: root)
                if OutputFolder.removeFile(entry.path + OutputWriter.temporarySuffix, under: root) { removed += 1 }
            case .folder: break
            }
        }
        for entry in listed.reversed() where entry.kind == .folder && OutputPath.isSafe(entry.path) && OutputFolder.isRealFolder(root + entry.path) {
            rmdir(root + entry.path)
        }
        unlink(journal)
        return .undone(removed: removed)
    }

    /// Temporary files of builds older than the journal, which no journal lists (a build of
    /// then, killed, left `*.sitegen-new` files for good): when the manifest is of the first
    /// format, the folder is looked through once for them (never through a symbolic link) and
    /// the manifest is rewritten in today's format, so that the next build does not look again.
    /// Returns how many were removed.
    @discardableResult
    static func sweepOlderBuilds(root: String) -> Int {
        let manifest = root + Manifest.fileName
        guard let bytes = try? FileBytes.read(manifest), !bytes.isEmpty, !bytes.starts(with: Manifest.header) else { return 0 }
        var removed = 0
        for file in FileTree.listing(under: String(root.dropLast()), boundary: root).files
        where file.path.hasSuffix(OutputWriter.temporarySuffix) || file.path.hasSuffix(backupSuffix) {
            if OutputFolder.removeFile(file.path, under: root) { removed += 1 }
        }
        do {
            try FileBytes.write(Manifest.parse(bytes).serialized(), to: manifest + OutputWriter.temporarySuffix)
            if rename(manifest + OutputWriter.temporarySuffix, manifest) != 0 { unlink(manifest + OutputWriter.temporarySuffix) }
        } catch {
            unlink(manifest + OutputWriter.temporarySuffix)  // swept again next time: no harm
        }
        return removed
    }

    static func entries(_ path: String) -> [(kind: Kind, path: String)] {
        guard let bytes = try? FileBytes.read(path) else { return [] }
        return bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard line.count > 2, let kind = Kind(rawValue: line[line.startIndex]), line[line.startIndex + 1] == UInt8(ascii: " "),
                  let path = Manifest.unescape(line.dropFirst(2)), OutputPath.isSafe(path) else { return nil }
            return (kind, path)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A folder's files with their stamps (size, modification time, inode), listed with plain
/// `readdir`/`lstat`: FileManager's enumerator costs several times more on an archive of
/// tens of thousands of files, and a rebuild that changes nothing is mostly this walk.
public enum FileTree {
    public struct Stamp: Sendable, Hashable {
        public var size: Int64
        public var modifiedSeconds: Int64
        public var modifiedNanoseconds: Int64
        public var inode: UInt64

        public static func of(_ path: String) -> Stamp? {
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            return Stamp(info)
        }

        public init(size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
            self.size = size
            self.modifiedSeconds = modifiedSeconds
            self.modifiedNanoseconds = modifiedNanoseconds
            self.inode = inode
        }

        init(_ info: stat) {
            size = Int64(info.st_size)
            modifiedSeconds = Int64(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
            inode = UInt64(info.st_ino)
        }

        func hash(into hash: inout UInt64) {
            for value in [UInt64(bitPattern: size), UInt64(bitPattern: modifiedSeconds), UInt64(bitPattern: modifiedNanoseconds), inode] {
                ContentHash.combine(&hash, value)
            }
        }
    }

    /// Every regular file below `root` (following symbolic links to files and folders), as
    /// relative paths sorted by byte order, skipping names that start with "." .
    /// Folders are walked in parallel once the top levels have given enough of them (an archive
    /// is `YYYY/MM/` folders): the walk is most of what a rebuild that changes nothing does.
    public static func files(under root: String) -> [(path: String, stamp: Stamp)] {
        var found: [(path: String, stamp: Stamp)] = []
        var folders = [""]
        var depth = 0
        while !folders.isEmpty, folders.count < 32, depth < 3 {
            var next: [String] = []
            for folder in folders { list(root: root, relative: folder, files: &found, folders: &next) }
            folders = next
            depth += 1
        }
        let below = parallelMap(folders) { folder -> [(path: String, stamp: Stamp)] in
            var files: [(path: String, stamp: Stamp)] = []
            walk(root: root, relative: folder, into: &files, depth: depth)
            return files
        }
        for files in below { found += files }
        return found.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// The names in one folder (not "." and ".."), and whether the directory entry says folder.
    public static func entries(in folder: String) -> [(name: String, isFolder: Bool)]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            entries.append((name, entry.pointee.d_type == DT_DIR))
        }
        return entries
    }

    private static func walk(root: String, relative: String, into found: inout [(path: String, stamp: Stamp)], depth: Int) {
        guard depth < 64 else { return }
        var folders: [String] = []
        list(root: root, relative: relative, files: &found, folders: &folders)
        for folder in folders { walk(root: root, relative: folder, into: &found, depth: depth + 1) }
    }

    /// One folder: its files with their stamps, and its subfolders (relative paths).
    private static func list(root: String, relative: String, files: inout [(path: String, stamp: Stamp)], folders: inout [String]) {
        guard let entries = entries(in: relative.isEmpty ? root : root + "/" + relative) else { return }
        for (name, _) in entries {
            if name.hasPrefix(".") { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard stat(root + "/" + path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: folders.append(path)
            case S_IFREG: files.append((path, Stamp(info)))
            default: continue
            }
        }
    }
}

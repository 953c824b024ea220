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

    /// A file or folder the walk left out, and why (the build warns about each).
    public struct Skipped: Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    public struct Listing: Sendable {
        public var files: [(path: String, stamp: Stamp)]
        public var skipped: [Skipped]
    }

    /// Folders are walked at most this deep.
    public static let maximumDepth = 64

    /// Every regular file below `root` (following symbolic links to files and folders), as
    /// relative paths sorted by byte order, skipping names that start with "." .
    public static func files(under root: String) -> [(path: String, stamp: Stamp)] {
        listing(under: root).files
    }

    /// The same, with what was skipped: a symbolic link that loops back to a folder above it
    /// (told by device and inode, so no name trick can make the walk endless), one that leads
    /// outside `boundary` (when given: the site folder), a dangling one, a name that is not
    /// UTF-8, a folder deeper than `maximumDepth`, anything but files and folders.
    /// Folders are walked in parallel once the top levels have given enough of them (an archive
    /// is `YYYY/MM/` folders): the walk is most of what a rebuild that changes nothing does.
    public static func listing(under root: String, boundary: String? = nil) -> Listing {
        let walk = Walk(root: root, boundaries: boundary.map { [realPath($0), realPath(root)].compactMap { $0 } })
        var found = Found()
        guard let top = walk.identity(of: root) else { return Listing(files: [], skipped: []) }
        var folders = [Folder(path: "", ancestors: [top])]
        var depth = 0
        while !folders.isEmpty, folders.count < 32, depth < 3 {
            var next: [Folder] = []
            for folder in folders { walk.list(folder, into: &found, folders: &next) }
            folders = next
            depth += 1
        }
        let below = parallelMap(folders) { folder -> Found in
            var found = Found()
            walk.walk(folder, into: &found)
            return found
        }
        for part in below {
            found.files += part.files
            found.skipped += part.skipped
        }
        return Listing(files: found.files.sorted { ByteOrder.less($0.path, $1.path) },
                       skipped: found.skipped.sorted { ByteOrder.less($0.path, $1.path) })
    }

    struct Identity: Hashable { var device: UInt64; var inode: UInt64 }

    /// A folder to list, with the folders above it (to recognise a link back to one of them).
    struct Folder {
        var path: String
        var ancestors: [Identity]
    }

    struct Found {
        var files: [(path: String, stamp: Stamp)] = []
        var skipped: [Skipped] = []
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    struct Walk: Sendable {
        let root: String
        /// Real paths a symbolic link may lead into (nil: anywhere).
        let boundaries: [String]?

        func identity(of path: String) -> Identity? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }

        func walk(_ folder: Folder, into found: inout Found) {
            var folders: [Folder] = []
            list(folder, into: &found, folders: &folders)
            for folder in folders { walk(folder, into: &found) }
        }

        /// One folder: its files with their stamps, and its subfolders.
        func list(_ folder: Folder, into found: inout Found, folders: inout [Folder]) {
            guard let directory = opendir(folder.path.isEmpty ? root : root + "/" + folder.path) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                if bytes.first == UInt8(ascii: ".") { continue }  // hidden files, "." and ".."
                let isLink = entry.pointee.d_type == DT_LNK
                guard let name = String(validating: bytes, as: UTF8.self) else {
                    let shown = String(decoding: bytes, as: UTF8.self)
                    found.skipped.append(Skipped(path: folder.path.isEmpty ? shown : folder.path + "/" + shown,
                                                 reason: "the file name is not valid UTF-8 (rename it)"))
                    continue
                }
                let path = folder.path.isEmpty ? name : folder.path + "/" + name
                let full = root + "/" + path
                var info = stat()
                // Relative to the open folder: the kernel does not walk the whole path again for each file.
                guard fstatat(dirfd(directory), name, &info, 0) == 0 else {
                    found.skipped.append(Skipped(path: path, reason: isLink ? "a symbolic link to nothing" : "cannot be read (\(String(cString: strerror(errno))))"))
                    continue
                }
                if isLink || entry.pointee.d_type == DT_UNKNOWN, let boundaries, isSymbolicLink(full) {
                    let target = FileTree.realPath(full) ?? full
                    guard boundaries.contains(where: { target == $0 || target.hasPrefix($0 == "/" ? "/" : $0 + "/") }) else {
                        found.skipped.append(Skipped(path: path, reason: "a symbolic link that leads outside the site folder (to \(target))"))
                        continue
                    }
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    let identity = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                    if folder.ancestors.contains(identity) {
                        found.skipped.append(Skipped(path: path, reason: "a symbolic link back to a folder above it (a loop)"))
                    } else if folder.ancestors.count >= FileTree.maximumDepth {
                        found.skipped.append(Skipped(path: path, reason: "folders nested more than \(FileTree.maximumDepth) deep"))
                    } else {
                        folders.append(Folder(path: path, ancestors: folder.ancestors + [identity]))
                    }
                case S_IFREG:
                    found.files.append((path, Stamp(info)))
                default:
                    found.skipped.append(Skipped(path: path, reason: "not a regular file or folder"))
                }
            }
        }

        private func isSymbolicLink(_ path: String) -> Bool {
            var info = stat()
            return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
        }
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
}

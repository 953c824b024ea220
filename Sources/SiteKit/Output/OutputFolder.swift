#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import Foundation

/// Removing from the output folder without ever leaving it: a file is removed only when every
/// folder on its way is a real folder (opened one at a time with `O_NOFOLLOW`, so a symbolic
/// link such as `media -> /srv/media` is never followed) and it is itself a regular file (of
/// the size the manifest says, when it says one). A file someone else put there, or one that
/// changed since we wrote it, stays.
enum OutputFolder {
    /// `root` ends with "/"; `path` is relative. True when the file was removed.
    @discardableResult
    static func removeFile(_ path: String, under root: String, size: Int? = nil) -> Bool {
        inFolder(of: path, under: root) { folder, name in
            var info = stat()
            guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
            if let size, Int(info.st_size) != size { return false }
            return unlinkat(folder, name, 0) == 0
        }
    }

    /// Renames the regular file `path + suffix` back to `path` (an old file a commit kept), in
    /// the same real folders as `removeFile`. True when it was put back.
    @discardableResult
    static func putBack(_ path: String, from suffix: String, under root: String) -> Bool {
        inFolder(of: path, under: root) { folder, name in
            var info = stat()
            guard fstatat(folder, name + suffix, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
            // Still the same file (the rename never happened): rename(2) would do nothing and keep both names.
            var current = stat()
            if fstatat(folder, name, &current, AT_SYMLINK_NOFOLLOW) == 0, current.st_dev == info.st_dev, current.st_ino == info.st_ino {
                return unlinkat(folder, name + suffix, 0) == 0
            }
            return renameat(folder, name + suffix, folder, name) == 0
        }
    }

    /// Calls `body` with the folder of `path` (opened through real folders only) and its name.
    private static func inFolder(of path: String, under root: String, _ body: (Int32, String) -> Bool) -> Bool {
        guard OutputPath.isSafe(path) else { return false }
        var parts = path.split(separator: "/").map(String.init)
        let name = parts.removeLast()
        guard var folder = Optional(open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)), folder >= 0 else { return false }
        defer { close(folder) }
        for part in parts {
            let next = openat(folder, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else { return false }
            close(folder)
            folder = next
        }
        return body(folder, name)
    }

    /// Removes `path`'s folders that are left empty, deepest first, up to (not including) the root.
    /// Plain string work: NSString's `deletingLastPathComponent` traps on a one-character folder.
    static func removeEmptyFolders(above path: String, under root: String) {
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            guard !folder.isEmpty, isRealFolder(root + folder), rmdir(root + folder) == 0 else { return }
        }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isRealFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}

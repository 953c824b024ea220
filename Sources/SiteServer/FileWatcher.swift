#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import Foundation
import SiteKit

/// Watches the site's sources and reports changes in batches: a burst of events (an editor's
/// save-by-rename, a `git checkout`) becomes one batch once the files have been quiet for a moment.
///
/// On Linux it uses inotify on a background thread, with a watch on every folder below each root
/// (folders created later are added as they appear). Where inotify is missing or fails (no
/// support, the watch limit reached) it falls back to polling modification times.
public final class FileWatcher: @unchecked Sendable {
    public struct Batch: Sendable, Equatable {
        /// Absolute paths of files that changed (created, written, deleted, renamed).
        public var files: Set<String> = []
        /// Folders created, deleted or renamed (what was inside them may have come or gone).
        public var folders: Set<String> = []
        /// Events were lost (inotify queue overflow): anything may have changed.
        public var overflowed = false

        public var isEmpty: Bool { files.isEmpty && folders.isEmpty && !overflowed }

        public init(files: Set<String> = [], folders: Set<String> = [], overflowed: Bool = false) {
            self.files = files
            self.folders = folders
            self.overflowed = overflowed
        }

        mutating func merge(_ other: Batch) {
            files.formUnion(other.files)
            folders.formUnion(other.folders)
            overflowed = overflowed || other.overflowed
        }
    }

    public enum Mode: Sendable, Equatable {
        case inotify
        case polling(interval: Double)
    }

    /// Folders watched recursively (they may not exist yet: then their parent is watched for them).
    public let folders: [URL]
    /// Single files watched by name in their folder (so replacing them by rename is seen).
    public let files: [URL]
    /// How long the files must be quiet before a batch is reported.
    public let quietPeriod: Double
    /// The longest a batch waits for quiet before it is reported anyway.
    public let maximumDelay: Double
    public private(set) var mode: Mode = .inotify

    private let handler: @Sendable (Batch) -> Void
    private let stopLock = NSLock()
    private var stopped = false
    private var wakePipe: [Int32] = [-1, -1]
    private var thread: Thread?

    public init(folders: [URL], files: [URL], quietPeriod: Double = 0.05, maximumDelay: Double = 0.3,
                forcePolling: Double? = nil, handler: @escaping @Sendable (Batch) -> Void) {
        self.folders = folders.map { $0.standardizedFileURL }
        self.files = files.map { $0.standardizedFileURL }
        self.quietPeriod = quietPeriod
        self.maximumDelay = maximumDelay
        self.handler = handler
        if let interval = forcePolling { mode = .polling(interval: interval) }
    }

    /// Starts watching; returns once the watches are in place, so a change made after `start()`
    /// returns is always seen.
    public func start() {
        _ = pipe(&wakePipe)
        for fd in wakePipe where fd >= 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        let ready = DispatchSemaphore(value: 0)
        let inotify: Inotify? = mode == .inotify ? Inotify(folders: folders, files: files) : nil
        if mode == .inotify && inotify == nil { mode = .polling(interval: 0.5) }
        let thread = Thread { [self] in
            if let inotify {
                ready.signal()
                runInotify(inotify)
            } else if case .polling(let interval) = mode {
                var snapshot = Snapshot(folders: folders, files: files)
                ready.signal()
                runPolling(&snapshot, interval: interval)
            }
        }
        thread.name = "sitegen-watcher"
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
        ready.wait()
    }

    /// Stops the thread; no batch is reported after this returns... except one already running.
    public func stop() {
        stopLock.lock()
        let wasStopped = stopped
        stopped = true
        stopLock.unlock()
        guard !wasStopped else { return }
        if wakePipe[1] >= 0 {
            var byte: UInt8 = 1
            _ = write(wakePipe[1], &byte, 1)
        }
    }

    private var isStopped: Bool {
        stopLock.lock()
        defer { stopLock.unlock() }
        return stopped
    }

    deinit {
        for fd in wakePipe where fd >= 0 { close(fd) }
    }

    // MARK: inotify

    private func runInotify(_ inotify: Inotify) {
        defer { inotify.close() }
        var pending = Batch()
        var firstEvent: Double?
        while !isStopped {
            // Wait for events; once a batch has started, only until it is due.
            var timeout: Int32 = -1
            if let firstEvent {
                let due = min(lastEventTime + quietPeriod, firstEvent + maximumDelay)
                timeout = Int32(max(0, (due - now()) * 1000).rounded(.up))
            }
            var fds = [pollfd(fd: inotify.fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakePipe[0], events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, timeout)
            if ready < 0 && errno != EINTR { break }
            if fds[1].revents != 0 { break }
            if fds[0].revents != 0 {
                let events = inotify.read()
                if !events.isEmpty {
                    pending.merge(events)
                    lastEventTime = now()
                    if firstEvent == nil { firstEvent = lastEventTime }
                }
            }
            if let first = firstEvent {
                let current = now()
                if current >= lastEventTime + quietPeriod || current >= first + maximumDelay {
                    if !isStopped { handler(pending) }
                    pending = Batch()
                    firstEvent = nil
                }
            }
        }
    }

    private var lastEventTime = 0.0

    private func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    // MARK: polling

    private func runPolling(_ snapshot: inout Snapshot, interval: Double) {
        while !isStopped {
            var fds = [pollfd(fd: wakePipe[0], events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, Int32(interval * 1000))
            if fds[0].revents != 0 || isStopped { break }
            let next = Snapshot(folders: folders, files: files)
            let changed = snapshot.difference(next)
            snapshot = next
            if !changed.isEmpty { handler(changed) }
        }
    }

    /// Every file's size, modification time and inode under the watched folders.
    struct Snapshot {
        struct Stamp: Equatable { var size: Int64; var seconds: Int; var nanoseconds: Int; var inode: UInt64; var isFolder: Bool }
        var stamps: [String: Stamp] = [:]

        init(folders: [URL], files: [URL]) {
            for file in files { add(file.path) }
            for folder in folders { walk(folder.path) }
        }

        private mutating func add(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            stamps[path] = Stamp(size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                                 inode: UInt64(info.st_ino), isFolder: (info.st_mode & S_IFMT) == S_IFDIR)
        }

        private mutating func walk(_ folder: String) {
            add(folder)
            guard stamps[folder]?.isFolder == true, let entries = FileTree.entries(in: folder) else { return }
            for entry in entries {
                let path = folder + "/" + entry.name
                if entry.isFolder { walk(path) } else { add(path) }
            }
        }

        func difference(_ other: Snapshot) -> Batch {
            var changed = Batch()
            for (path, stamp) in other.stamps where stamps[path] != stamp {
                if stamp.isFolder {
                    if stamps[path]?.isFolder != true { changed.folders.insert(path) }  // a new folder
                } else {
                    changed.files.insert(path)
                }
            }
            for (path, stamp) in stamps where other.stamps[path] == nil {
                if stamp.isFolder { changed.folders.insert(path) } else { changed.files.insert(path) }
            }
            return changed
        }
    }
}

/// The inotify side: one watch per folder, paths rebuilt from watch descriptors.
final class Inotify: @unchecked Sendable {  // used by the watcher thread only
    let fd: Int32
    private var folderOf: [Int32: String] = [:]
    private var watchOf: [String: Int32] = [:]
    private let roots: [String]
    /// Names watched in a parent folder: the roots that do not exist yet, and single files.
    private var namesWanted: [String: Set<String>] = [:]
    private let folderMask: UInt32 = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK)

    init?(folders: [URL], files: [URL]) {
        #if os(Linux)
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        roots = folders.map(\.path)
        // Each root's parent is watched (not recursively) for the root's creation, deletion or rename.
        for root in roots {
            let parent = (root as NSString).deletingLastPathComponent
            namesWanted[parent, default: []].insert((root as NSString).lastPathComponent)
        }
        for file in files {
            namesWanted[file.deletingLastPathComponent().path, default: []].insert(file.lastPathComponent)
        }
        for parent in namesWanted.keys {
            guard add(parent) else { Glibc.close(fd); return nil }
        }
        for root in roots where FileManager.default.fileExists(atPath: root) {
            guard addTree(root) else { Glibc.close(fd); return nil }
        }
        #else
        return nil
        #endif
    }

    func close() {
        _ = Glibc.close(fd)
    }

    /// Adds a watch on one folder; false when the kernel refuses (limit reached).
    @discardableResult
    private func add(_ folder: String) -> Bool {
        #if os(Linux)
        let wd = inotify_add_watch(fd, folder, folderMask)
        if wd < 0 { return errno == ENOENT || errno == ENOTDIR }  // gone already: nothing to watch
        if let old = folderOf[wd], old != folder { watchOf[old] = nil }
        folderOf[wd] = folder
        watchOf[folder] = wd
        return true
        #else
        return false
        #endif
    }

    /// Watches a folder and every folder below it. Returns the files found in it (for a folder
    /// that appeared with files already inside, e.g. moved in).
    @discardableResult
    private func addTree(_ folder: String, found: UnsafeMutablePointer<Set<String>>? = nil) -> Bool {
        guard add(folder) else { return false }
        guard let entries = FileTree.entries(in: folder) else { return true }
        for entry in entries {
            let path = folder + "/" + entry.name
            if entry.isFolder {
                guard addTree(path, found: found) else { return false }
            } else {
                found?.pointee.insert(path)
            }
        }
        return true
    }

    private func isInsideRoot(_ path: String) -> Bool {
        roots.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// Drains the queue. Paths are those the watcher cares about; editor litter is dropped.
    func read() -> FileWatcher.Batch {
        var batch = FileWatcher.Batch()
        #if os(Linux)
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = Glibc.read(fd, buffer, size)
            if count <= 0 { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = offset + MemoryLayout<inotify_event>.size
                var name = ""
                if event.len > 0 {
                    let bytes = UnsafeRawBufferPointer(start: buffer + nameStart, count: Int(event.len))
                    name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                offset = nameStart + Int(event.len)
                let mask = Int32(bitPattern: event.mask)
                if mask & Int32(IN_Q_OVERFLOW) != 0 {
                    batch.overflowed = true
                    continue
                }
                guard let folder = folderOf[event.wd] else { continue }
                if mask & Int32(IN_IGNORED) != 0 {
                    folderOf[event.wd] = nil
                    if watchOf[folder] == event.wd { watchOf[folder] = nil }
                    continue
                }
                if name.isEmpty {
                    // The watched folder itself was deleted or moved.
                    if mask & Int32(IN_DELETE_SELF | IN_MOVE_SELF) != 0, isInsideRoot(folder) { batch.folders.insert(folder) }
                    continue
                }
                let path = folder + "/" + name
                let isFolder = mask & Int32(IN_ISDIR) != 0
                let inside = isInsideRoot(path)
                if !inside {
                    // An event in a parent folder: only the names we want (a root, site.yml).
                    guard namesWanted[folder]?.contains(name) == true else { continue }
                    if isFolder {
                        if mask & Int32(IN_CREATE | IN_MOVED_TO) != 0 && roots.contains(path) {
                            var found: Set<String> = []
                            addTree(path, found: &found)
                            batch.files.formUnion(found)
                        }
                        batch.folders.insert(path)
                    } else {
                        batch.files.insert(path)
                    }
                    continue
                }
                if isFolder {
                    if mask & Int32(IN_CREATE | IN_MOVED_TO) != 0 {
                        // A new folder: watch it, and report what is already inside it.
                        var found: Set<String> = []
                        addTree(path, found: &found)
                        batch.files.formUnion(found)
                        batch.folders.insert(path)
                    } else if mask & Int32(IN_DELETE | IN_MOVED_FROM) != 0 {
                        batch.folders.insert(path)
                    }
                    continue
                }
                if Self.isLitter(name) { continue }
                // Opening for reading also triggers nothing; a bare IN_MODIFY mid-write is followed
                // by IN_CLOSE_WRITE, and the quiet period waits for it.
                batch.files.insert(path)
            }
        }
        #endif
        return batch
    }

    /// Editors' swap and backup files: never content.
    static func isLitter(_ name: String) -> Bool {
        name.hasPrefix(".#") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name == "4913" || (name.hasPrefix("#") && name.hasSuffix("#"))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import Foundation

/// Plain POSIX file reads and writes: on Linux `Data.write(to:)` fsyncs every file, which costs
/// more than the write itself when a build writes tens of thousands of pages.
public enum FileBytes {
    public struct IOError: Error, CustomStringConvertible {
        public var path: String
        public var operation: String
        public var code: Int32
        public var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOError(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw IOError(path: path, operation: "stat", code: errno) }
        // One byte to spare: a read that fills it means the file grew since fstat; only then grow.
        // Read into uninitialised memory: zeroing the 175 MB of a large archive's cache first
        // was a tenth of a rebuild after one edit.
        let size = Int(info.st_size)
        var bytes = try [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, filled in
            while filled < buffer.count {
                let count = try readSome(fd, into: buffer.baseAddress! + filled, count: buffer.count - filled, path: path)
                if count == 0 { return }
                filled += count
            }
        }
        guard bytes.count == size + 1 else { return bytes }
        var offset = bytes.count
        while true {
            if offset == bytes.count { bytes += [UInt8](repeating: 0, count: max(4096, bytes.count)) }
            let count = try bytes.withUnsafeMutableBytes { try readSome(fd, into: $0.baseAddress! + offset, count: $0.count - offset, path: path) }
            if count == 0 { break }
            offset += count
        }
        bytes.removeSubrange(offset...)
        return bytes
    }

    /// One read(2), made again when a signal interrupts it; 0 at the end of the file.
    private static func readSome(_ fd: Int32, into start: UnsafeMutableRawPointer, count: Int, path: String) throws -> Int {
        while true {
            let read = Glibc.read(fd, start, count)
            if read >= 0 { return read }
            if errno != EINTR { throw IOError(path: path, operation: "read", code: errno) }
        }
    }

    public static func write<Bytes: ContiguousBytes>(_ bytes: Bytes, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IOError(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw IOError(path: path, operation: "write", code: errno)
                }
                offset += count
            }
        }
    }

    public static func modificationDate(_ path: String) throws -> Date {
        var info = stat()
        guard stat(path, &info) == 0 else { throw IOError(path: path, operation: "stat", code: errno) }
        return Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }
}

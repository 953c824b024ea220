#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import Foundation

/// One shard's article bodies in the build cache (`bodies-N`, beside `articles-N`), read a body
/// at a time when a page, a search slice or a rewritten shard needs it. Opened when its shard is
/// read: the cache writes a new file by renaming it into place, so this one's bytes stay as they
/// were for as long as an article refers to them.
final class BodyFile: StoredBodies, @unchecked Sendable {  // immutable after init; pread is thread-safe
    let name: String
    let size: Int
    private let descriptor: Int32
    private let damaged: DamagedFiles

    /// nil when the file is not there.
    init?(path: String, name: String, damaged: DamagedFiles) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            return nil
        }
        size = Int(info.st_size)
        self.name = name
        self.damaged = damaged
    }

    deinit { close(descriptor) }

    func bytes(_ range: Range<Int>, hash: UInt64) -> [UInt8]? {
        let read = try? [UInt8](unsafeUninitializedCapacity: range.count) { buffer, filled in
            while filled < range.count {
                let count = pread(descriptor, buffer.baseAddress! + filled, range.count - filled, off_t(range.lowerBound + filled))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw BinaryReader.Corrupt() }
                filled += count
            }
        }
        guard let read, ContentHash.of(read) == hash else {
            damaged.lostBody(in: name)
            return nil
        }
        return read
    }
}

import Foundation

/// `.sitegen-cache/search/` (or any folder): the search index's tokenised slices from the last
/// build, one file per slice named by its key, so that a rebuild tokenises only the slices
/// whose documents changed. A file that is damaged, truncated, from another format or for
/// another key is ignored, and the slice is tokenised again.
///
/// A file: "sgsearch", the format version, the key, the payload's length and its `ContentHash`
/// (8 bytes each, little-endian), then the payload (`SearchIndexBuilder.SliceCoding`).
public struct SearchTokenCache: Sendable {
    static let formatVersion: UInt64 = 1
    static let magic = Array("sgsearch".utf8)
    static let headerSize = 40

    public let folder: URL
    /// Mixed into every key: `BuildCache.generator` in a build, so that another sitegen binary
    /// starts afresh like the rest of the build cache.
    let salt: UInt64

    public init(folder: URL) {
        self.init(folder: folder, salt: 0)
    }

    init(folder: URL, salt: UInt64) {
        self.folder = folder
        self.salt = salt
    }

    /// The search folder of a build cache (the one of `sitegen build`, or of a preview).
    init(buildCache: BuildCache) {
        self.init(folder: buildCache.folder.appendingPathComponent("search"), salt: BuildCache.generator)
    }

    func fileName(_ key: UInt64) -> String {
        var salted = salt
        ContentHash.combine(&salted, key)
        let digits = String(salted, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Whether there is a file for `key` (intact or not: `read` tells).
    func contains(_ key: UInt64) -> Bool {
        access(folder.appendingPathComponent(fileName(key)).path, F_OK) == 0
    }

    /// The payload cached for `key`, if there is an intact one.
    func read(_ key: UInt64) -> [UInt8]? {
        guard let bytes = try? FileBytes.read(folder.appendingPathComponent(fileName(key)).path),
              bytes.count >= Self.headerSize, bytes.starts(with: Self.magic) else { return nil }
        func word(_ index: Int) -> UInt64 {
            bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)) }
        }
        let payload = Array(bytes[Self.headerSize...])
        guard word(1) == Self.formatVersion, word(2) == key ^ salt, word(3) == UInt64(payload.count),
              word(4) == ContentHash.of(payload) else { return nil }
        return payload
    }

    /// Written beside and renamed, so that a crash leaves no half file under a key's name. A
    /// cache that cannot be written is not an error: the next build tokenises again.
    func write(_ payload: [UInt8], key: UInt64) {
        var bytes = Self.magic
        bytes.reserveCapacity(Self.headerSize + payload.count)
        for word in [Self.formatVersion, key ^ salt, UInt64(payload.count), ContentHash.of(payload)] {
            withUnsafeBytes(of: word.littleEndian) { bytes += $0 }
        }
        bytes += payload
        BuildCache.save(bytes, in: folder, as: fileName(key))
    }

    /// Removes every file but those of `keys`: slices of documents that changed or went.
    func removeAll(except keys: [UInt64]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        let kept = Set(keys.map(fileName))
        for name in names where !kept.contains(name) { unlink(folder.appendingPathComponent(name).path) }
    }
}

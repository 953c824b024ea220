extension SearchIndexBuilder {
    /// What meta.json and the stats say of one segment.
    struct SegmentSummary: Equatable {
        var name = ""
        var documentCount = 0
        var shardCount = 1
        /// `ContentHash` of its files, for the `?v=` of their URLs.
        var version: UInt64 = 0
        /// Folded syllables and pair keys with files of their own, in the order meta.json lists them.
        var largeSyllables: [String] = []
        var largePairs: [UInt32] = []
        /// See `Shards`.
        var collisionHashes: [UInt32] = []
        var smallBits = 0
        var totalLength = 0
        var syllables = 0
        var pairs = 0
        var postings = 0
        var textBytes = 0
        var postingFiles = 0
        var shardBytes = 0
        var documentBytes = 0
        var otherBytes = 0
    }

    /// One segment of this build: the files written, and the paths of the last build's files
    /// that stay as they are (below the search folder, `s/<name>/…`).
    struct Segment {
        var summary: SegmentSummary
        var files: [OutputFile] = []
        var kept: [String] = []
        /// All its files, written or kept, in the order `version` adds them up.
        var entries: [(path: String, hash: UInt64, size: Int)] = []
    }

    /// What the cache keeps of a segment, so that the next build can leave it as it is, or patch
    /// only the files an edit touches (`SearchSegmentPatch`), instead of merging its slices
    /// again: what it was made from (each slice's key, category slugs and size) and each of its
    /// files' hash, in the order its `version` adds them up.
    struct SegmentRecord {
        static let format: UInt64 = 1

        var summary: SegmentSummary
        /// `layoutKey` of the options it was written with.
        var optionsKey: UInt64
        var sliceKeys: [UInt64]
        var sliceSlugs: [UInt64]
        var sliceCounts: [Int]
        var files: [(path: String, hash: UInt64, size: Int)]

        /// The cache key of a segment's record: its name alone, so that an edited segment's new
        /// record replaces the old one.
        static func key(name: String) -> UInt64 {
            var key = ContentHash.of("search segment record")
            ContentHash.combine(&key, ContentHash.of(name))
            return key
        }

        func encoded() -> [UInt8] {
            var writer = BinaryWriter()
            writer.uint64(Self.format)
            writer.uint64(optionsKey)
            let s = summary
            writer.string(s.name)
            for value in [s.documentCount, s.shardCount, s.smallBits, s.totalLength, s.syllables, s.pairs, s.postings, s.textBytes,
                          s.postingFiles, s.shardBytes, s.documentBytes, s.otherBytes] { writer.int(value) }
            writer.uint64(s.version)
            writer.strings(s.largeSyllables)
            for list in [s.largePairs, s.collisionHashes] {
                writer.int(list.count)
                for value in list { writer.uint64(UInt64(value)) }
            }
            writer.int(sliceKeys.count)
            for index in sliceKeys.indices {
                writer.uint64(sliceKeys[index])
                writer.uint64(sliceSlugs[index])
                writer.int(sliceCounts[index])
            }
            writer.int(files.count)
            for file in files {
                writer.string(file.path)
                writer.uint64(file.hash)
                writer.int(file.size)
            }
            return writer.bytes
        }

        init(summary: SegmentSummary, optionsKey: UInt64, sliceKeys: [UInt64], sliceSlugs: [UInt64], sliceCounts: [Int],
             files: [(path: String, hash: UInt64, size: Int)]) {
            self.summary = summary
            self.optionsKey = optionsKey
            self.sliceKeys = sliceKeys
            self.sliceSlugs = sliceSlugs
            self.sliceCounts = sliceCounts
            self.files = files
        }

        init(decoding bytes: [UInt8]) throws {
            var reader = BinaryReader(bytes)
            guard try reader.uint64() == Self.format else { throw BinaryReader.Corrupt() }
            optionsKey = try reader.uint64()
            var s = SegmentSummary()
            s.name = try reader.string()
            s.documentCount = try reader.int()
            s.shardCount = try reader.int()
            s.smallBits = try reader.int()
            s.totalLength = try reader.int()
            s.syllables = try reader.int()
            s.pairs = try reader.int()
            s.postings = try reader.int()
            s.textBytes = try reader.int()
            s.postingFiles = try reader.int()
            s.shardBytes = try reader.int()
            s.documentBytes = try reader.int()
            s.otherBytes = try reader.int()
            s.version = try reader.uint64()
            s.largeSyllables = try reader.strings()
            func hashes() throws -> [UInt32] {
                try (0..<reader.count()).map { _ in
                    let value = try reader.uint64()
                    guard value <= UInt64(UInt32.max) else { throw BinaryReader.Corrupt() }
                    return UInt32(value)
                }
            }
            s.largePairs = try hashes()
            s.collisionHashes = try hashes()
            guard s.shardCount > 0, s.shardCount & (s.shardCount - 1) == 0 else { throw BinaryReader.Corrupt() }
            summary = s
            let slices = try reader.count()
            sliceKeys = []
            sliceSlugs = []
            sliceCounts = []
            for _ in 0..<slices {
                sliceKeys.append(try reader.uint64())
                sliceSlugs.append(try reader.uint64())
                sliceCounts.append(try reader.int())
            }
            files = try (0..<reader.count()).map { _ in (try reader.string(), try reader.uint64(), try reader.int()) }
            guard reader.isAtEnd, sliceCounts.reduce(0, +) == s.documentCount else { throw BinaryReader.Corrupt() }
        }
    }

    /// The last build's index files, for a cached build to keep or patch: each one's hash when it
    /// is still there as written, and its bytes (only when they still have that hash).
    public struct PreviousFiles: Sendable {
        let hash: @Sendable (String) -> UInt64?
        let bytes: @Sendable (String) -> [UInt8]?

        /// Paths relative to the search folder.
        init(hash: @escaping @Sendable (String) -> UInt64?, bytes: @escaping @Sendable (String) -> [UInt8]?) {
            self.hash = hash
            self.bytes = bytes
        }

        /// A build's output, as files in memory (what the tests hand over).
        init(_ files: [OutputFile]) {
            var byPath: [String: [UInt8]] = [:]
            for file in files { byPath[file.path] = file.bytes }
            let frozen = byPath
            self.init(hash: { frozen[$0].map { ContentHash.of($0) } }, bytes: { frozen[$0] })
        }
    }

    /// A key for everything in the options that shapes a segment's files beyond its slices.
    static func layoutKey(_ options: Options) -> UInt64 {
        var key = SliceCoding.version
        for value in [options.targetShardBytes, options.maxShards, options.largeListBytes, options.chunkSize] {
            ContentHash.combine(&key, UInt64(value))
        }
        return key
    }
}

import Foundation

/// Builds the static search index: segments (`segmentRanges`), each with its postings sharded by
/// token hash and its documents in chunks.
///
/// Files (below the search folder, e.g. `tim-kiem/`), all deterministic:
/// - `meta.json`: `format` 2, `docs`, `length` (syllables in all documents, for BM25's average
///   length), `chunk`, `pageSize`, `permalink`, `years` (`[year, first doc, count]`), `categories`
///   (`[name, slug, path]`) and `segments`, oldest first: `[name, docs, shards, version, large
///   syllables, large pairs]`. Documents are numbered across segments in that order; `version`
///   hashes the segment's files and is appended as `?v=` to their URLs, so a browser never mixes
///   two builds of one segment and keeps the segments that did not change.
/// - Per segment, below `s/<name>/`:
///   - `index/<n>.bin`: shard n. A 4-byte big-endian length, then that many bytes of UTF-8 lines
///     (`folded` or `folded\texact1\texact2…`: the syllables of the shard and their spellings),
///     then a bit stream (`BitWriter`): a posting list per spelling, in line order; then
///     gamma(pairs + 1) and per pair `rice(key − previous key, kp)` and its posting list. A pair's
///     key is FNV-1a-32 of "folded folded" shifted right by log2(shards); the low bits chose the
///     shard; a syllable's shard is FNV-1a-32 of its folded form, low bits.
///   - `index/w<hash>.bin`, `index/p<hash>.bin`: the same format holding one syllable or one pair
///     whose lists are larger than `largeListBytes` (the most common words), listed in meta.json.
///   - A posting list: gamma(df), then per document rice(gap − 1, k) and its value
///     (`PostingCode`: tf and the title and terms flags), k = `BitWriter.riceParameter(space:
///     segment docs, count: df)`. The BM25 level is computed when searching (`SearchEngine`).
///   - `docs/<n>.json`: the segment's documents n·chunk ..< (n+1)·chunk as
///     `[title, path, yyyymmdd, category slug, snippet]`; `path` is 0 when it is `permalink`
///     filled with the date and the title's slug (`scriptSlug`).
///   - `cats.txt`: the category slugs of the segment's documents, tab-separated, on one line, then
///     each document's as a 1-based number in that list (0 for none) in base 64, all of one width.
///   - `lengths.bin`: each document's length in syllables, as varints.
///
/// Stages, a file each: documents are tokenised a slice at a time (`SearchTokeniser`), each slice
/// encoded (`SliceCoding`) and, with a `SearchTokenCache`, kept for the next build, which
/// tokenises only the slices whose documents changed (`SearchSlices`); slices are grouped into
/// segments (`SearchSegments`); each segment's postings are merged (`SearchPostings`), then written
/// as shards (`SearchShards`), with its documents' entries (`SearchDocumentFiles`); meta.json last.
public enum SearchIndexBuilder {
    public struct Options: Sendable {
        /// A segment's shards are sized so that they average about this much; a power of two of
        /// them. A query reads one shard (or list file) per word and segment.
        public var targetShardBytes = 2 * 1024
        public var maxShards = 8192
        /// A syllable or pair whose list is bigger gets a file of its own.
        public var largeListBytes = 1024
        public var chunkSize = 16
        public var snippetLength = 160
        public var pageSize = 10
        /// The article permalink pattern (":year/:month/:slug/"): a document whose path is this
        /// pattern filled with its date and its title's slug stores no path; search.js rebuilds it.
        public var permalink: String?
        /// Documents are tokenised, and cached, in slices of about 2^sliceBits (`sliceRanges`):
        /// the smallest segments.
        var sliceBits = 3
        /// The highest level of segments (`segmentRanges`): top segments of about
        /// 2^(sliceBits + topLevel) documents, at most `maxSegmentDocuments`.
        var topLevel = 11
        var maxSegmentDocuments = 1 << 16

        public init() {}
    }

    public struct Category: Sendable {
        public var name: String
        public var slug: String
        public var path: String

        public init(name: String, slug: String, path: String) {
            self.name = name
            self.slug = slug
            self.path = path
        }
    }

    public struct Output: Sendable {
        /// Paths relative to the search folder.
        public var files: [OutputFile]
        public var stats: Stats
    }

    public struct Stats: Sendable, CustomStringConvertible {
        public var documents = 0
        public var syllables = 0
        public var pairs = 0
        public var postings = 0
        public var segments = 0
        /// Posting files of all segments: shards and lists of their own.
        public var shards = 0
        public var shardBytes = 0
        public var docBytes = 0
        public var otherBytes = 0
        /// Plain text of the documents (title, terms, summary, body), UTF-8 bytes.
        public var textBytes = 0
        /// Runs of documents tokenised together (`sliceRanges`), and how many of them were
        /// tokenised in this build rather than read from the cache.
        public var slices = 0
        public var tokenisedSlices = 0
        public var totalBytes: Int { shardBytes + docBytes + otherBytes }

        public var description: String {
            let ratio = textBytes > 0 ? Double(totalBytes) / Double(textBytes) * 100 : 0
            return "\(documents) documents in \(segments) segments, \(syllables) syllables, \(pairs) pairs, \(postings) postings; "
                + "\(shards) posting files \(shardBytes) B, docs \(docBytes) B, other \(otherBytes) B, total \(totalBytes) B "
                + "= \(String(format: "%.1f", ratio))% of \(textBytes) B of text; \(tokenisedSlices) of \(slices) slices tokenised"
        }
    }

    static let titleFlag: UInt8 = 1
    static let termsFlag: UInt8 = 2
    static let k1 = 1.2
    static let b = 0.75

    // MARK: - Building

    /// The index of `documents`. With a cache, slices of documents tokenised by an earlier
    /// build are read back instead of tokenised again; the files are the same either way.
    public static func build(_ documents: [SearchDocument], categories: [Category], options: Options = Options(),
                             cache: SearchTokenCache? = nil) -> Output {
        build(documents, categories: categories, options: options, cache: cache, readCache: true)
    }

    private static func build(_ documents: [SearchDocument], categories: [Category], options: Options,
                              cache: SearchTokenCache?, readCache: Bool) -> Output {
        // 1. Tokenise (or read back) slices of documents; 2. group them into segments.
        let (slices, ranges, pathHashes, tokenised) = self.slices(documents, options: options, cache: cache, read: readCache)
        let segmentSlices = segmentRanges(slices: ranges, pathHashes: pathHashes, sliceBits: options.sliceBits,
                                          topLevel: options.topLevel, maxDocuments: options.maxSegmentDocuments)
        // 3. Each segment's files.
        var segments: [Segment] = []
        var stats = Stats()
        for sliceRange in segmentSlices {
            let documentRange = ranges[sliceRange.lowerBound].lowerBound..<ranges[sliceRange.upperBound - 1].upperBound
            guard let postings = try? merge(Array(slices[sliceRange])) else {
                // Only a cached slice whose postings contradict its intact directory gets here:
                // tokenise everything again rather than trust any of them.
                precondition(readCache, "slices tokenised in this build always decode")
                return build(documents, categories: categories, options: options, cache: cache, readCache: false)
            }
            let segment = self.segment(postings, documents: documents[documentRange], slices: slices[sliceRange],
                                       categories: categories, options: options)
            stats.syllables += segment.shards.syllableCount
            stats.pairs += postings.pairKeys.count
            stats.postings += postings.syllables.count + postings.pairs.count
            stats.shards += segment.shards.files.count
            stats.shardBytes += segment.shards.shardBytes
            stats.docBytes += segment.documentBytes
            stats.otherBytes += segment.otherBytes
            stats.textBytes += postings.textBytes
            segments.append(segment)
        }
        // 4. meta.json.
        let metaFile = self.metaFile(documents, categories: categories, segments: segments, options: options)
        stats.documents = documents.count
        stats.segments = segments.count
        stats.otherBytes += metaFile.bytes.count
        stats.slices = slices.count
        stats.tokenisedSlices = tokenised
        return Output(files: [metaFile] + segments.flatMap(\.files), stats: stats)
    }

    /// FNV-1a, 32 bits, of UTF-8 bytes: what search.js computes for a query's syllables and pairs.
    public static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }

    public static func fnv1a(_ text: String) -> UInt32 {
        fnv1a(text.utf8)
    }

    /// Stable LSD radix sort of the high 32 bits.
    static func radixSortByHighWord(_ values: inout [UInt64]) {
        guard values.count > 1 else { return }
        var buffer = [UInt64](repeating: 0, count: values.count)
        for pass in 0..<4 {
            let shift = UInt64(32 + pass * 8)
            var counts = [Int](repeating: 0, count: 257)
            values.withUnsafeBufferPointer { source in
                for value in source { counts[Int((value >> shift) & 0xFF) + 1] += 1 }
            }
            for index in 1..<257 { counts[index] += counts[index - 1] }
            values.withUnsafeBufferPointer { source in
                buffer.withUnsafeMutableBufferPointer { target in
                    for value in source {
                        let bucket = Int((value >> shift) & 0xFF)
                        target[counts[bucket]] = value
                        counts[bucket] += 1
                    }
                }
            }
            swap(&values, &buffer)
        }
    }

    /// Eight lowercase hex digits, as search.js writes a hash.
    static func hex(_ hash: UInt32) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Byte order, the same in every language.
    static func utf8Less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

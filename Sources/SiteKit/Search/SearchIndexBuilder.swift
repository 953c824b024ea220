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
        /// Documents per `docs/<n>.json`: a page of results reads up to one chunk per hit, so smaller
        /// chunks fetch fewer bytes (8: about 24 KB less for the first page at 35,000 articles).
        public var chunkSize = 8
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
        /// Paths relative to the search folder: the files to write, and those of the last build
        /// (`PreviousFiles`) that stay as they are.
        public var files: [OutputFile]
        public var kept: [String] = []
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
    /// build are read back instead of tokenised again; with it and `previous` (the files that
    /// build wrote), a segment none of whose slices changed keeps its files (`Output.kept`), and
    /// one with a few edited slices has only the files they touch patched. The files are the
    /// same either way.
    public static func build(_ documents: [SearchDocument], categories: [Category], options: Options = Options(),
                             cache: SearchTokenCache? = nil, previous: PreviousFiles? = nil) -> Output {
        build(documents, categories: categories, options: options, cache: cache, previous: previous, readCache: true)
    }

    private static func build(_ documents: [SearchDocument], categories: [Category], options: Options,
                              cache: SearchTokenCache?, previous: PreviousFiles?, readCache: Bool) -> Output {
        // 1. Slices of documents; 2. grouped into segments.
        let layout = sliceLayout(documents, options: options, cached: cache != nil)
        let ranges = layout.ranges
        let segmentSlices = segmentRanges(slices: ranges, pathHashes: layout.pathHashes, sliceBits: options.sliceBits,
                                          topLevel: options.topLevel, maxDocuments: options.maxSegmentDocuments)
        let slugs = documents.map { categories.indices.contains($0.category - 1) ? categories[$0.category - 1].slug : "" }
        let sliceSlugs: [UInt64] = cache == nil ? [] : ranges.map { range in
            var hash = ContentHash.of("slugs")
            for slug in slugs[range] { ContentHash.combine(&hash, ContentHash.of(slug)) }
            return hash
        }
        let optionsKey = layoutKey(options)
        func documentRange(_ sliceRange: Range<Int>) -> Range<Int> {
            ranges[sliceRange.lowerBound].lowerBound..<ranges[sliceRange.upperBound - 1].upperBound
        }

        // 3. What each segment needs: nothing (as the last build wrote it), a patch, or a merge of its slices.
        var plans = segmentSlices.map { sliceRange in
            plan(sliceRange, name: segmentName(firstPath: documents[documentRange(sliceRange).lowerBound].path), layout: layout,
                 sliceSlugs: sliceSlugs, optionsKey: optionsKey, cache: readCache ? cache : nil, previous: previous,
                 chunkSize: max(1, options.chunkSize))
        }
        var directories: [Int: SliceCoding.Directory] = [:]
        var tokenised = 0
        func load(_ indices: [Int]) {
            let (loaded, count) = sliceDirectories(indices.filter { directories[$0] == nil }, of: documents, layout: layout,
                                                   options: options, cache: cache, read: readCache)
            directories.merge(loaded) { $1 }
            tokenised += count
        }
        // The slices of patched segments now, in one go (a few each); a merged segment's when it
        // is merged, so that only one segment's slices are held at a time: all of them at once,
        // held while the pages render, were 157 MiB of a clean build's peak at 35,000 articles.
        load(zip(segmentSlices, plans).flatMap { sliceRange, plan -> [Int] in
            guard case .patch(_, let changed, let neighbours) = plan else { return [] }
            return (changed + neighbours).map { sliceRange.lowerBound + $0 }
        })

        // 4. Each segment's files.
        var segments: [Segment] = []
        for (number, sliceRange) in segmentSlices.enumerated() {
            let documentRange = documentRange(sliceRange)
            let segmentSlugs = Array(slugs[documentRange])
            var segment: Segment?
            switch plans[number] {
            case .keep(let record):
                segment = Segment(summary: record.summary, kept: record.files.map(\.path), entries: record.files)
            case .patch(let record, let changed, let neighbours):
                var changes: [SliceChange] = []
                for slice in changed {
                    let key = record.sliceKeys[slice], new = directories[sliceRange.lowerBound + slice]!
                    let old = key == layout.keys[sliceRange.lowerBound + slice] ? nil : cache?.read(key).flatMap { try? SliceCoding.directory($0) }
                    if key != layout.keys[sliceRange.lowerBound + slice] && old == nil { changes = []; break }
                    changes.append(SliceChange(slice: slice, new: new, old: old))
                }
                var around: [Int: SliceCoding.Directory] = [:]
                for slice in neighbours { around[slice] = directories[sliceRange.lowerBound + slice] }
                if !changes.isEmpty, let previous {
                    segment = patch(record, changes: changes, neighbours: around, categorySlugs: segmentSlugs, previous: previous, options: options)
                }
                if segment == nil { plans[number] = .merge }
            case .merge:
                break
            }
            if segment == nil {
                load(Array(sliceRange))
                let slices = sliceRange.map { directories[$0]! }
                guard let postings = try? merge(slices) else {
                    // Only a cached slice whose postings contradict its intact directory gets here:
                    // tokenise everything again rather than trust any of them.
                    precondition(readCache, "slices tokenised in this build always decode")
                    return build(documents, categories: categories, options: options, cache: cache, previous: nil, readCache: false)
                }
                segment = self.segment(postings, documents: documents[documentRange], slices: slices[...],
                                       categorySlugs: segmentSlugs, options: options)
            }
            // The slices of a segment are not needed once it is written.
            for slice in sliceRange { directories[slice] = nil }
            var kept = false
            if case .keep = plans[number] { kept = true }
            if let cache, let segment, !kept {
                let record = SegmentRecord(summary: segment.summary, optionsKey: optionsKey, sliceKeys: Array(layout.keys[sliceRange]),
                                           sliceSlugs: Array(sliceSlugs[sliceRange]), sliceCounts: sliceRange.map { ranges[$0].count },
                                           files: segment.entries)
                cache.write(record.encoded(), key: SegmentRecord.key(name: segment.summary.name))
            }
            segments.append(segment!)
        }
        cache?.removeAll(except: layout.keys + segments.map { SegmentRecord.key(name: $0.summary.name) })

        // 5. meta.json.
        let summaries = segments.map(\.summary)
        let metaFile = self.metaFile(documents, categories: categories, segments: summaries, options: options)
        var stats = Stats()
        for summary in summaries {
            stats.syllables += summary.syllables
            stats.pairs += summary.pairs
            stats.postings += summary.postings
            stats.shards += summary.postingFiles
            stats.shardBytes += summary.shardBytes
            stats.docBytes += summary.documentBytes
            stats.otherBytes += summary.otherBytes
            stats.textBytes += summary.textBytes
        }
        stats.documents = documents.count
        stats.segments = segments.count
        stats.otherBytes += metaFile.bytes.count
        stats.slices = ranges.count
        stats.tokenisedSlices = tokenised
        return Output(files: [metaFile] + segments.flatMap(\.files), kept: segments.flatMap(\.kept), stats: stats)
    }

    /// What a segment needs in this build.
    enum SegmentPlan {
        /// Its files are as the last build wrote them.
        case keep(SegmentRecord)
        /// The slices `changed` (numbered in the segment) have other tokens or categories, and
        /// `neighbours` share a docs chunk with them.
        case patch(SegmentRecord, changed: [Int], neighbours: [Int])
        case merge
    }

    static func plan(_ sliceRange: Range<Int>, name: String, layout: SliceLayout, sliceSlugs: [UInt64], optionsKey: UInt64,
                     cache: SearchTokenCache?, previous: PreviousFiles?, chunkSize: Int) -> SegmentPlan {
        guard let cache, let previous, let bytes = cache.read(SegmentRecord.key(name: name)),
              let record = try? SegmentRecord(decoding: bytes), record.optionsKey == optionsKey, record.summary.name == name,
              record.sliceCounts == sliceRange.map({ layout.ranges[$0].count }) else { return .merge }
        let changed = sliceRange.indices.map { $0 - sliceRange.lowerBound }.filter { slice in
            record.sliceKeys[slice] != layout.keys[sliceRange.lowerBound + slice]
                || record.sliceSlugs[slice] != sliceSlugs[sliceRange.lowerBound + slice]
        }
        if changed.isEmpty {
            return record.files.allSatisfy({ previous.hash($0.path) == $0.hash }) ? .keep(record) : .merge
        }
        // Past a quarter of the segment, merging costs about as much.
        guard changed.count * 4 <= sliceRange.count else { return .merge }
        // The slices sharing a docs chunk with a changed one.
        var starts = [0]
        for count in record.sliceCounts { starts.append(starts.last! + count) }
        var neighbours: Set<Int> = []
        for slice in changed where starts[slice] < starts[slice + 1] {
            let first = starts[slice] / chunkSize * chunkSize, end = ((starts[slice + 1] - 1) / chunkSize + 1) * chunkSize
            for other in record.sliceCounts.indices where (starts[other]..<starts[other + 1]).overlaps(first..<end) { neighbours.insert(other) }
        }
        return .patch(record, changed: changed, neighbours: neighbours.subtracting(changed).sorted())
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
}

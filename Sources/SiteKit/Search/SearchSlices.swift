import Foundation

extension SearchIndexBuilder {
    /// Slices of `documents`, given each one's `ContentHash` of its path. A slice ends after a
    /// document whose hash has its low `bits` zero (about 2^bits documents), or after four times
    /// that many. Boundaries depend on the documents around them only, so editing, adding or
    /// deleting an article changes the one slice it falls into (two when it was a boundary).
    static func sliceRanges(pathHashes: [UInt64], bits: Int) -> [Range<Int>] {
        let mask: UInt64 = (1 << UInt64(bits)) - 1, longest = 4 << bits
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, hash) in pathHashes.enumerated() where hash & mask == 0 || index + 1 - start == longest {
            ranges.append(start..<(index + 1))
            start = index + 1
        }
        if start < pathHashes.count { ranges.append(start..<pathHashes.count) }
        return ranges
    }

    /// Per document, the hash of its path and (with `content`) of everything a slice's bytes
    /// are made from: its fields but the category (numbered site-wide).
    static func documentHashes(_ documents: [SearchDocument], content: Bool) -> [(path: UInt64, content: UInt64)] {
        parallelMap(documents) { document in
            let path = ContentHash.of(document.path)
            guard content else { return (path, 0) }
            var hash = path
            for part in [document.title, document.summary, document.snippet] { ContentHash.combine(&hash, ContentHash.of(part)) }
            ContentHash.combine(&hash, document.body.hash)
            ContentHash.combine(&hash, UInt64(bitPattern: Int64(document.day)))
            ContentHash.combine(&hash, UInt64(document.terms.count))
            for term in document.terms { ContentHash.combine(&hash, ContentHash.of(term)) }
            return (path, hash)
        }
    }

    /// Per slice, a key for its bytes: its documents' hashes, the options of their entries, the format.
    static func sliceKeys(_ hashes: [(path: UInt64, content: UInt64)], ranges: [Range<Int>], options: Options) -> [UInt64] {
        var common = SliceCoding.version
        ContentHash.combine(&common, options.permalink.map { ContentHash.of($0) } ?? 0)
        ContentHash.combine(&common, UInt64(options.snippetLength))
        return ranges.map { range in
            var key = common
            ContentHash.combine(&key, UInt64(range.count))
            for hash in hashes[range] { ContentHash.combine(&key, hash.content) }
            return key
        }
    }

    /// How the documents fall into slices: each one's path hash, the slices' document ranges and,
    /// with a cache, their keys.
    struct SliceLayout {
        var ranges: [Range<Int>]
        var pathHashes: [UInt64]
        var keys: [UInt64]
    }

    static func sliceLayout(_ documents: [SearchDocument], options: Options, cached: Bool) -> SliceLayout {
        let hashes = documentHashes(documents, content: cached)
        let ranges = sliceRanges(pathHashes: hashes.map(\.path), bits: options.sliceBits)
        return SliceLayout(ranges: ranges, pathHashes: hashes.map(\.path), keys: cached ? sliceKeys(hashes, ranges: ranges, options: options) : [])
    }

    /// The directories of the slices `indices`, from the cache where it has an intact copy (unless
    /// `read` is false), else tokenised (and then cached); and how many were tokenised.
    static func sliceDirectories(_ indices: [Int], of documents: [SearchDocument], layout: SliceLayout, options: Options,
                                 cache: SearchTokenCache?, read: Bool = true) -> (directories: [Int: SliceCoding.Directory], tokenised: Int) {
        let ranges = layout.ranges, keys = layout.keys
        var slices: [Int: SliceCoding.Directory] = [:]

        /// Tokenises slices in contiguous batches, each with one tokeniser that learns spellings as it goes.
        func batches(_ indices: [Int]) -> [ArraySlice<Int>] {
            let count = min(indices.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
            return (0..<count).map { indices[(indices.count * $0 / count)..<(indices.count * ($0 + 1) / count)] }
        }
        func tokenise(_ batch: ArraySlice<Int>) -> [SliceCoding.Directory] {
            var tokeniser = Tokeniser()
            return batch.map { index in
                let range = ranges[index]
                let bytes = SliceCoding.encode(tokeniser.tokenise(documents[range]),
                                               entries: documents[range].map { documentEntry($0, options: options) })
                if let cache { cache.write(bytes, key: keys[index]) }
                // What was just encoded always reads back.
                return try! SliceCoding.directory(bytes)
            }
        }
        // Slices the cache seems to have are read while the others are tokenised.
        let seemCached = cache.map { cache in Set(indices.filter { read && cache.contains(keys[$0]) }) } ?? []
        let missing = indices.filter { !seemCached.contains($0) }
        enum Task { case tokenise(ArraySlice<Int>), read(Int) }
        let tasks = batches(missing).map(Task.tokenise) + seemCached.sorted().map(Task.read)
        for result in parallelMap(tasks, { task -> [(Int, SliceCoding.Directory?)] in
            switch task {
            case .tokenise(let batch): return Array(zip(batch, tokenise(batch).map(Optional.some)))
            case .read(let index): return [(index, cache.flatMap { $0.read(keys[index]) }.flatMap { try? SliceCoding.directory($0) })]
            }
        }) {
            for (index, directory) in result { slices[index] = directory }
        }
        // Damaged or foreign files: tokenised after all.
        let unread = indices.filter { slices[$0] == nil }
        for (batch, directories) in zip(batches(unread), parallelMap(batches(unread), tokenise)) {
            for (index, directory) in zip(batch, directories) { slices[index] = directory }
        }
        return (slices, missing.count + unread.count)
    }
}

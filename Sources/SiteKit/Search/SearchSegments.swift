extension SearchIndexBuilder {
    /// The index is cut into segments, runs of whole slices, each written on its own below
    /// `s/<name>/` (its shards, documents, categories and lengths), as Lucene keeps segments: a
    /// new article lands in the newest, small segment, and an old segment is rewritten only when
    /// segments merge or one of its own articles changes.
    ///
    /// The layout is a function of the documents alone, not of the build history, so a cached
    /// build, an incremental one and a clean one write the same files. It is a log-structured
    /// merge whose tiers are content-defined: a slice's level is the number of trailing zero
    /// bits of its last document's path hash above the slice bits (capped at `topLevel`), so each
    /// level's boundaries are rarer by half than the one below. The segments are the complete
    /// chunks of the top level, then, in what follows the last top boundary, the complete chunks
    /// of the level below, and so on down to single slices. Appending an article changes the
    /// newest slice (one small segment); when it closes a chunk of level k, the segments after
    /// the previous boundary of level k merge into one, which happens every 2^k slices or so:
    /// about two segments a level, O(log N) in all, and each article is rewritten O(log N)
    /// times over its life. Editing an article rewrites only the files of its segment whose
    /// lists changed. A top chunk is also cut after `maxDocuments`, so that a segment's document
    /// numbers fit their postings (`documentShift`).
    static func segmentRanges(slices: [Range<Int>], pathHashes: [UInt64], sliceBits: Int, topLevel: Int,
                              maxDocuments: Int) -> [Range<Int>] {
        let mask: UInt64 = (1 << UInt64(sliceBits)) - 1
        let levels = slices.map { range -> Int in
            let hash = pathHashes[range.upperBound - 1]
            guard hash & mask == 0 else { return 0 }  // cut by length, or the newest slice still open
            return min(topLevel, (hash >> UInt64(sliceBits)).trailingZeroBitCount)
        }
        var segments: [Range<Int>] = []
        var start = 0
        var level = topLevel
        while start < slices.count {
            // Complete chunks of `level` from `start`; what is left goes one level down.
            var first = start, documents = 0
            for slice in start..<slices.count {
                documents += slices[slice].count
                if levels[slice] >= level || (level == topLevel && documents >= maxDocuments) {
                    segments.append(first..<(slice + 1))
                    first = slice + 1
                    documents = 0
                }
            }
            start = first
            level -= 1
        }
        return segments
    }

    /// A segment's folder name: the hash of its first document's path, so that the newest segment
    /// keeps its name while it grows, and a merged one takes the name of its oldest part.
    static func segmentName(firstPath: String) -> String {
        let digits = String(ContentHash.of(firstPath), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension SearchIndexBuilder {
    /// The files of the segment of `documents`, from all its slices merged into `postings`.
    static func segment(_ postings: Postings, documents: ArraySlice<SearchDocument>, slices: ArraySlice<SliceCoding.Directory>,
                        categorySlugs slugs: [String], options: Options) -> Segment {
        let name = segmentName(firstPath: documents.first!.path)
        let shards = self.shards(postings, options: options)
        var first = 0
        let located = slices.map { slice in
            defer { first += slice.documentCount }
            return (first: first, directory: slice)
        }
        let chunkSize = max(1, options.chunkSize)
        let docFiles = documentFiles(slugs, slices: located, chunks: Array(0..<((slugs.count + chunkSize - 1) / chunkSize)),
                                     chunkSize: chunkSize)
        let others = [categoryFile(slugs), lengthsFile(postings.lengths)]
        var files = shards.files + docFiles + others
        for index in files.indices { files[index].path = "s/\(name)/" + files[index].path }
        var summary = SegmentSummary(name: name, documentCount: documents.count, shardCount: shards.shardCount,
                                     largeSyllables: shards.largeSyllables, largePairs: shards.largePairs,
                                     collisionHashes: shards.collisionHashes, smallBits: shards.smallBits,
                                     totalLength: shards.totalLength, syllables: shards.syllableCount,
                                     pairs: postings.pairKeys.count, postings: postings.exactForms.count + postings.pairKeys.count,
                                     textBytes: postings.textBytes, postingFiles: shards.files.count, shardBytes: shards.shardBytes,
                                     documentBytes: docFiles.reduce(0) { $0 + $1.bytes.count },
                                     otherBytes: others.reduce(0) { $0 + $1.bytes.count })
        let hashes = parallelMap(files) { ContentHash.of($0.bytes) }
        summary.version = version(name: name, fileHashes: hashes)
        return Segment(summary: summary, files: files, kept: [],
                       entries: zip(files, hashes).map { (path: $0.path, hash: $1, size: $0.bytes.count) })
    }

    /// A segment's `version`: its name and its files' hashes, in order.
    static func version(name: String, fileHashes: [UInt64]) -> UInt64 {
        var version = ContentHash.of(name)
        for hash in fileHashes { ContentHash.combine(&version, hash) }
        return version
    }

    /// `lengths.bin`: each document's length in syllables, as varints.
    static func lengthsFile(_ lengths: [Int32]) -> OutputFile {
        var writer = VarintWriter()
        for length in lengths { writer.varint(UInt64(max(0, length))) }
        return OutputFile(path: "lengths.bin", bytes: writer.bytes)
    }
}

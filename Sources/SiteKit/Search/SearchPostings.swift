import Foundation

extension SearchIndexBuilder {
    /// A segment's slices merged: one list per syllable (by exact form) and per pair key, in
    /// document order (numbered from 0 in the segment), each posting
    /// `document << 14 | flags << 12 | min(tf, 4095)` (`packed`); a pair's flags are 1 when it
    /// is in the title or a term.
    struct Postings {
        var documentCount = 0
        var textBytes = 0
        /// Each document's length in syllables, for BM25's length normalisation at query time.
        var lengths: [Int32] = []
        var exactForms: [String] = []
        /// Where each exact form's list starts in `syllables`; one more at the end.
        var syllableStarts: [Int] = [0]
        var syllables: [UInt32] = []
        /// Ascending, with where each key's list starts in `pairs`; one more at the end.
        var pairKeys: [UInt32] = []
        var pairStarts: [Int] = [0]
        var pairs: [UInt32] = []

        func syllableList(_ id: Int) -> ArraySlice<UInt32> { syllables[syllableStarts[id]..<syllableStarts[id + 1]] }
        func pairList(_ group: Int) -> ArraySlice<UInt32> { pairs[pairStarts[group]..<pairStarts[group + 1]] }
    }

    static let documentShift: UInt32 = 14
    static let tfMask: UInt32 = 0xFFF

    @inline(__always)
    static func packed(document: UInt32, tf: UInt32, flags: UInt32) -> UInt32 {
        document << documentShift | (flags & 3) << 12 | min(tf, tfMask)
    }

    /// Merges slices, given in document order: each term's list is its slices' lists one after
    /// the other. In parallel, each task writing its own places of the merged lists: the words
    /// of one slice, or the pairs of one key range of every slice (so that its writes stay
    /// within a cache-sized part of the lists).
    static func merge(_ slices: [SliceCoding.Directory]) throws(VarintReader.Corrupt) -> Postings {
        var postings = Postings()
        var firstDocuments: [Int] = []
        for slice in slices {
            firstDocuments.append(postings.documentCount)
            postings.documentCount += slice.documentCount
            postings.textBytes += slice.textBytes
            postings.lengths += slice.lengths
        }
        guard postings.documentCount < 1 << (32 - Int(documentShift)) else { throw VarintReader.Corrupt() }

        // Syllables: one id per exact form, in order of first use.
        var ids: [String: Int32] = [:]
        var sliceIDs: [[Int32]] = []
        var sizes: [Int] = []
        for slice in slices {
            var local = [Int32](repeating: 0, count: slice.words.count)
            for (index, word) in slice.words.enumerated() {
                let id: Int32
                if let known = ids[word] {
                    id = known
                } else {
                    id = Int32(postings.exactForms.count)
                    ids[word] = id
                    postings.exactForms.append(word)
                    sizes.append(0)
                }
                local[index] = id
                sizes[Int(id)] += Int(slice.counts[index])
            }
            sliceIDs.append(local)
        }
        ids = [:]
        postings.syllableStarts.reserveCapacity(sizes.count + 1)
        for size in sizes { postings.syllableStarts.append(postings.syllableStarts.last! + size) }
        var next = postings.syllableStarts
        let wordTargets = zip(slices, sliceIDs).map { slice, local in
            local.indices.map { index in
                defer { next[Int(local[index])] += Int(slice.counts[index]) }
                return next[Int(local[index])]
            }
        }
        next = []

        // Pairs: where each key range's lists start.
        let ranges = SliceCoding.pairRanges
        var rangeStarts = [Int](repeating: 0, count: ranges + 1)
        for slice in slices {
            for range in 0..<ranges {
                for pair in slice.rangeFirstPairs[range]..<slice.rangeFirstPairs[range + 1] {
                    rangeStarts[range + 1] += Int(slice.counts[slice.words.count + pair])
                }
            }
        }
        for range in 0..<ranges { rangeStarts[range + 1] += rangeStarts[range] }

        let syllableCount = postings.syllableStarts.last!, pairCount = rangeStarts[ranges]
        var results: [MergedRun?] = []
        postings.syllables = [UInt32](unsafeUninitializedCapacity: syllableCount) { syllableBuffer, syllablesInitialized in
            postings.pairs = [UInt32](unsafeUninitializedCapacity: pairCount) { pairBuffer, pairsInitialized in
                nonisolated(unsafe) let syllableOutput = syllableBuffer, pairOutput = pairBuffer
                results = parallelMap(Array(0..<(slices.count + ranges))) { task -> MergedRun? in
                    if task < slices.count {
                        return try? mergeWords(slices[task], firstDocument: firstDocuments[task],
                                               targets: wordTargets[task], into: syllableOutput)
                    }
                    return try? mergePairs(range: task - slices.count, of: slices, firstDocuments: firstDocuments,
                                           start: rangeStarts[task - slices.count], into: pairOutput)
                }
                // Trivial values: on failure the lists are thrown away unread.
                pairsInitialized = pairCount
            }
            syllablesInitialized = syllableCount
        }
        for result in results {
            guard let result else { throw VarintReader.Corrupt() }
            postings.pairKeys += result.pairKeys
            postings.pairStarts += result.pairEnds
        }
        return postings
    }

    /// What one task of the merge found besides the postings it wrote.
    private struct MergedRun {
        /// Pair keys in order, and where each one's list ends.
        var pairKeys: [UInt32] = []
        var pairEnds: [Int] = []
    }

    /// A slice's word postings, each word's to its place in the merged lists.
    private static func mergeWords(_ slice: SliceCoding.Directory, firstDocument: Int, targets: [Int],
                                   into output: UnsafeMutableBufferPointer<UInt32>) throws(VarintReader.Corrupt) -> MergedRun {
        try slice.bytes.withUnsafeBufferPointer { (buffer) throws(VarintReader.Corrupt) in
            var reader = SliceCoding.PostingReader(buffer, run: slice.wordPostings, documents: slice.documentCount)
            for (word, target) in targets.enumerated() {
                try decode(&reader, count: Int(slice.counts[word]), plain: slice.plain[word], firstDocument: firstDocument, isPair: false,
                           into: output.baseAddress! + target)
            }
            guard reader.isComplete else { throw VarintReader.Corrupt() }
        }
        return MergedRun()
    }

    /// The pairs of one key range of every slice: grouped by key (a stable sort keeps each key's
    /// slices in order), then their postings from `start` on.
    private static func mergePairs(range: Int, of slices: [SliceCoding.Directory], firstDocuments: [Int],
                                   start: Int, into output: UnsafeMutableBufferPointer<UInt32>) throws(VarintReader.Corrupt) -> MergedRun {
        var order: [UInt64] = []
        var counts: [Int32] = []
        var plain: [Bool] = []
        // Slices are read in place (`slices[s].…`) rather than bound to a name: a copy of a
        // directory retains each of its arrays, for every slice in each of the 64 ranges.
        for s in slices.indices {
            let words = slices[s].words.count
            for pair in slices[s].rangeFirstPairs[range]..<slices[s].rangeFirstPairs[range + 1] {
                order.append(UInt64(slices[s].pairKeys[pair]) << 32 | UInt64(order.count))
                counts.append(slices[s].counts[words + pair])
                plain.append(slices[s].plain[words + pair])
            }
        }
        radixSortByHighWord(&order)
        var result = MergedRun()
        var targets = [Int](repeating: 0, count: order.count)
        var position = start
        for entry in order {
            let key = UInt32(entry >> 32)
            if result.pairKeys.last != key {
                if !result.pairKeys.isEmpty { result.pairEnds.append(position) }
                result.pairKeys.append(key)
            }
            let index = Int(UInt32(truncatingIfNeeded: entry))
            targets[index] = position
            position += Int(counts[index])
        }
        if !result.pairKeys.isEmpty { result.pairEnds.append(position) }

        var index = 0
        for sliceIndex in slices.indices {
            let run = slices[sliceIndex].rangePostings[range], documents = slices[sliceIndex].documentCount
            let pairs = slices[sliceIndex].rangeFirstPairs[range + 1] - slices[sliceIndex].rangeFirstPairs[range]
            try slices[sliceIndex].bytes.withUnsafeBufferPointer { (buffer) throws(VarintReader.Corrupt) in
                var reader = SliceCoding.PostingReader(buffer, run: run, documents: documents)
                for _ in 0..<pairs {
                    try decode(&reader, count: Int(counts[index]), plain: plain[index], firstDocument: firstDocuments[sliceIndex], isPair: true,
                               into: output.baseAddress! + targets[index])
                    index += 1
                }
                guard reader.isComplete else { throw VarintReader.Corrupt() }
            }
        }
        return result
    }

    /// One term's postings of one slice, packed (`packed`).
    @inline(__always)
    private static func decode(_ reader: inout SliceCoding.PostingReader, count: Int, plain: Bool, firstDocument: Int, isPair: Bool,
                               into output: UnsafeMutablePointer<UInt32>) throws(VarintReader.Corrupt) {
        reader.startTerm()
        let first = UInt32(firstDocument)
        for offset in 0..<count {
            let (document, tf, flags) = try reader.next(plain: plain)
            output[offset] = packed(document: first + UInt32(document), tf: tf, flags: isPair ? (flags != 0 ? 1 : 0) : flags)
        }
    }
}

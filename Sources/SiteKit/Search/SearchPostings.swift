import Foundation

extension SearchIndexBuilder {
    /// Every slice's postings merged: one list per syllable (by exact form) and per pair key,
    /// in document order, each posting `document << 6 | impact` (syllables) or
    /// `document << 3 | impact` (pairs). See `SearchIndexBuilder` for the impacts.
    struct Postings {
        var documentCount = 0
        var textBytes = 0
        var exactForms: [String] = []
        /// Where each exact form's list starts in `syllables`; one more at the end.
        var syllableStarts: [Int] = [0]
        var syllables: [UInt32] = []
        /// Ascending, with where each key's list starts in `pairs`; one more at the end.
        var pairKeys: [UInt32] = []
        var pairStarts: [Int] = [0]
        var pairs: [UInt32] = []
        /// How often each impact occurs, for the prefix codes.
        var syllableFrequencies = [Int](repeating: 0, count: 1 << syllableImpactBits)
        var pairFrequencies = [Int](repeating: 0, count: 1 << pairImpactBits)

        func syllableList(_ id: Int) -> ArraySlice<UInt32> { syllables[syllableStarts[id]..<syllableStarts[id + 1]] }
        func pairList(_ group: Int) -> ArraySlice<UInt32> { pairs[pairStarts[group]..<pairStarts[group + 1]] }
    }

    /// Merges slices, given in document order: each term's list is its slices' lists one after
    /// the other. In parallel, each task writing its own places of the merged lists: the words
    /// of one slice, or the pairs of one key range of every slice (so that its writes stay
    /// within a cache-sized part of the lists).
    static func merge(_ slices: [SliceCoding.Directory]) throws(VarintReader.Corrupt) -> Postings {
        var postings = Postings()
        var firstDocuments: [Int] = []
        var totalLength = 0
        for slice in slices {
            firstDocuments.append(postings.documentCount)
            postings.documentCount += slice.documentCount
            postings.textBytes += slice.textBytes
            totalLength += slice.lengths.reduce(0) { $0 + Int($1) }
        }
        let averageLength = max(1, Double(totalLength) / Double(max(1, postings.documentCount)))
        let impacts = ImpactTable(lengths: slices.flatMap(\.lengths), averageLength: averageLength)

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
                        return try? mergeWords(slices[task], impacts: impacts, firstDocument: firstDocuments[task],
                                               targets: wordTargets[task], into: syllableOutput)
                    }
                    return try? mergePairs(range: task - slices.count, of: slices, impacts: impacts, firstDocuments: firstDocuments,
                                           start: rangeStarts[task - slices.count], into: pairOutput)
                }
                // Trivial values: on failure the lists are thrown away unread.
                pairsInitialized = pairCount
            }
            syllablesInitialized = syllableCount
        }
        for result in results {
            guard let result else { throw VarintReader.Corrupt() }
            for (index, count) in result.syllableFrequencies.enumerated() { postings.syllableFrequencies[index] += count }
            for (index, count) in result.pairFrequencies.enumerated() { postings.pairFrequencies[index] += count }
            postings.pairKeys += result.pairKeys
            postings.pairStarts += result.pairEnds
        }
        return postings
    }

    /// What one task of the merge found besides the postings it wrote.
    private struct MergedRun {
        var syllableFrequencies: [Int] = []
        var pairFrequencies: [Int] = []
        /// Pair keys in order, and where each one's list ends.
        var pairKeys: [UInt32] = []
        var pairEnds: [Int] = []
    }

    /// A slice's word postings with their impacts, each word's to its place in the merged lists.
    private static func mergeWords(_ slice: SliceCoding.Directory, impacts: ImpactTable, firstDocument: Int, targets: [Int],
                                   into output: UnsafeMutableBufferPointer<UInt32>) throws(VarintReader.Corrupt) -> MergedRun {
        var counts = ImpactCounts(bits: syllableImpactBits)
        try slice.bytes.withUnsafeBufferPointer { (buffer) throws(VarintReader.Corrupt) in
            var reader = SliceCoding.PostingReader(buffer, run: slice.wordPostings, documents: slice.documentCount)
            for (word, target) in targets.enumerated() {
                try decode(&reader, count: Int(slice.counts[word]), plain: slice.plain[word], firstDocument: firstDocument, isPair: false, impacts: impacts,
                           counts: &counts, into: output.baseAddress! + target)
            }
            guard reader.isComplete else { throw VarintReader.Corrupt() }
        }
        return MergedRun(syllableFrequencies: counts.totals)
    }

    /// The pairs of one key range of every slice: grouped by key (a stable sort keeps each key's
    /// slices in order), then their postings with their impacts from `start` on.
    private static func mergePairs(range: Int, of slices: [SliceCoding.Directory], impacts: ImpactTable, firstDocuments: [Int],
                                   start: Int, into output: UnsafeMutableBufferPointer<UInt32>) throws(VarintReader.Corrupt) -> MergedRun {
        var order: [UInt64] = []
        var counts: [Int32] = []
        var plain: [Bool] = []
        for slice in slices {
            for pair in slice.rangeFirstPairs[range]..<slice.rangeFirstPairs[range + 1] {
                order.append(UInt64(slice.pairKeys[pair]) << 32 | UInt64(order.count))
                counts.append(slice.counts[slice.words.count + pair])
                plain.append(slice.plain[slice.words.count + pair])
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

        var impactCounts = ImpactCounts(bits: pairImpactBits)
        var index = 0
        for (sliceIndex, slice) in slices.enumerated() {
            try slice.bytes.withUnsafeBufferPointer { (buffer) throws(VarintReader.Corrupt) in
                var reader = SliceCoding.PostingReader(buffer, run: slice.rangePostings[range], documents: slice.documentCount)
                let pairs = slice.rangeFirstPairs[range + 1] - slice.rangeFirstPairs[range]
                for _ in 0..<pairs {
                    try decode(&reader, count: Int(counts[index]), plain: plain[index], firstDocument: firstDocuments[sliceIndex], isPair: true,
                               impacts: impacts, counts: &impactCounts, into: output.baseAddress! + targets[index])
                    index += 1
                }
                guard reader.isComplete else { throw VarintReader.Corrupt() }
            }
        }
        result.pairFrequencies = impactCounts.totals
        return result
    }

    /// One term's postings of one slice, as `document << 6 | impact` (words) or `document << 3 | impact` (pairs).
    @inline(__always)
    private static func decode(_ reader: inout SliceCoding.PostingReader, count: Int, plain: Bool, firstDocument: Int, isPair: Bool,
                               impacts: borrowing ImpactTable, counts: inout ImpactCounts,
                               into output: UnsafeMutablePointer<UInt32>) throws(VarintReader.Corrupt) {
        reader.startTerm()
        let first = UInt32(firstDocument), shift: UInt32 = isPair ? 3 : 6
        for offset in 0..<count {
            let (document, tf, flags) = try reader.next(plain: plain)
            let global = first + UInt32(document)
            let impact = impacts.impact(Int(global), tf, flags, isPair: isPair)
            counts.add(impact, turn: offset)
            output[offset] = global << shift | impact
        }
    }

    /// How often each impact occurs. Four counts per impact, used in turn: consecutive postings
    /// mostly share an impact, and one counter would make each increment wait for the last.
    private struct ImpactCounts {
        private var counts: [Int]

        init(bits: Int) { counts = [Int](repeating: 0, count: 4 << bits) }

        @inline(__always)
        mutating func add(_ impact: UInt32, turn: Int) { counts[Int(impact) &* 4 &+ turn & 3] += 1 }

        var totals: [Int] { stride(from: 0, to: counts.count, by: 4).map { counts[$0] + counts[$0 + 1] + counts[$0 + 2] + counts[$0 + 3] } }
    }

    /// Impacts by document, tf and flags: BM25's saturated term frequency (k1 1.2, b 0.75)
    /// quantised, with the title and terms flags. The levels of small tfs, most postings, are
    /// looked up: 8 bytes a document, so that the whole archive's stay in cache.
    struct ImpactTable {
        static let smallTF: UInt32 = 8
        private var norms: [Double] = []
        /// Per document, the body levels of tf 0–7: syllables' in 4 bits each, then pairs' in 2.
        private var levels: [UInt64] = []

        init(lengths: [Int32], averageLength: Double) {
            norms.reserveCapacity(lengths.count)
            levels.reserveCapacity(lengths.count)
            for length in lengths {
                let norm = k1 * (1 - b + b * Double(length) / averageLength)
                norms.append(norm)
                var packed: UInt64 = 0
                for tf in 0..<Self.smallTF {
                    packed |= UInt64(Self.bodyLevel(tf: tf, norm: norm, levels: 15)) << UInt64(4 * tf)
                    packed |= UInt64(Self.bodyLevel(tf: tf, norm: norm, levels: 3)) << UInt64(32 + 2 * tf)
                }
                levels.append(packed)
            }
        }

        @inline(__always)
        func impact(_ document: Int, _ tf: UInt32, _ flags: UInt32, isPair: Bool) -> UInt32 {
            let level = tf < Self.smallTF
                ? UInt32(truncatingIfNeeded: isPair ? levels[document] >> UInt64(32 + 2 * tf) & 3 : levels[document] >> UInt64(4 * tf) & 15)
                : Self.bodyLevel(tf: tf, norm: norms[document], levels: isPair ? 3 : 15)
            return isPair ? (flags != 0 ? 1 : 0) << 2 | level : (flags & UInt32(titleFlag)) << 5 | (flags & UInt32(termsFlag)) << 3 | level
        }

        /// `levels` steps of tf · (k1 + 1) / (tf + norm), norm being k1 · (1 − b + b · length / average
        /// length); 0 only for tf 0.
        static func bodyLevel(tf: UInt32, norm: Double, levels: Double) -> UInt32 {
            guard tf > 0 else { return 0 }
            let f = Double(tf)
            let saturated = f * (k1 + 1) / (f + norm)
            return UInt32(max(1, min(levels, (saturated / (k1 + 1) * levels).rounded())))
        }
    }
}

extension SearchIndexBuilder {
    /// A segment's posting files: lists too big for a shard in files of their own, the rest in a
    /// power of two of shards (see `SearchIndexBuilder` for the format). Everything here comes from
    /// the segment's own postings, so a file whose lists did not change keeps its bytes.
    struct Shards {
        var files: [OutputFile] = []
        var shardCount = 1
        /// Folded syllables and pair keys with files of their own, in the order meta.json lists them.
        var largeSyllables: [String] = []
        var largePairs: [UInt32] = []
        /// Distinct folded syllables.
        var syllableCount = 0
        var shardBytes = 0
        /// The segment's documents' lengths added up.
        var totalLength = 0
        /// What chose the files (kept so that a patch can tell when an edit would choose others):
        /// the estimated bits of everything in the shards, and the hashes of lists too big for a
        /// shard that stay in one because another syllable shares their hash.
        var smallBits = 0
        var collisionHashes: [UInt32] = []
    }

    static func shards(_ postings: Postings, options: Options) -> Shards {
        let documentCount = postings.documentCount
        var result = Shards()
        result.totalLength = postings.lengths.reduce(0) { $0 + Int($1) }

        // Spellings by folded form.
        let foldedForms = parallelMap(postings.exactForms) { SearchText.folded($0) }
        var spellings: [String: [Int32]] = [:]
        for (id, folded) in foldedForms.enumerated() { spellings[folded, default: []].append(Int32(id)) }
        result.syllableCount = spellings.count

        // Lists too big for a shard get a file of their own (named by the hash, listed in
        // meta.json), so that a query for common words does not fetch whole crowded shards.
        let largeBits = options.largeListBytes * 8
        var smallSyllableBits = 0
        var largeSyllables: [String] = []
        var smallSyllableHashes: Set<UInt32> = []
        let foldedKeys = spellings.keys.sorted(by: ByteOrder.less)
        let syllableBits = parallelMap(foldedKeys) { folded in
            syllableCost(folded, spellings: spellings[folded]!.map { (postings.exactForms[Int($0)], postings.syllableList(Int($0))) },
                         documents: documentCount)
        }
        for (folded, bits) in zip(foldedKeys, syllableBits) {
            if bits > largeBits { largeSyllables.append(folded) } else { smallSyllableBits += bits; smallSyllableHashes.insert(fnv1a(folded)) }
        }
        // A large syllable whose hash another syllable shares stays in its shard (search.js looks
        // for a syllable in its own file when its hash is listed).
        var largeHashes: [UInt32: String] = [:]
        for folded in largeSyllables {
            let hash = fnv1a(folded)
            if smallSyllableHashes.contains(hash) || largeHashes[hash] != nil {
                smallSyllableHashes.insert(hash)
                result.collisionHashes.append(hash)
            } else {
                largeHashes[hash] = folded
            }
        }
        result.largeSyllables = largeHashes.keys.sorted().map { largeHashes[$0]! }
        let largeSet = Set(result.largeSyllables)
        let groupCount = postings.pairKeys.count
        let pairBits = parallelMap(Array(stride(from: 0, to: groupCount, by: 4096))) { first in
            (first..<min(first + 4096, groupCount)).map { group in
                pairCost(postings.pairList(group), documents: documentCount)
            }
        }.joined()
        var smallPairBits = 0
        var isLargePair = [Bool](repeating: false, count: groupCount)
        for (group, bits) in pairBits.enumerated() {
            if bits > largeBits {
                isLargePair[group] = true
                result.largePairs.append(postings.pairKeys[group])
            } else {
                smallPairBits += bits
            }
        }

        // Shards: a power of two of them, from the size of what they hold.
        var shardCount = 1
        while shardCount < options.maxShards, shardCount * options.targetShardBytes * 8 < smallSyllableBits + smallPairBits { shardCount *= 2 }
        result.shardCount = shardCount
        result.smallBits = smallSyllableBits + smallPairBits
        let shardBits = shardCount.trailingZeroBitCount
        var shardSyllables = [[String]](repeating: [], count: shardCount)
        for folded in foldedKeys where !largeSet.contains(folded) {
            shardSyllables[Int(fnv1a(folded) & UInt32(shardCount - 1))].append(folded)
        }
        var shardPairs = [[Int]](repeating: [], count: shardCount)
        for group in 0..<groupCount where !isLargePair[group] {
            shardPairs[Int(postings.pairKeys[group] & UInt32(shardCount - 1))].append(group)
        }

        /// A posting file's lists: its syllables (in byte order) and pairs.
        func file(syllables: [String], pairs: [Int]) -> ShardFile {
            var file = ShardFile()
            for folded in syllables {
                let ids = spellings[folded]!.sorted { ByteOrder.less(postings.exactForms[Int($0)], postings.exactForms[Int($1)]) }
                file.syllables.append((folded, ids.map { (postings.exactForms[Int($0)], postings.syllableList(Int($0))) }))
            }
            file.pairs = pairs.map { (postings.pairKeys[$0], postings.pairList($0)) }
            return file
        }
        func encode(syllables: [String], pairs: [Int]) -> [UInt8] {
            file(syllables: syllables, pairs: pairs).encoded(shardBits: shardBits, documents: documentCount)
        }

        let shardFiles: [OutputFile] = parallelMap(Array(0..<shardCount)) { shard in
            OutputFile(path: "index/\(shard).bin", bytes: encode(syllables: shardSyllables[shard], pairs: shardPairs[shard]))
        }
        var largeGroups: [Int] = []
        for group in 0..<groupCount where isLargePair[group] { largeGroups.append(group) }
        let largeFiles: [OutputFile] = parallelMap(result.largeSyllables.map { (fnv1a($0), [$0], [Int]()) }
            + largeGroups.map { (postings.pairKeys[$0], [String](), [$0]) }) { entry in
            let (hash, syllables, pairs) = entry
            return OutputFile(path: "index/\(syllables.isEmpty ? "p" : "w")\(hex(hash)).bin", bytes: encode(syllables: syllables, pairs: pairs))
        }
        result.files = shardFiles + largeFiles
        result.shardBytes = result.files.reduce(0) { $0 + $1.bytes.count }
        return result
    }

    /// gamma(df), then per posting rice(gap − 1, k) and its value (`PostingCode`).
    static func writeList(_ postings: ArraySlice<UInt32>, documents: Int, into bits: inout BitWriter) {
        bits.gamma(UInt64(postings.count))
        let k = BitWriter.riceParameter(space: documents, count: postings.count)
        var previous: Int64 = -1
        for posting in postings {
            let doc = Int64(posting >> documentShift)
            bits.rice(UInt64(doc - previous - 1), k: k)
            PostingCode.write(flags: posting >> 12 & 3, tf: posting & tfMask, into: &bits)
            previous = doc
        }
    }

    /// What a syllable's lists weigh in a shard (its header line included), to size the shards.
    static func syllableCost(_ folded: String, spellings: [(exact: String, list: ArraySlice<UInt32>)], documents: Int) -> Int {
        var bits = (folded.utf8.count + 1) * 8
        for spelling in spellings { bits += listBits(spelling.list, documents: documents) + (spelling.exact.utf8.count + 1) * 8 }
        return bits
    }

    static func pairCost(_ list: ArraySlice<UInt32>, documents: Int) -> Int {
        14 + listBits(list, documents: documents)
    }

    static func listBits(_ postings: ArraySlice<UInt32>, documents: Int) -> Int {
        var total = BitWriter.gammaBits(UInt64(postings.count))
        let k = BitWriter.riceParameter(space: documents, count: postings.count)
        var previous: Int64 = -1
        for posting in postings {
            let doc = Int64(posting >> documentShift)
            total += BitWriter.riceBits(UInt64(doc - previous - 1), k: k) + PostingCode.cost(flags: posting >> 12 & 3, tf: posting & tfMask)
            previous = doc
        }
        return total
    }
}

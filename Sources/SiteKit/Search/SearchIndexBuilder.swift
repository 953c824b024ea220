import Dispatch
import Foundation

/// One article as search sees it. Documents are numbered in the order given, oldest first, so
/// that a new article appends to the index instead of renumbering it.
public struct SearchDocument: Sendable {
    public var title: String
    /// URL path below the site root ("2023/08/slug/").
    public var path: String
    /// The date in the site's time zone, as yyyymmdd.
    public var day: Int
    /// 1-based index into the index's categories; 0 for none.
    public var category: Int
    /// Tags, categories and authors: matched like the title, boosted less.
    public var terms: [String]
    /// An editor's summary, searched like the body (a summary taken from the lead paragraph is already in the body).
    public var summary: String
    public var bodyHTML: String
    /// Shown under the title in the results.
    public var snippet: String

    public init(title: String, path: String, day: Int, category: Int = 0, terms: [String] = [], summary: String = "",
                bodyHTML: String, snippet: String = "") {
        self.title = title
        self.path = path
        self.day = day
        self.category = category
        self.terms = terms
        self.summary = summary
        self.bodyHTML = bodyHTML
        self.snippet = snippet
    }
}

/// Builds the static search index: postings sharded by token hash, document metadata in chunks.
///
/// Files (below the search folder, e.g. `tim-kiem/`), all deterministic:
/// - `meta.json`: `docs`, `shards` (a power of two), `chunk`, `pageSize`, `version` (a hash of the
///   index, appended as `?v=` to the other files' URLs so caches never mix two builds), `permalink`,
///   `large` (hashes of the syllables `w` and pairs `p` with files of their own), `impacts` (code
///   lengths of the two impact codes), `years` (`[year, first doc, count]`), `categories`
///   (`[name, slug, path]`), `catWidth`.
/// - `index/<n>.bin`: shard n. A 4-byte big-endian length, then that many bytes of UTF-8 lines
///   (`folded` or `folded\texact1\texact2…`: the syllables of the shard and their spellings),
///   then a bit stream (`BitWriter`): a posting list per spelling, in line order; then
///   gamma(pairs + 1) and per pair `rice(key − previous key, kp)` and its posting list. A pair's
///   key is FNV-1a-32 of "folded folded" shifted right by log2(shards); the low bits chose the
///   shard; a syllable's shard is FNV-1a-32 of its folded form, low bits.
/// - `index/w<hash>.bin`, `index/p<hash>.bin`: the same format holding one syllable or one pair
///   whose lists are larger than `largeListBytes` (the most common words), so that a query for
///   them does not also fetch a crowded shard.
/// - A posting list: gamma(df), then per document rice(gap − 1, k) and its impact, where
///   k = `BitWriter.riceParameter(space: docs, count: df)`. A syllable's impact is 6 bits
///   (title · terms · body level 0–15), a pair's 3 bits (title or terms · body level 0–3), each
///   written with a prefix code fitted to the archive (`PrefixCode`, lengths in meta.json).
///   The body level is BM25's saturated term frequency (k1 1.2, b 0.75), quantised.
/// - `docs/<n>.json`: documents n·chunk ..< (n+1)·chunk as `[title, path, yyyymmdd, category, snippet]`;
///   `path` is 0 when it is `permalink` filled with the date and the title's slug (`scriptSlug`).
/// - `cats.txt`: each document's category as `catWidth` characters of base 64, for the category filter.
public enum SearchIndexBuilder {
    public struct Options: Sendable {
        /// Shards are sized so that they average about this much; a power of two of them.
        public var targetShardBytes = 32 * 1024
        public var maxShards = 4096
        /// A syllable or pair whose list is bigger gets a file of its own.
        public var largeListBytes = 8 * 1024
        public var chunkSize = 16
        public var snippetLength = 160
        public var pageSize = 10
        /// The article permalink pattern (":year/:month/:slug/"): a document whose path is this
        /// pattern filled with its date and its title's slug stores no path; search.js rebuilds it.
        public var permalink: String?

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
        public var shards = 0
        public var shardBytes = 0
        public var docBytes = 0
        public var otherBytes = 0
        /// Plain text of the documents (title, terms, summary, body), UTF-8 bytes.
        public var textBytes = 0
        public var totalBytes: Int { shardBytes + docBytes + otherBytes }

        public var description: String {
            let ratio = textBytes > 0 ? Double(totalBytes) / Double(textBytes) * 100 : 0
            return "\(documents) documents, \(syllables) syllables, \(pairs) pairs, \(postings) postings; "
                + "\(shards) shards \(shardBytes) B, docs \(docBytes) B, other \(otherBytes) B, total \(totalBytes) B "
                + "= \(String(format: "%.1f", ratio))% of \(textBytes) B of text"
        }
    }

    static let titleFlag: UInt8 = 1
    static let termsFlag: UInt8 = 2
    static let k1 = 1.2
    static let b = 0.75
    static let syllableImpactBits = 6
    static let pairImpactBits = 3

    // MARK: - Building

    public static func build(_ documents: [SearchDocument], categories: [Category], options: Options = Options()) -> Output {
        // 1. Tokenise, in parallel: each slice of documents with its own vocabulary.
        let sliceCount = max(1, min(documents.count, 4 * ProcessInfo.processInfo.activeProcessorCount))
        let sliceSize = max(1, (documents.count + sliceCount - 1) / sliceCount)
        let slices = stride(from: 0, to: documents.count, by: sliceSize).map { $0..<min($0 + sliceSize, documents.count) }
        let tokenised = parallelMap(slices) { range in tokenise(documents[range]) }

        // 2. One vocabulary; syllable postings grouped by spelling, pair postings by key.
        var exactIDs: [String: Int32] = [:]
        var exactForms: [String] = []
        var foldedForms: [String] = []
        var lengths: [Int32] = []
        lengths.reserveCapacity(documents.count)
        var textBytes = 0
        var remaps: [[Int32]] = []
        for slice in tokenised {
            var remap = [Int32](repeating: 0, count: slice.vocabulary.count)
            for (local, word) in slice.vocabulary.enumerated() {
                if let id = exactIDs[word.exact] {
                    remap[local] = id
                } else {
                    let id = Int32(exactForms.count)
                    exactIDs[word.exact] = id
                    exactForms.append(word.exact)
                    foldedForms.append(word.folded)
                    remap[local] = id
                }
            }
            remaps.append(remap)
            lengths += slice.documents.map(\.length)
            textBytes += slice.textBytes
        }
        exactIDs = [:]
        let documentCount = documents.count
        let averageLength = max(1, Double(lengths.reduce(0) { $0 + Int($1) }) / Double(max(1, documentCount)))
        func bodyLevel(tf: UInt64, length: Int32, levels: Double) -> UInt64 {
            guard tf > 0 else { return 0 }
            let f = Double(tf)
            let saturated = f * (k1 + 1) / (f + k1 * (1 - b + b * Double(length) / averageLength))
            return UInt64(max(1, min(levels, (saturated / (k1 + 1) * levels).rounded())))
        }

        // Syllable postings: count, then fill (documents come in order, so each list is sorted).
        var counts = [Int](repeating: 0, count: exactForms.count + 1)
        var pairTotal = 0
        for (sliceIndex, slice) in tokenised.enumerated() {
            let remap = remaps[sliceIndex]
            for document in slice.documents {
                for entry in document.syllables { counts[Int(remap[Int(entry >> 32)]) + 1] += 1 }
                pairTotal += document.pairs.count
            }
        }
        for index in 1..<counts.count { counts[index] += counts[index - 1] }
        let syllableStarts = counts
        var syllablePostings = [UInt32](repeating: 0, count: counts.last ?? 0)
        var pairPostings: [UInt64] = []
        pairPostings.reserveCapacity(pairTotal)
        var doc: UInt64 = 0
        for (sliceIndex, slice) in tokenised.enumerated() {
            let remap = remaps[sliceIndex]
            for document in slice.documents {
                for entry in document.syllables {
                    let id = Int(remap[Int(entry >> 32)])
                    let tf = (entry >> 8) & 0xFF_FFFF
                    let flags = UInt64(entry & 0xFF)
                    let impact = (flags & UInt64(titleFlag)) << 5 | (flags & UInt64(termsFlag)) << 3
                        | bodyLevel(tf: tf, length: document.length, levels: 15)
                    syllablePostings[counts[id]] = UInt32(doc << 6 | impact)
                    counts[id] += 1
                }
                for entry in document.pairs {
                    let tf = (entry >> 8) & 0xFF_FFFF
                    let inTitleOrTerms: UInt64 = entry & 0xFF != 0 ? 1 : 0
                    let impact = inTitleOrTerms << 2 | bodyLevel(tf: tf, length: document.length, levels: 3)
                    pairPostings.append(entry & 0xFFFF_FFFF_0000_0000 | doc << 3 | impact)
                }
                doc += 1
            }
        }
        let syllableCount = exactForms.count
        // Impacts: a prefix code fitted to how often each value occurs.
        var syllableFrequencies = [Int](repeating: 0, count: 1 << syllableImpactBits)
        for posting in syllablePostings { syllableFrequencies[Int(posting & 63)] += 1 }
        var pairFrequencies = [Int](repeating: 0, count: 1 << pairImpactBits)
        for posting in pairPostings { pairFrequencies[Int(posting & 7)] += 1 }
        let syllableCode = PrefixCode(frequencies: syllableFrequencies)
        let pairCode = PrefixCode(frequencies: pairFrequencies)
        let postingCount = syllablePostings.count + pairPostings.count
        remaps = []
        _ = consume tokenised

        // Pairs: a stable radix sort by key keeps each key's documents in order.
        radixSortByHighWord(&pairPostings)
        var pairGroups: [(key: UInt32, start: Int, end: Int)] = []
        var start = 0
        while start < pairPostings.count {
            let key = UInt32(pairPostings[start] >> 32)
            var end = start + 1
            while end < pairPostings.count, UInt32(pairPostings[end] >> 32) == key { end += 1 }
            pairGroups.append((key, start, end))
            start = end
        }

        // 3. Lists too big for a shard get a file of their own (named by the hash, listed in
        // meta.json), so that a query for common words does not fetch whole crowded shards.
        var spellings: [String: [Int32]] = [:]
        for id in 0..<syllableCount { spellings[foldedForms[id], default: []].append(Int32(id)) }
        let largeBits = options.largeListBytes * 8
        var smallSyllableBits = 0
        var largeSyllables: [String] = []
        var smallSyllableHashes: Set<UInt32> = []
        let foldedKeys = Array(spellings.keys)
        let syllableBits = parallelMap(foldedKeys) { folded in
            var bits = (folded.utf8.count + 1) * 8
            for id in spellings[folded]! {
                bits += listBits(syllablePostings[syllableStarts[Int(id)]..<syllableStarts[Int(id) + 1]], documents: documentCount,
                                 impacts: syllableCode, docShift: 6)
                bits += (exactForms[Int(id)].utf8.count + 1) * 8
            }
            return bits
        }
        for (folded, bits) in zip(foldedKeys, syllableBits) {
            if bits > largeBits { largeSyllables.append(folded) } else { smallSyllableBits += bits; smallSyllableHashes.insert(fnv1a(folded)) }
        }
        // A large syllable whose hash another syllable shares stays in its shard (search.js looks
        // for a syllable in its own file when its hash is listed).
        var largeHashes: [UInt32: String] = [:]
        for folded in largeSyllables.sorted(by: utf8Less) {
            let hash = fnv1a(folded)
            if smallSyllableHashes.contains(hash) || largeHashes[hash] != nil { smallSyllableHashes.insert(hash) } else { largeHashes[hash] = folded }
        }
        largeSyllables = largeHashes.keys.sorted().map { largeHashes[$0]! }
        let largeSet = Set(largeSyllables)
        var smallPairBits = 0
        var largePairs: [Int] = []
        let pairBits = parallelMap(Array(stride(from: 0, to: pairGroups.count, by: 4096))) { first in
            pairGroups[first..<min(first + 4096, pairGroups.count)].map { group in
                14 + listBits(pairPostings[group.start..<group.end].lazy.map { UInt32(truncatingIfNeeded: $0) },
                              documents: documentCount, impacts: pairCode, docShift: 3)
            }
        }.joined()
        for (index, bits) in pairBits.enumerated() {
            if bits > largeBits { largePairs.append(index) } else { smallPairBits += bits }
        }
        let largePairSet = Set(largePairs)

        // 4. Shards: a power of two of them, from the size of what they hold.
        var shardCount = 1
        while shardCount < options.maxShards, shardCount * options.targetShardBytes * 8 < smallSyllableBits + smallPairBits { shardCount *= 2 }
        let shardBits = shardCount.trailingZeroBitCount
        var shardSyllables = [[String]](repeating: [], count: shardCount)
        for folded in spellings.keys where !largeSet.contains(folded) {
            shardSyllables[Int(fnv1a(folded) & UInt32(shardCount - 1))].append(folded)
        }
        var shardPairs = [[Int]](repeating: [], count: shardCount)
        for (index, group) in pairGroups.enumerated() where !largePairSet.contains(index) {
            shardPairs[Int(group.key & UInt32(shardCount - 1))].append(index)
        }

        /// A shard file: the header lines of its syllables, then the bit stream.
        func encode(syllables: [String], pairs: [Int]) -> [UInt8] {
            var header: [UInt8] = []
            var bits = BitWriter()
            for folded in syllables.sorted(by: utf8Less) {
                let ids = spellings[folded]!.sorted { utf8Less(exactForms[Int($0)], exactForms[Int($1)]) }
                header += Array(folded.utf8)
                if !(ids.count == 1 && exactForms[Int(ids[0])] == folded) {
                    for id in ids { header.append(0x09); header += Array(exactForms[Int(id)].utf8) }
                }
                header.append(0x0A)
                for id in ids {
                    writeList(syllablePostings[syllableStarts[Int(id)]..<syllableStarts[Int(id) + 1]], documents: documentCount,
                              impacts: syllableCode, docShift: 6, into: &bits)
                }
            }
            bits.gamma(UInt64(pairs.count + 1))
            let k = BitWriter.riceParameter(space: 1 << (32 - shardBits), count: max(1, pairs.count))
            var previous: UInt64 = 0
            for index in pairs {
                let group = pairGroups[index]
                let key = UInt64(group.key) >> UInt64(shardBits)
                bits.rice(key - previous, k: k)
                previous = key
                writeList(pairPostings[group.start..<group.end].lazy.map { UInt32(truncatingIfNeeded: $0) }, documents: documentCount,
                          impacts: pairCode, docShift: 3, into: &bits)
            }
            let length = UInt32(header.count)
            return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + header + bits.finish()
        }

        let shardFiles: [OutputFile] = parallelMap(Array(0..<shardCount)) { shard in
            OutputFile(path: "index/\(shard).bin", bytes: encode(syllables: shardSyllables[shard], pairs: shardPairs[shard]))
        }
        // Pairs whose hashes collide share one list, like in a shard.
        var largePairGroups: [UInt32: [Int]] = [:]
        for index in largePairs { largePairGroups[pairGroups[index].key, default: []].append(index) }
        let largeFiles: [OutputFile] = parallelMap(largeSyllables.map { (fnv1a($0), [$0], [Int]()) }
            + largePairGroups.keys.sorted().map { ($0, [String](), largePairGroups[$0]!) }) { entry in
            let (hash, syllables, pairs) = entry
            return OutputFile(path: "index/\(syllables.isEmpty ? "p" : "w")\(hex(hash)).bin", bytes: encode(syllables: syllables, pairs: pairs))
        }

        // 5. Documents in chunks, categories, meta.
        let chunkSize = max(1, options.chunkSize)
        let docFiles: [OutputFile] = parallelMap(Array(stride(from: 0, to: documentCount, by: chunkSize))) { first in
            var json = "["
            for index in first..<min(first + chunkSize, documentCount) {
                let document = documents[index]
                if index > first { json += "," }
                let path = options.permalink.flatMap { derivedPath(title: document.title, day: document.day, pattern: $0) } == document.path
                    ? "0" : jsonString(document.path)
                json += "[" + jsonString(VietnameseText.nfc(document.title)) + "," + path + ",\(document.day),\(document.category),"
                    + jsonString(shorten(VietnameseText.nfc(document.snippet), to: options.snippetLength)) + "]"
            }
            return OutputFile(path: "docs/\(first / chunkSize).json", text: json + "]\n")
        }
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".utf8)
        var categoryWidth = 1
        while (1 << (6 * categoryWidth)) <= categories.count { categoryWidth += 1 }
        var categoryBytes: [UInt8] = []
        categoryBytes.reserveCapacity(documentCount * categoryWidth + 1)
        for document in documents {
            for place in (0..<categoryWidth).reversed() { categoryBytes.append(alphabet[(document.category >> (6 * place)) & 63]) }
        }
        categoryBytes.append(0x0A)

        var version = ContentHash.of(categoryBytes)
        for file in shardFiles + largeFiles + docFiles { version = (version ^ ContentHash.of(file.bytes)) &* 0x0000_0100_0000_01B3 }
        var years: [(year: Int, first: Int, count: Int)] = []
        for (index, document) in documents.enumerated() {
            let year = document.day / 10000
            if let last = years.last, last.year == year { years[years.count - 1].count += 1 } else { years.append((year, index, 1)) }
        }
        var meta = "{\"format\":1,\"version\":\"\(String(version, radix: 36))\",\"docs\":\(documentCount),\"shards\":\(shardCount),"
        meta += "\"chunk\":\(chunkSize),\"pageSize\":\(options.pageSize),\"catWidth\":\(categoryWidth),"
        if let permalink = options.permalink { meta += "\"permalink\":" + jsonString(permalink) + "," }
        meta += "\n\"large\":{\"w\":[" + largeSyllables.map { "\"" + hex(fnv1a($0)) + "\"" }.joined(separator: ",")
            + "],\n\"p\":[" + largePairGroups.keys.sorted().map { "\"" + hex($0) + "\"" }.joined(separator: ",") + "]},"
        meta += "\n\"impacts\":[[" + syllableCode.lengths.map(String.init).joined(separator: ",") + "],["
            + pairCode.lengths.map(String.init).joined(separator: ",") + "]],\n\"years\":["
        meta += years.map { "[\($0.year),\($0.first),\($0.count)]" }.joined(separator: ",")
        meta += "],\n\"categories\":["
        meta += categories.map { "[" + jsonString($0.name) + "," + jsonString($0.slug) + "," + jsonString($0.path) + "]" }.joined(separator: ",")
        meta += "]}\n"
        let metaFile = OutputFile(path: "meta.json", text: meta)
        let categoryFile = OutputFile(path: "cats.txt", bytes: categoryBytes)

        var stats = Stats()
        stats.documents = documentCount
        stats.syllables = spellings.count
        stats.pairs = pairGroups.count
        stats.postings = postingCount
        stats.shards = shardCount
        stats.shardBytes = (shardFiles + largeFiles).reduce(0) { $0 + $1.bytes.count }
        stats.docBytes = docFiles.reduce(0) { $0 + $1.bytes.count }
        stats.otherBytes = metaFile.bytes.count + categoryFile.bytes.count
        stats.textBytes = textBytes
        return Output(files: [metaFile, categoryFile] + shardFiles + largeFiles + docFiles, stats: stats)
    }

    // MARK: - Tokenising

    struct Word {
        var exact: String
        var folded: String
    }

    struct DocumentTerms {
        /// local id << 32 | tf << 8 | flags
        var syllables: [UInt64]
        /// pair key << 32 | tf << 8 | flags
        var pairs: [UInt64]
        var length: Int32
    }

    struct Tokenised {
        var vocabulary: [Word] = []
        var documents: [DocumentTerms] = []
        var textBytes = 0
    }

    /// Spellings as written (raw UTF-8) → syllable id: an open-addressing table over a byte arena,
    /// so the hot loop neither allocates nor hashes Swift strings.
    struct SpellingTable {
        private var arena: [UInt8] = []
        private var entries: [(hash: UInt32, start: Int32, length: Int32, id: Int32)] = []
        private var slots = [Int32](repeating: -1, count: 1 << 12)

        mutating func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32? {
            let mask = slots.count - 1
            var slot = Int(hash) & mask
            while true {
                let entry = slots[slot]
                if entry < 0 { return nil }
                let candidate = entries[Int(entry)]
                if candidate.hash == hash, Int(candidate.length) == bytes.count,
                   arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(candidate.start), bytes.baseAddress!, bytes.count) == 0 }) {
                    return candidate.id
                }
                slot = (slot + 1) & mask
            }
        }

        mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32, id: Int32) {
            if (entries.count + 1) * 2 > slots.count {
                slots = [Int32](repeating: -1, count: slots.count * 2)
                let mask = slots.count - 1
                for (index, entry) in entries.enumerated() {
                    var slot = Int(entry.hash) & mask
                    while slots[slot] >= 0 { slot = (slot + 1) & mask }
                    slots[slot] = Int32(index)
                }
            }
            let mask = slots.count - 1
            var slot = Int(hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entries.count)
            entries.append((hash, Int32(arena.count), Int32(bytes.count), id))
            arena.append(contentsOf: bytes)
        }
    }

    /// Tokenises one slice of the documents: its own vocabulary, its documents' terms.
    struct Tokeniser {
        var result = Tokenised()
        /// Spelling as written → id of its exact form ("Tỉnh" and "tỉnh" are one syllable).
        var spellings = SpellingTable()
        var exactIDs: [String: Int32] = [:]
        /// Per id: FNV-1a of the folded form, and where its bytes are in `foldedArena`.
        var foldedHashes: [UInt32] = []
        var foldedRanges: [Range<Int>] = []
        var foldedArena: [UInt8] = []
        // Per document: term frequency and fields by syllable id, reset through `touched`.
        var tf: [UInt32] = []
        var fields: [UInt8] = []
        var touched: [Int32] = []
        /// The document's pairs (key << 32 | tf << 8 | fields) and an open-addressing index over them.
        var pairs: [UInt64] = []
        var pairSlots = [Int32](repeating: -1, count: 1 << 11)
        var pairSlotOf: [Int] = []
        var length: Int32 = 0

        mutating func addPair(_ key: UInt32, body: UInt32, flags: UInt8) {
            if (pairs.count + 1) * 2 > pairSlots.count {
                pairSlots = [Int32](repeating: -1, count: pairSlots.count * 2)
                for index in pairs.indices { pairSlotOf[index] = place(UInt32(pairs[index] >> 32), Int32(index)) }
            }
            let mask = pairSlots.count - 1
            var slot = Int((key &* 0x9E37_79B1) >> 7) & mask
            while pairSlots[slot] >= 0 {
                let index = Int(pairSlots[slot])
                if UInt32(pairs[index] >> 32) == key {
                    pairs[index] = pairs[index] &+ UInt64(body) << 8 | UInt64(flags)
                    return
                }
                slot = (slot + 1) & mask
            }
            pairSlots[slot] = Int32(pairs.count)
            pairSlotOf.append(slot)
            pairs.append(UInt64(key) << 32 | UInt64(body) << 8 | UInt64(flags))
        }

        private mutating func place(_ key: UInt32, _ index: Int32) -> Int {
            let mask = pairSlots.count - 1
            var slot = Int((key &* 0x9E37_79B1) >> 7) & mask
            while pairSlots[slot] >= 0 { slot = (slot + 1) & mask }
            pairSlots[slot] = index
            return slot
        }

        mutating func id(_ raw: UnsafeBufferPointer<UInt8>) -> Int32 {
            var hash: UInt32 = 2_166_136_261
            for byte in raw { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            if let id = spellings.find(raw, hash: hash) { return id }
            let exact = SearchText.exact(String(decoding: raw, as: UTF8.self))
            let id: Int32
            if let known = exactIDs[exact] {
                id = known
            } else {
                let folded = SearchText.folded(exact)
                let foldedBytes = Array(folded.utf8)
                id = Int32(result.vocabulary.count)
                result.vocabulary.append(Word(exact: exact, folded: folded))
                foldedHashes.append(fnv1a(foldedBytes))
                foldedRanges.append(foldedArena.count..<(foldedArena.count + foldedBytes.count))
                foldedArena += foldedBytes
                tf.append(0)
                fields.append(0)
                exactIDs[exact] = id
            }
            spellings.insert(raw, hash: hash, id: id)
            return id
        }

        /// FNV-1a of "first second" (folded), continuing from the first's hash.
        func pairKey(_ first: Int32, _ second: Int32) -> UInt32 {
            var hash = (foldedHashes[Int(first)] ^ 0x20) &* 16_777_619
            for index in foldedRanges[Int(second)] { hash = (hash ^ UInt32(foldedArena[index])) &* 16_777_619 }
            return hash
        }

        mutating func add(_ text: String, flags: UInt8) {
            var text = text
            text.withUTF8 { add($0, flags: flags) }
        }

        mutating func add(_ buffer: UnsafeBufferPointer<UInt8>, flags: UInt8) {
            var previous: Int32 = -1
            let isBody: UInt32 = flags == 0 ? 1 : 0
            do {
                SearchText.scanUTF8(buffer) { start, end, pairsWithPrevious in
                    let current = id(UnsafeBufferPointer(rebasing: buffer[start..<end]))
                    let index = Int(current)
                    if fields[index] == 0 { touched.append(current) }
                    tf[index] += isBody
                    fields[index] |= flags | 0x80
                    length += Int32(isBody)
                    if pairsWithPrevious, previous >= 0 { addPair(pairKey(previous, current), body: isBody, flags: flags) }
                    previous = current
                }
            }
            result.textBytes += buffer.count
        }

        mutating func add(_ document: SearchDocument) {
            touched.removeAll(keepingCapacity: true)
            pairs.removeAll(keepingCapacity: true)
            length = 0
            add(document.title, flags: titleFlag)
            for term in document.terms { add(term, flags: termsFlag) }
            if !document.summary.isEmpty { add(document.summary, flags: 0) }
            SearchText.plainTextBytes(fromHTML: document.bodyHTML).withUnsafeBufferPointer { add($0, flags: 0) }
            let tfLimit: UInt32 = 0xFF_FFFF
            var syllableEntries: [UInt64] = []
            syllableEntries.reserveCapacity(touched.count)
            for id in touched {
                syllableEntries.append(UInt64(id) << 32 | UInt64(min(tf[Int(id)], tfLimit)) << 8 | UInt64(fields[Int(id)] & 0x7F))
                tf[Int(id)] = 0
                fields[Int(id)] = 0
            }
            for slot in pairSlotOf { pairSlots[slot] = -1 }
            pairSlotOf.removeAll(keepingCapacity: true)
            result.documents.append(DocumentTerms(syllables: syllableEntries, pairs: pairs, length: length))
        }
    }

    static func tokenise(_ documents: ArraySlice<SearchDocument>) -> Tokenised {
        var tokeniser = Tokeniser()
        for document in documents { tokeniser.add(document) }
        return tokeniser.result
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

    // MARK: - Encoding

    static func writeList(_ postings: some Collection<UInt32>, documents: Int, impacts: PrefixCode, docShift: Int, into bits: inout BitWriter) {
        bits.gamma(UInt64(postings.count))
        let k = BitWriter.riceParameter(space: documents, count: postings.count)
        var previous: Int64 = -1
        let mask = UInt32(1 << docShift) - 1
        for posting in postings {
            let doc = Int64(posting >> UInt32(docShift))
            bits.rice(UInt64(doc - previous - 1), k: k)
            impacts.write(Int(posting & mask), into: &bits)
            previous = doc
        }
    }

    static func listBits(_ postings: some Collection<UInt32>, documents: Int, impacts: PrefixCode, docShift: Int) -> Int {
        var total = BitWriter.gammaBits(UInt64(postings.count))
        let k = BitWriter.riceParameter(space: documents, count: postings.count)
        var previous: Int64 = -1
        let mask = UInt32(1 << docShift) - 1
        for posting in postings {
            let doc = Int64(posting >> UInt32(docShift))
            total += BitWriter.riceBits(UInt64(doc - previous - 1), k: k) + impacts.cost(Int(posting & mask))
            previous = doc
        }
        return total
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

    /// Cut at a word, with an ellipsis.
    static func shorten(_ text: String, to limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        var cut = scalars.prefix(limit)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation: return true
            default: return scalar.properties.isWhitespace
            }
        }
        while let last = cut.last, isPunctuation(last) {
            cut = cut.dropLast()
        }
        return String(String.UnicodeScalarView(cut)) + "…"
    }

    /// The path search.js derives for a document (`pattern` filled with its date and the slug of
    /// its title), or nil when the title has characters whose folding might differ in a browser.
    static func derivedPath(title: String, day: Int, pattern: String) -> String? {
        guard let slug = scriptSlug(title) else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        // Each placeholder, wherever it is (search.js: split and join).
        var path = ""
        var rest = pattern[...]
        while let colon = rest.firstIndex(of: ":") {
            path += rest[..<colon]
            rest = rest[colon...]
            if rest.hasPrefix(":year") { path += String(day / 10000); rest = rest.dropFirst(5) }
            else if rest.hasPrefix(":month") { path += two(day / 100 % 100); rest = rest.dropFirst(6) }
            else if rest.hasPrefix(":day") { path += two(day % 100); rest = rest.dropFirst(4) }
            else if rest.hasPrefix(":slug") { path += slug; rest = rest.dropFirst(5) }
            else { path += ":"; rest = rest.dropFirst() }
        }
        return path + rest
    }

    /// search.js's `slug()`, step by step: đ → d, NFD, combining marks dropped, lower case,
    /// ß → ss, runs of anything but a–z and 0–9 → "-", at most 80 characters cut at a hyphen.
    /// Only for titles in Latin script and common punctuation, where that equals `Slug.make`'s folding.
    static func scriptSlug(_ title: String) -> String? {
        for scalar in title.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E: continue
            default: return nil
            }
        }
        var text = ""
        for scalar in title.unicodeScalars { text.unicodeScalars.append(scalar == "đ" || scalar == "Đ" ? "d" : scalar) }
        var folded = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where !(0x300...0x36F).contains(scalar.value) {
            folded.unicodeScalars.append(scalar)
        }
        folded = folded.lowercased()
        var slug = ""
        var pendingHyphen = false
        func emit(_ scalar: Unicode.Scalar) {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        for scalar in folded.unicodeScalars {
            if scalar == "ß" { emit("s"); emit("s") } else { emit(scalar) }
        }
        if slug.count > 80 {
            let prefix = slug.prefix(80)
            slug = String(prefix.lastIndex(of: "-").map { prefix[..<$0] } ?? prefix)
        }
        return slug
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

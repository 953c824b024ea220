import Foundation

/// Reads a built search index and answers queries exactly as templates/assets/search.js does:
/// the reference for its ranking, used by the tests and by anyone who wants to query an index
/// from Swift.
///
/// Ranking: each query syllable adds idf × (body level/15 · (k1+1) + 2.5 in the title + 1.5 in a
/// tag, category or author), × 1.5 when the query wrote it with diacritics and the article uses
/// that exact spelling; each adjacent pair of the query adds idf(pair) × (level/3 · (k1+1) + 2.5
/// in the title or a term). Articles with every syllable come first (all of them, if there are
/// any; otherwise those with most syllables), then by score, then newest.
public struct SearchEngine {
    public struct Document: Sendable, Equatable {
        public var title: String
        public var path: String
        public var day: Int
        public var category: Int
        public var snippet: String
    }

    public struct Hit: Sendable, Equatable {
        public var doc: Int
        public var score: Double
        /// How many distinct query syllables it contains.
        public var matched: Int
    }

    public struct Result: Sendable {
        public var hits: [Hit]
        /// The query's distinct syllables.
        public var terms: [String]
        /// False when no article has every syllable and the hits are the best partial matches.
        public var complete: Bool
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    struct Posting {
        var doc: Int
        var impact: Int
    }

    struct Shard {
        var syllables: [String: [(exact: String, postings: [Posting])]] = [:]
        var pairs: [UInt64: [[Posting]]] = [:]
    }

    static let titleBoost = 2.5
    static let termsBoost = 1.5
    static let exactBoost = 1.5
    static let phraseBoost = 1.0
    static let maxTerms = 10

    public let documentCount: Int
    public let shardCount: Int
    public let chunkSize: Int
    public let years: [(year: Int, first: Int, count: Int)]
    let files: [String: [UInt8]]
    let categoryWidth: Int
    let syllableImpacts: PrefixCode
    let pairImpacts: PrefixCode
    let permalink: String?
    /// Hashes of the syllables and pairs whose lists have files of their own.
    let largeSyllables: Set<String>
    let largePairs: Set<String>

    /// `files`: the index's files by path relative to the search folder ("meta.json", "index/0.bin"…).
    public init(files: [String: [UInt8]]) throws {
        self.files = files
        guard let bytes = files["meta.json"],
              let meta = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let docs = meta["docs"] as? Int, let shards = meta["shards"] as? Int, let chunk = meta["chunk"] as? Int,
              let width = meta["catWidth"] as? Int, let years = meta["years"] as? [[Int]],
              let impacts = meta["impacts"] as? [[Int]], impacts.count == 2 else {
            throw FormatError(description: "meta.json missing or malformed")
        }
        documentCount = docs
        shardCount = shards
        chunkSize = chunk
        categoryWidth = width
        self.years = years.map { ($0[0], $0[1], $0[2]) }
        syllableImpacts = PrefixCode(lengths: impacts[0])
        pairImpacts = PrefixCode(lengths: impacts[1])
        permalink = meta["permalink"] as? String
        let large = meta["large"] as? [String: [String]] ?? [:]
        largeSyllables = Set(large["w"] ?? [])
        largePairs = Set(large["p"] ?? [])
    }

    public init(_ output: [OutputFile]) throws {
        var files: [String: [UInt8]] = [:]
        for file in output { files[file.path] = file.bytes }
        try self.init(files: files)
    }

    // MARK: - Reading

    func shard(_ number: Int) throws -> Shard {
        try shard(file: String(number))
    }

    /// The file holding a syllable's lists: its shard, or its own.
    func file(syllable folded: String) -> String {
        let hash = SearchIndexBuilder.fnv1a(folded)
        let hex = SearchIndexBuilder.hex(hash)
        return largeSyllables.contains(hex) ? "w" + hex : String(Int(hash) & (shardCount - 1))
    }

    func file(pair: String) -> String {
        let hash = SearchIndexBuilder.fnv1a(pair)
        let hex = SearchIndexBuilder.hex(hash)
        return largePairs.contains(hex) ? "p" + hex : String(Int(hash) & (shardCount - 1))
    }

    /// "index/<name>.bin": a shard ("12") or a list of its own ("w1a2b3c4d").
    func shard(file name: String) throws -> Shard {
        let number = name
        guard let bytes = files["index/\(name).bin"], bytes.count >= 4 else { throw FormatError(description: "shard \(number) missing") }
        let headerLength = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard 4 + headerLength <= bytes.count else { throw FormatError(description: "shard \(number): bad header length") }
        let header = String(decoding: bytes[4..<(4 + headerLength)], as: UTF8.self)
        var reader = BitReader(bytes, byteOffset: 4 + headerLength)
        var shard = Shard()
        do {
            for line in header.split(separator: "\n", omittingEmptySubsequences: true) {
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                let spellings = parts.count == 1 ? parts : Array(parts.dropFirst())
                shard.syllables[parts[0]] = try spellings.map { ($0, try list(&reader, impacts: syllableImpacts)) }
            }
            let pairCount = Int(try reader.gamma()) - 1
            let k = BitWriter.riceParameter(space: 1 << (32 - shardCount.trailingZeroBitCount), count: max(1, pairCount))
            var key: UInt64 = 0
            for _ in 0..<pairCount {
                key += try reader.rice(k: k)
                shard.pairs[key, default: []].append(try list(&reader, impacts: pairImpacts))
            }
        } catch {
            throw FormatError(description: "shard \(number): truncated")
        }
        return shard
    }

    private func list(_ reader: inout BitReader, impacts: PrefixCode) throws(BitReader.EndOfData) -> [Posting] {
        let count = Int(try reader.gamma())
        let k = BitWriter.riceParameter(space: documentCount, count: count)
        var postings: [Posting] = []
        postings.reserveCapacity(count)
        var doc = -1
        for _ in 0..<count {
            doc += Int(try reader.rice(k: k)) + 1
            postings.append(Posting(doc: doc, impact: try impacts.read(&reader)))
        }
        return postings
    }

    public func document(_ doc: Int) throws -> Document {
        guard let bytes = files["docs/\(doc / chunkSize).json"],
              let chunk = try JSONSerialization.jsonObject(with: Data(bytes)) as? [[Any]],
              doc % chunkSize < chunk.count else { throw FormatError(description: "document \(doc) missing") }
        let row = chunk[doc % chunkSize]
        guard row.count == 5, let title = row[0] as? String, let day = row[2] as? Int,
              let category = row[3] as? Int, let snippet = row[4] as? String,
              let path = row[1] as? String ?? permalink.flatMap({ SearchIndexBuilder.derivedPath(title: title, day: day, pattern: $0) }) else {
            throw FormatError(description: "document \(doc) malformed")
        }
        return Document(title: title, path: path, day: day, category: category, snippet: snippet)
    }

    func categories() -> [Int] {
        guard let bytes = files["cats.txt"] else { return [] }
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".utf8)
        var value = [Int](repeating: 0, count: 256)
        for (index, byte) in alphabet.enumerated() { value[Int(byte)] = index }
        return (0..<documentCount).map { doc in
            (0..<categoryWidth).reduce(0) { $0 << 6 | value[Int(bytes[doc * categoryWidth + $1])] }
        }
    }

    // MARK: - Querying

    static func idf(documents: Int, df: Int) -> Double {
        log(1 + (Double(documents) - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    /// All matches, best first. `year` and `category` (1-based, as in the documents) filter.
    public func search(_ query: String, year: Int? = nil, category: Int? = nil) throws -> Result {
        var terms: [(folded: String, exact: Set<String>)] = []
        var pairs: [String] = []
        var previous: String?
        for syllable in SearchText.syllables(query) {
            if terms.count == Self.maxTerms, !terms.contains(where: { $0.folded == syllable.folded }) { break }
            if let index = terms.firstIndex(where: { $0.folded == syllable.folded }) {
                if syllable.exact != syllable.folded { terms[index].exact.insert(syllable.exact) }
            } else {
                terms.append((syllable.folded, syllable.exact != syllable.folded ? [syllable.exact] : []))
            }
            if syllable.pairsWithPrevious, let previous {
                let key = SearchText.pairKey(previous, syllable.folded)
                if !pairs.contains(key) { pairs.append(key) }
            }
            previous = syllable.folded
        }
        guard !terms.isEmpty else { return Result(hits: [], terms: [], complete: true) }

        var shards: [String: Shard] = [:]
        func load(_ name: String) throws -> Shard {
            if let shard = shards[name] { return shard }
            let shard = try shard(file: name)
            shards[name] = shard
            return shard
        }
        let n = documentCount
        var score = [Double](repeating: 0, count: n)
        var mask = [Int](repeating: 0, count: n)
        for (index, term) in terms.enumerated() {
            guard let spellings = try load(file(syllable: term.folded)).syllables[term.folded] else { continue }
            // Merge the spellings: body level max, flags or-ed.
            var merged: [Int: (impact: Int, exact: Bool)] = [:]
            for spelling in spellings {
                let isExact = term.exact.contains(spelling.exact)
                for posting in spelling.postings {
                    let old = merged[posting.doc] ?? (0, false)
                    merged[posting.doc] = ((old.impact & 0x30) | (posting.impact & 0x30) | max(old.impact & 15, posting.impact & 15), old.exact || isExact)
                }
            }
            let idf = Self.idf(documents: n, df: merged.count)
            for (doc, value) in merged {
                var weight = Double(value.impact & 15) / 15 * (SearchIndexBuilder.k1 + 1)
                if value.impact & 0x20 != 0 { weight += Self.titleBoost }
                if value.impact & 0x10 != 0 { weight += Self.termsBoost }
                if !term.exact.isEmpty, value.exact { weight *= Self.exactBoost }
                score[doc] += idf * weight
                mask[doc] |= 1 << index
            }
        }
        for pair in pairs {
            let hash = SearchIndexBuilder.fnv1a(pair)
            let key = UInt64(hash) >> UInt64(shardCount.trailingZeroBitCount)
            guard let lists = try load(file(pair: pair)).pairs[key] else { continue }
            var merged: [Int: Int] = [:]
            for list in lists {
                for posting in list { merged[posting.doc] = max(merged[posting.doc] ?? 0, posting.impact) }
            }
            let idf = Self.idf(documents: n, df: merged.count)
            for (doc, impact) in merged {
                var weight = Double(impact & 3) / 3 * (SearchIndexBuilder.k1 + 1)
                if impact & 4 != 0 { weight += Self.titleBoost }
                score[doc] += idf * weight * Self.phraseBoost
            }
        }

        let categoryOf = category == nil ? [] : categories()
        let yearRange = year.flatMap { year in years.first { $0.year == year } }.map { $0.first..<($0.first + $0.count) }
        let all = (1 << terms.count) - 1
        var hits: [Hit] = []
        var complete = false
        for doc in 0..<n where mask[doc] != 0 {
            if year != nil, !(yearRange?.contains(doc) ?? false) { continue }
            if let category, categoryOf[doc] != category { continue }
            hits.append(Hit(doc: doc, score: score[doc], matched: mask[doc].nonzeroBitCount))
            if mask[doc] == all { complete = true }
        }
        if complete { hits.removeAll { $0.matched != terms.count } }
        hits.sort { a, b in
            if a.matched != b.matched { return a.matched > b.matched }
            if a.score != b.score { return a.score > b.score }
            return a.doc > b.doc
        }
        return Result(hits: hits, terms: terms.map(\.folded), complete: complete || hits.isEmpty)
    }
}

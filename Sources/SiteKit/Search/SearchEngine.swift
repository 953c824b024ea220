import Foundation

/// Reads a built search index and answers queries exactly as templates/assets/search.js does:
/// the reference for its ranking, used by the tests and by anyone who wants to query an index
/// from Swift.
///
/// A query reads, in every segment, the shard (or list file) of each of its syllables and pairs,
/// and the segment's lengths; documents are numbered across segments, oldest first.
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
        /// Numbered in its segment.
        var doc: Int
        var flags: Int
        var tf: Int
    }

    struct Shard {
        var syllables: [String: [(exact: String, postings: [Posting])]] = [:]
        var pairs: [UInt64: [[Posting]]] = [:]
    }

    /// A segment as meta.json lists it.
    struct Segment {
        var name: String
        /// Its first document's number in the index.
        var first: Int
        var documentCount: Int
        var shardCount: Int
        /// Hashes of the syllables and pairs whose lists have files of their own.
        var largeSyllables: Set<String>
        var largePairs: Set<String>

        var folder: String { "s/\(name)/" }
    }

    static let titleBoost = 2.5
    static let termsBoost = 1.5
    static let exactBoost = 1.5
    static let phraseBoost = 1.0
    static let maxTerms = 10

    public let documentCount: Int
    public let chunkSize: Int
    public let years: [(year: Int, first: Int, count: Int)]
    let files: [String: [UInt8]]
    let segments: [Segment]
    let averageLength: Double
    let categorySlugs: [String]
    let permalink: String?

    /// `files`: the index's files by path relative to the search folder ("meta.json", "s/…/index/0.bin"…).
    public init(files: [String: [UInt8]]) throws {
        self.files = files
        guard let bytes = files["meta.json"],
              let meta = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              meta["format"] as? Int == 2, let docs = meta["docs"] as? Int, let length = meta["length"] as? Int,
              let chunk = meta["chunk"] as? Int, chunk > 0, let years = meta["years"] as? [[Int]],
              let segments = meta["segments"] as? [[Any]], let categories = meta["categories"] as? [[String]] else {
            throw FormatError(description: "meta.json missing or malformed")
        }
        documentCount = docs
        chunkSize = chunk
        averageLength = max(1, Double(length) / Double(max(1, docs)))
        self.years = years.map { ($0[0], $0[1], $0[2]) }
        categorySlugs = categories.map { $0.count > 1 ? $0[1] : "" }
        permalink = meta["permalink"] as? String
        var first = 0
        self.segments = try segments.map { entry in
            guard entry.count == 6, let name = entry[0] as? String, let docs = entry[1] as? Int, let shards = entry[2] as? Int,
                  shards > 0, shards & (shards - 1) == 0, let words = entry[4] as? [String], let pairs = entry[5] as? [String] else {
                throw FormatError(description: "meta.json: malformed segment")
            }
            defer { first += docs }
            return Segment(name: name, first: first, documentCount: docs, shardCount: shards,
                           largeSyllables: Set(words), largePairs: Set(pairs))
        }
        guard first == docs else { throw FormatError(description: "meta.json: segments hold \(first) documents, not \(docs)") }
    }

    public init(_ output: [OutputFile]) throws {
        var files: [String: [UInt8]] = [:]
        for file in output { files[file.path] = file.bytes }
        try self.init(files: files)
    }

    // MARK: - Reading

    /// The file of a segment holding a syllable's lists: its shard ("12"), or its own ("w1a2b3c4d").
    func file(syllable folded: String, in segment: Segment) -> String {
        let hash = SearchIndexBuilder.fnv1a(folded)
        let hex = SearchIndexBuilder.hex(hash)
        return segment.largeSyllables.contains(hex) ? "w" + hex : String(Int(hash) & (segment.shardCount - 1))
    }

    func file(pair: String, in segment: Segment) -> String {
        let hash = SearchIndexBuilder.fnv1a(pair)
        let hex = SearchIndexBuilder.hex(hash)
        return segment.largePairs.contains(hex) ? "p" + hex : String(Int(hash) & (segment.shardCount - 1))
    }

    /// A segment's "index/<name>.bin".
    func shard(file name: String, in segment: Segment) throws -> Shard {
        let path = segment.folder + "index/\(name).bin"
        guard let bytes = files[path], bytes.count >= 4 else { throw FormatError(description: "\(path) missing") }
        let headerLength = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard 4 + headerLength <= bytes.count else { throw FormatError(description: "\(path): bad header length") }
        let header = String(decoding: bytes[4..<(4 + headerLength)], as: UTF8.self)
        var reader = BitReader(bytes, byteOffset: 4 + headerLength)
        var shard = Shard()
        do {
            for line in header.split(separator: "\n", omittingEmptySubsequences: true) {
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                let spellings = parts.count == 1 ? parts : Array(parts.dropFirst())
                shard.syllables[parts[0]] = try spellings.map { ($0, try list(&reader, documents: segment.documentCount)) }
            }
            let pairCount = Int(try reader.gamma()) - 1
            let k = BitWriter.riceParameter(space: 1 << (32 - segment.shardCount.trailingZeroBitCount), count: max(1, pairCount))
            var key: UInt64 = 0
            for _ in 0..<pairCount {
                key += try reader.rice(k: k)
                shard.pairs[key, default: []].append(try list(&reader, documents: segment.documentCount))
            }
        } catch {
            throw FormatError(description: "\(path): truncated")
        }
        return shard
    }

    private func list(_ reader: inout BitReader, documents: Int) throws(BitReader.EndOfData) -> [Posting] {
        let count = Int(try reader.gamma())
        let k = BitWriter.riceParameter(space: documents, count: count)
        var postings: [Posting] = []
        postings.reserveCapacity(min(count, documents))
        var doc = -1
        for _ in 0..<count {
            doc += Int(try reader.rice(k: k)) + 1
            guard doc < documents else { throw BitReader.EndOfData() }
            let (flags, tf) = try PostingCode.read(&reader)
            postings.append(Posting(doc: doc, flags: flags, tf: tf))
        }
        return postings
    }

    /// A segment's document lengths (`lengths.bin`).
    func lengths(_ segment: Segment) throws -> [Int] {
        let path = segment.folder + "lengths.bin"
        guard let bytes = files[path] else { throw FormatError(description: "\(path) missing") }
        var lengths: [Int] = []
        var value = 0, shift = 0
        for byte in bytes {
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { lengths.append(value); value = 0; shift = 0 } else { shift += 7 }
            guard shift < 35 else { throw FormatError(description: "\(path): bad varint") }
        }
        guard lengths.count == segment.documentCount else { throw FormatError(description: "\(path): \(lengths.count) lengths") }
        return lengths
    }

    func segment(of doc: Int) -> Segment? {
        segments.last { $0.first <= doc }.flatMap { doc < $0.first + $0.documentCount ? $0 : nil }
    }

    public func document(_ doc: Int) throws -> Document {
        guard let segment = segment(of: doc) else { throw FormatError(description: "document \(doc) missing") }
        let local = doc - segment.first
        guard let bytes = files[segment.folder + "docs/\(local / chunkSize).json"],
              let chunk = try JSONSerialization.jsonObject(with: Data(bytes)) as? [[Any]],
              local % chunkSize < chunk.count else { throw FormatError(description: "document \(doc) missing") }
        let row = chunk[local % chunkSize]
        guard row.count == 5, let title = row[0] as? String, let day = row[2] as? Int,
              let slug = row[3] as? String, let snippet = row[4] as? String,
              let path = row[1] as? String ?? permalink.flatMap({ SearchIndexBuilder.derivedPath(title: title, day: day, pattern: $0) }) else {
            throw FormatError(description: "document \(doc) malformed")
        }
        return Document(title: title, path: path, day: day, category: slug.isEmpty ? 0 : (categorySlugs.firstIndex(of: slug) ?? -1) + 1,
                        snippet: snippet)
    }

    /// Each document's category, 1-based in meta.json's list (0 for none), from the segments' cats.txt.
    func categories() throws -> [Int] {
        var value = [Int](repeating: 0, count: 256)
        for (index, byte) in SearchIndexBuilder.base64.enumerated() { value[Int(byte)] = index }
        var result: [Int] = []
        for segment in segments {
            let path = segment.folder + "cats.txt"
            guard let bytes = files[path], let newline = bytes.firstIndex(of: 0x0A) else { throw FormatError(description: "\(path) missing") }
            let slugs = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: "\t").map(String.init)
            let numbers = [0] + slugs.map { (categorySlugs.firstIndex(of: $0) ?? -1) + 1 }
            var width = 1
            while (1 << (6 * width)) <= slugs.count { width += 1 }
            let digits = bytes[(newline + 1)...]
            guard digits.count >= segment.documentCount * width else { throw FormatError(description: "\(path): too short") }
            for doc in 0..<segment.documentCount {
                let start = digits.startIndex + doc * width
                let local = (0..<width).reduce(0) { $0 << 6 | value[Int(digits[start + $1])] }
                result.append(local < numbers.count ? numbers[local] : 0)
            }
        }
        return result
    }

    /// BM25's saturated term frequency (k1 1.2, b 0.75) in `levels` steps: tf · (k1 + 1) / (tf + norm),
    /// norm being k1 · (1 − b + b · length / average length); 0 only for tf 0. search.js: the same.
    static func bodyLevel(tf: Int, length: Int, averageLength: Double, levels: Double) -> Int {
        guard tf > 0 else { return 0 }
        let k1 = SearchIndexBuilder.k1, b = SearchIndexBuilder.b
        let norm = k1 * (1 - b + b * Double(length) / averageLength)
        let f = Double(tf)
        let saturated = f * (k1 + 1) / (f + norm)
        return Int(max(1, min(levels, (saturated / (k1 + 1) * levels).rounded())))
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
        func load(_ name: String, in segment: Segment) throws -> Shard {
            if let shard = shards[segment.folder + name] { return shard }
            let shard = try shard(file: name, in: segment)
            shards[segment.folder + name] = shard
            return shard
        }
        var lengths: [String: [Int]] = [:]
        func length(_ segment: Segment) throws -> [Int] {
            if let known = lengths[segment.name] { return known }
            let read = try self.lengths(segment)
            lengths[segment.name] = read
            return read
        }
        let n = documentCount
        var score = [Double](repeating: 0, count: n)
        var mask = [Int](repeating: 0, count: n)
        for (index, term) in terms.enumerated() {
            // Merge the spellings: body level max, flags or-ed.
            var merged: [Int: (flags: Int, level: Int, exact: Bool)] = [:]
            for segment in segments {
                guard let spellings = try load(file(syllable: term.folded, in: segment), in: segment).syllables[term.folded] else { continue }
                let lengths = try length(segment)
                for spelling in spellings {
                    let isExact = term.exact.contains(spelling.exact)
                    for posting in spelling.postings {
                        let doc = segment.first + posting.doc
                        let level = Self.bodyLevel(tf: posting.tf, length: lengths[posting.doc], averageLength: averageLength, levels: 15)
                        let old = merged[doc] ?? (0, 0, false)
                        merged[doc] = (old.flags | posting.flags, max(old.level, level), old.exact || isExact)
                    }
                }
            }
            let idf = Self.idf(documents: n, df: merged.count)
            for (doc, value) in merged {
                var weight = Double(value.level) / 15 * (SearchIndexBuilder.k1 + 1)
                if value.flags & Int(SearchIndexBuilder.titleFlag) != 0 { weight += Self.titleBoost }
                if value.flags & Int(SearchIndexBuilder.termsFlag) != 0 { weight += Self.termsBoost }
                if !term.exact.isEmpty, value.exact { weight *= Self.exactBoost }
                score[doc] += idf * weight
                mask[doc] |= 1 << index
            }
        }
        for pair in pairs {
            let hash = SearchIndexBuilder.fnv1a(pair)
            // A pair's value: in the title or a term (4), then its body level 0–3.
            var merged: [Int: Int] = [:]
            for segment in segments {
                let key = UInt64(hash) >> UInt64(segment.shardCount.trailingZeroBitCount)
                guard let lists = try load(file(pair: pair, in: segment), in: segment).pairs[key] else { continue }
                let lengths = try length(segment)
                for list in lists {
                    for posting in list {
                        let value = (posting.flags != 0 ? 4 : 0)
                            | Self.bodyLevel(tf: posting.tf, length: lengths[posting.doc], averageLength: averageLength, levels: 3)
                        merged[segment.first + posting.doc] = max(merged[segment.first + posting.doc] ?? 0, value)
                    }
                }
            }
            let idf = Self.idf(documents: n, df: merged.count)
            for (doc, value) in merged {
                var weight = Double(value & 3) / 3 * (SearchIndexBuilder.k1 + 1)
                if value & 4 != 0 { weight += Self.titleBoost }
                score[doc] += idf * weight * Self.phraseBoost
            }
        }

        let categoryOf = category == nil ? [] : try categories()
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

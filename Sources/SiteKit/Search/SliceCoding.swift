extension SearchIndexBuilder {
    /// The bytes of a tokenised slice, as kept in the cache and as every build merges them (a
    /// slice tokenised afresh is encoded too, so a cached build cannot differ from a clean one).
    ///
    /// Varints throughout: the document count, the text bytes, each document's length, each
    /// document's entry of `docs/<n>.json` (`head` and `tail` around the category, which is
    /// numbered site-wide), the words (UTF-8, then postings << 1 | plain), the pairs (key minus
    /// the previous key, then postings << 1 | plain), the byte length of the words' postings and
    /// of each key range's (`pairRanges`); then the postings, word by word and pair by pair. A
    /// term is plain when each of its postings has tf 1 and no flags (most pairs): its postings
    /// are `document gap − 1`; otherwise `(gap − 1) << 5 | flags << 3 | min(tf, 7)`, followed
    /// by tf when it is 7 or more.
    enum SliceCoding {
        /// Bump whenever tokenising, the document entries or this encoding change: it is part of
        /// each slice's key, so slices cached by an older sitegen are not reused.
        static let version: UInt64 = 1

        /// Pairs fall in 64 ranges by the top bits of their key, whose postings can be found
        /// without reading the others': the merge takes one range of every slice at a time.
        static let pairRangeBits = 6
        static let pairRanges = 1 << pairRangeBits

        static func pairRange(_ key: UInt32) -> Int { Int(key >> UInt32(32 - pairRangeBits)) }

        static func encode(_ terms: SliceTerms, entries: [(head: [UInt8], tail: [UInt8])]) -> [UInt8] {
            precondition(entries.count == terms.lengths.count)
            // Postings first, to know the lengths that precede them.
            var postings = VarintWriter()
            postings.bytes.reserveCapacity(terms.postingDocuments.count * 3 / 2)
            var runLengths: [Int] = []
            var runStart = 0
            var run = -1
            for term in 0..<(terms.starts.count - 1) {
                let termRun = term < terms.words.count ? -1 : pairRange(terms.pairKeys[term - terms.words.count])
                while run < termRun {
                    runLengths.append(postings.bytes.count - runStart)
                    runStart = postings.bytes.count
                    run += 1
                }
                var previous: Int32 = -1
                let range = Int(terms.starts[term])..<Int(terms.starts[term + 1])
                let plain = isPlain(terms, range)
                for index in range {
                    let document = terms.postingDocuments[index], value = terms.postingValues[index]
                    let gap = UInt64(document - previous - 1)
                    previous = document
                    if plain {
                        postings.varint(gap)
                    } else {
                        let tf = UInt64(value >> 8)
                        postings.varint(gap << 5 | UInt64(value & 3) << 3 | min(tf, 7))
                        if tf >= 7 { postings.varint(tf) }
                    }
                }
            }
            while run < pairRanges {
                runLengths.append(postings.bytes.count - runStart)
                runStart = postings.bytes.count
                run += 1
            }

            var writer = VarintWriter()
            writer.bytes.reserveCapacity(postings.bytes.count + terms.words.count * 8 + terms.pairKeys.count * 5 + entries.count * 256)
            writer.varint(terms.lengths.count)
            writer.varint(terms.textBytes)
            for length in terms.lengths { writer.varint(Int(length)) }
            for entry in entries {
                writer.data(entry.head)
                writer.data(entry.tail)
            }
            writer.varint(terms.words.count)
            for (index, word) in terms.words.enumerated() {
                writer.data(word.utf8)
                writer.varint(count(terms, term: index))
            }
            writer.varint(terms.pairKeys.count)
            var previousKey: UInt32 = 0
            for (index, key) in terms.pairKeys.enumerated() {
                writer.varint(UInt64(key - previousKey))
                previousKey = key
                writer.varint(count(terms, term: terms.words.count + index))
            }
            // The words' run, then each range's.
            for length in runLengths { writer.varint(length) }
            writer.bytes += postings.bytes
            return writer.bytes
        }

        private static func isPlain(_ terms: SliceTerms, _ range: Range<Int>) -> Bool {
            terms.postingValues[range].allSatisfy { $0 == 1 << 8 }
        }

        /// A term's postings << 1 | plain.
        private static func count(_ terms: SliceTerms, term: Int) -> Int {
            let range = Int(terms.starts[term])..<Int(terms.starts[term + 1])
            return range.count << 1 | (isPlain(terms, range) ? 1 : 0)
        }

        /// What precedes the postings: enough to number everything site-wide before any posting is read.
        struct Directory {
            var bytes: [UInt8]
            var lengths: [Int32] = []
            var textBytes = 0
            var entries: [(head: Range<Int>, tail: Range<Int>)] = []
            var words: [String] = []
            var pairKeys: [UInt32] = []
            /// Postings per word, then per pair, and whether they are plain (tf 1, no flags).
            var counts: [Int32] = []
            var plain: [Bool] = []
            /// Where the words' postings are in `bytes`.
            var wordPostings = 0..<0
            /// Per key range, where its pairs' postings are in `bytes`, and its first pair; one more at the end.
            var rangePostings: [Range<Int>] = []
            var rangeFirstPairs: [Int] = []

            var documentCount: Int { lengths.count }
        }

        static func directory(_ bytes: [UInt8]) throws(VarintReader.Corrupt) -> Directory {
            var directory = Directory(bytes: bytes)
            try bytes.withUnsafeBufferPointer { (buffer) throws(VarintReader.Corrupt) in
                var reader = VarintReader(buffer)
                // Every item takes at least one byte, which bounds every count by the size.
                let documents = try reader.int(max: buffer.count)
                directory.textBytes = try reader.int(max: Int(Int32.max))
                directory.lengths.reserveCapacity(documents)
                for _ in 0..<documents { directory.lengths.append(Int32(try reader.int(max: Int(Int32.max)))) }
                directory.entries.reserveCapacity(documents)
                for _ in 0..<documents { directory.entries.append((try reader.data(), try reader.data())) }
                let words = try reader.int(max: buffer.count)
                directory.words.reserveCapacity(words)
                for _ in 0..<words {
                    let word = try reader.data()
                    directory.words.append(String(decoding: buffer[word], as: UTF8.self))
                    try readCount(&reader, documents: documents, into: &directory)
                }
                let pairs = try reader.int(max: buffer.count)
                directory.pairKeys.reserveCapacity(pairs)
                var key: UInt64 = 0
                for index in 0..<pairs {
                    key += try reader.varint()
                    guard key <= UInt64(UInt32.max), index == 0 || key > UInt64(directory.pairKeys[index - 1]) else { throw VarintReader.Corrupt() }
                    directory.pairKeys.append(UInt32(key))
                    try readCount(&reader, documents: documents, into: &directory)
                }
                var runs: [Int] = []
                for _ in 0...pairRanges { runs.append(try reader.int(max: buffer.count)) }
                var start = reader.offset
                directory.wordPostings = start..<(start + runs[0])
                start += runs[0]
                var pair = 0
                for range in 0..<pairRanges {
                    directory.rangeFirstPairs.append(pair)
                    while pair < pairs, pairRange(directory.pairKeys[pair]) == range { pair += 1 }
                    directory.rangePostings.append(start..<(start + runs[range + 1]))
                    start += runs[range + 1]
                }
                directory.rangeFirstPairs.append(pairs)
                // The runs fill the rest exactly, and each posting takes a byte at least: a
                // directory announcing more is damaged (and must not make the merge allocate for them).
                guard start == buffer.count,
                      directory.counts.reduce(0, { $0 + Int($1) }) <= buffer.count - reader.offset else { throw VarintReader.Corrupt() }
            }
            return directory
        }

        /// A term's postings << 1 | plain. A function of its own rather than one nested in `directory`:
        /// a nested function capturing the reader made every access to it checked at run time.
        @inline(__always)
        private static func readCount(_ reader: inout VarintReader, documents: Int, into directory: inout Directory) throws(VarintReader.Corrupt) {
            let count = try reader.int(max: 2 * documents + 1)
            directory.counts.append(Int32(count >> 1))
            directory.plain.append(count & 1 == 1)
        }

        /// Reads a run of postings, term by term: `startTerm()`, then `next()` as many times as
        /// the directory's count; `isComplete` at the end of the run. Throws on anything the
        /// directory does not allow (documents out of order or range, tf out of range).
        struct PostingReader {
            private var reader: VarintReader
            private let end: Int
            private let documents: Int
            private var document = -1

            /// `buffer` holds the directory's bytes and must outlive the reader.
            init(_ buffer: UnsafeBufferPointer<UInt8>, run: Range<Int>, documents: Int) {
                reader = VarintReader(UnsafeBufferPointer(rebasing: buffer[..<run.upperBound]), offset: run.lowerBound)
                end = run.upperBound
                self.documents = documents
            }

            /// Before the first posting of a term.
            mutating func startTerm() { document = -1 }

            @inline(__always)
            mutating func next(plain: Bool) throws(VarintReader.Corrupt) -> (document: Int, tf: UInt32, flags: UInt32) {
                let code = try reader.varint()
                let gap = plain ? code : code >> 5
                guard gap < UInt64(documents) else { throw VarintReader.Corrupt() }
                document += Int(gap) + 1
                guard document < documents else { throw VarintReader.Corrupt() }
                if plain { return (document, 1, 0) }
                var tf = code & 7
                if tf == 7 {
                    tf = try reader.varint()
                    guard tf >= 7, tf <= 0xFF_FFFF else { throw VarintReader.Corrupt() }
                }
                return (document, UInt32(tf), UInt32(code >> 3 & 3))
            }

            var isComplete: Bool { reader.offset == end }
        }
    }
}

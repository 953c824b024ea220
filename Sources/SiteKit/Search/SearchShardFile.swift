extension SearchIndexBuilder {
    /// The lists of one posting file (a shard, or a list of its own), both ways: written by every
    /// build, and read back by a cached one that patches the files an edit touched
    /// (`SearchSegmentPatch`). Postings are `packed`; a pair's flags are 0 or 1.
    struct ShardFile {
        /// In byte order of the folded form; each one's spellings in byte order.
        var syllables: [(folded: String, spellings: [(exact: String, list: ArraySlice<UInt32>)])] = []
        /// Whole keys, ascending.
        var pairs: [(key: UInt32, list: ArraySlice<UInt32>)] = []

        /// The file's bytes (see `SearchIndexBuilder` for the format); `shardBits` is log2 of
        /// the segment's shards, `documents` its document count.
        func encoded(shardBits: Int, documents: Int) -> [UInt8] {
            var header: [UInt8] = []
            var bits = BitWriter()
            for (folded, spellings) in syllables {
                header += Array(folded.utf8)
                if !(spellings.count == 1 && spellings[0].exact == folded) {
                    for spelling in spellings { header.append(0x09); header += Array(spelling.exact.utf8) }
                }
                header.append(0x0A)
                for spelling in spellings { writeList(spelling.list, documents: documents, into: &bits) }
            }
            bits.gamma(UInt64(pairs.count + 1))
            let k = BitWriter.riceParameter(space: 1 << (32 - shardBits), count: max(1, pairs.count))
            var previous: UInt64 = 0
            for (key, list) in pairs {
                let stored = UInt64(key) >> UInt64(shardBits)
                bits.rice(stored - previous, k: k)
                previous = stored
                writeList(list, documents: documents, into: &bits)
            }
            let length = UInt32(header.count)
            return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + header + bits.finish()
        }

        /// Reads `encoded` back. `lowBits` are the low bits of its pairs' keys that the file
        /// leaves out: the shard's number, or the key of a pair's own file.
        init(decoding bytes: [UInt8], lowBits: UInt32, shardBits: Int, documents: Int) throws(BitReader.EndOfData) {
            guard bytes.count >= 4 else { throw BitReader.EndOfData() }
            let headerLength = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
            guard 4 + headerLength <= bytes.count else { throw BitReader.EndOfData() }
            var reader = BitReader(bytes, byteOffset: 4 + headerLength)
            for line in bytes[4..<(4 + headerLength)].split(separator: 0x0A) {
                let parts = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
                let spellings = parts.count == 1 ? parts : Array(parts.dropFirst())
                var read: [(exact: String, list: ArraySlice<UInt32>)] = []
                for spelling in spellings { read.append((spelling, try Self.list(&reader, documents: documents, isPair: false))) }
                syllables.append((parts[0], read))
            }
            let pairCount = Int(try reader.gamma()) - 1
            let k = BitWriter.riceParameter(space: 1 << (32 - shardBits), count: max(1, pairCount))
            var stored: UInt64 = 0
            let mask = UInt32((1 << UInt64(shardBits)) - 1)
            for _ in 0..<pairCount {
                stored += try reader.rice(k: k)
                guard stored < 1 << UInt64(32 - shardBits) else { throw BitReader.EndOfData() }
                let key = UInt32(stored) << UInt32(shardBits) | (lowBits & mask)
                pairs.append((key, try Self.list(&reader, documents: documents, isPair: true)))
            }
        }

        init() {}

        private static func list(_ reader: inout BitReader, documents: Int, isPair: Bool) throws(BitReader.EndOfData) -> ArraySlice<UInt32> {
            let count = Int(try reader.gamma())
            guard count <= documents else { throw BitReader.EndOfData() }
            let k = BitWriter.riceParameter(space: documents, count: count)
            var postings: [UInt32] = []
            postings.reserveCapacity(count)
            var doc = -1
            for _ in 0..<count {
                doc += Int(try reader.rice(k: k)) + 1
                guard doc < documents else { throw BitReader.EndOfData() }
                let (flags, tf) = try PostingCode.read(&reader)
                guard tf <= Int(tfMask), !isPair || flags <= 1 else { throw BitReader.EndOfData() }
                postings.append(packed(document: UInt32(doc), tf: UInt32(tf), flags: UInt32(flags)))
            }
            return postings[...]
        }
    }
}

import Foundation

extension SearchIndexBuilder {
    /// A run of consecutive documents, tokenised: the unit kept between builds (`SliceCoding`).
    /// An inverted index of its own, so that merging slices concatenates lists instead of
    /// sorting every posting of the archive. Documents are numbered from 0 within the slice.
    struct SliceTerms: Equatable {
        /// Per document: how many syllables its body has (BM25's document length).
        var lengths: [Int32] = []
        var textBytes = 0
        /// Exact forms, in the order the slice first uses them (a function of its documents only).
        var words: [String] = []
        /// Pair keys, ascending.
        var pairKeys: [UInt32] = []
        /// Where each word's, then each pair's, postings start; one more at the end.
        var starts: [Int32] = [0]
        /// Per posting: the document, and tf << 8 | flags (`titleFlag`, `termsFlag`), in document order per term.
        var postingDocuments: [Int32] = []
        var postingValues: [UInt32] = []
    }

    /// Tokenises documents a slice at a time. What it learns about spellings (their exact and
    /// folded forms: the costly part) is kept from one slice to the next; nothing else is.
    struct Tokeniser {
        // Spellings seen so far, by id of their exact form ("Tỉnh" and "tỉnh" are one syllable).
        private var spellings = SpellingTable()
        private var exactIDs: [String: Int32] = [:]
        private var exactForms: [String] = []
        /// Per id: FNV-1a of the folded form, and where its bytes are in `foldedArena`.
        private var foldedHashes: [UInt32] = []
        private var foldedRanges: [Range<Int>] = []
        private var foldedArena: [UInt8] = []

        // Per document: term frequency and fields by id, reset through `touched`.
        private var tf: [UInt32] = []
        private var fields: [UInt8] = []
        private var touched: [Int32] = []
        /// The document's pairs (key << 32 | tf << 8 | flags) and an open-addressing index over them.
        private var pairs: [UInt64] = []
        private var pairSlots = [Int32](repeating: -1, count: 1 << 11)
        private var pairSlotOf: [Int] = []
        private var length: Int32 = 0

        // Per slice: its words (ids in order of first use, and id → local word + 1), its postings.
        private var sliceWords: [Int32] = []
        private var localWord: [Int32] = []
        private var syllableWords: [Int32] = []
        private var syllableDocuments: [Int32] = []
        private var syllableValues: [UInt32] = []
        private var pairEntries: [UInt64] = []
        private var pairDocuments: [Int32] = []
        private var slice = SliceTerms()

        /// The documents as one slice.
        mutating func tokenise(_ documents: some Sequence<SearchDocument>) -> SliceTerms {
            for document in documents { add(document) }
            return finishSlice()
        }

        mutating func add(_ document: SearchDocument) {
            touched.removeAll(keepingCapacity: true)
            pairs.removeAll(keepingCapacity: true)
            length = 0
            add(document.title, flags: titleFlag)
            for term in document.terms { add(term, flags: termsFlag) }
            if !document.summary.isEmpty { add(document.summary, flags: 0) }
            SearchText.plainTextBytes(fromHTML: document.bodyHTML).withUnsafeBufferPointer { add($0, flags: 0) }
            let documentIndex = Int32(slice.lengths.count)
            let tfLimit: UInt32 = 0xFF_FFFF
            for id in touched {
                if localWord[Int(id)] == 0 {
                    sliceWords.append(id)
                    localWord[Int(id)] = Int32(sliceWords.count)
                }
                syllableWords.append(localWord[Int(id)] - 1)
                syllableDocuments.append(documentIndex)
                syllableValues.append(min(tf[Int(id)], tfLimit) << 8 | UInt32(fields[Int(id)] & 0x7F))
                tf[Int(id)] = 0
                fields[Int(id)] = 0
            }
            for slot in pairSlotOf { pairSlots[slot] = -1 }
            pairSlotOf.removeAll(keepingCapacity: true)
            pairEntries += pairs
            pairDocuments += repeatElement(documentIndex, count: pairs.count)
            slice.lengths.append(length)
        }

        /// The slice so far, its postings grouped by word and by pair; the next starts empty.
        mutating func finishSlice() -> SliceTerms {
            var result = slice
            result.words = sliceWords.map { exactForms[Int($0)] }
            // Syllables: a counting sort by word keeps each word's documents in order.
            var next = [Int32](repeating: 0, count: sliceWords.count + 1)
            for word in syllableWords { next[Int(word) + 1] += 1 }
            for index in 1..<next.count { next[index] += next[index - 1] }
            result.starts = next
            // Pairs: a stable radix sort by key (entries are in document order).
            var order = pairEntries.enumerated().map { UInt64(UInt32(truncatingIfNeeded: $0.element >> 32)) << 32 | UInt64($0.offset) }
            radixSortByHighWord(&order)
            for (offset, entry) in order.enumerated() where result.pairKeys.last != UInt32(entry >> 32) {
                if !result.pairKeys.isEmpty { result.starts.append(Int32(syllableWords.count + offset)) }
                result.pairKeys.append(UInt32(entry >> 32))
            }
            if !result.pairKeys.isEmpty { result.starts.append(Int32(syllableWords.count + order.count)) }
            // Both in place, through buffers: this runs for every posting of the archive.
            let syllableCount = syllableWords.count, total = syllableCount + order.count
            var documents = [Int32](repeating: 0, count: total), values = [UInt32](repeating: 0, count: total)
            documents.withUnsafeMutableBufferPointer { documents in
                values.withUnsafeMutableBufferPointer { values in
                    next.withUnsafeMutableBufferPointer { next in
                        for index in 0..<syllableCount {
                            let word = Int(syllableWords[index])
                            let position = Int(next[word])
                            documents[position] = syllableDocuments[index]
                            values[position] = syllableValues[index]
                            next[word] += 1
                        }
                    }
                    for (offset, entry) in order.enumerated() {
                        let index = Int(UInt32(truncatingIfNeeded: entry))
                        documents[syllableCount + offset] = pairDocuments[index]
                        values[syllableCount + offset] = UInt32(truncatingIfNeeded: pairEntries[index])
                    }
                }
            }
            result.postingDocuments = documents
            result.postingValues = values

            for id in sliceWords { localWord[Int(id)] = 0 }
            sliceWords.removeAll(keepingCapacity: true)
            syllableWords.removeAll(keepingCapacity: true)
            syllableDocuments.removeAll(keepingCapacity: true)
            syllableValues.removeAll(keepingCapacity: true)
            pairEntries.removeAll(keepingCapacity: true)
            pairDocuments.removeAll(keepingCapacity: true)
            slice = SliceTerms()
            return result
        }

        private mutating func addPair(_ key: UInt32, body: UInt32, flags: UInt8) {
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

        private mutating func id(_ raw: UnsafeBufferPointer<UInt8>) -> Int32 {
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
                id = Int32(exactForms.count)
                exactForms.append(exact)
                foldedHashes.append(fnv1a(foldedBytes))
                foldedRanges.append(foldedArena.count..<(foldedArena.count + foldedBytes.count))
                foldedArena += foldedBytes
                tf.append(0)
                fields.append(0)
                localWord.append(0)
                exactIDs[exact] = id
            }
            spellings.insert(raw, hash: hash, id: id)
            return id
        }

        /// FNV-1a of "first second" (folded), continuing from the first's hash.
        private func pairKey(_ first: Int32, _ second: Int32) -> UInt32 {
            var hash = (foldedHashes[Int(first)] ^ 0x20) &* 16_777_619
            for index in foldedRanges[Int(second)] { hash = (hash ^ UInt32(foldedArena[index])) &* 16_777_619 }
            return hash
        }

        private mutating func add(_ text: String, flags: UInt8) {
            var text = text
            text.withUTF8 { add($0, flags: flags) }
        }

        private mutating func add(_ buffer: UnsafeBufferPointer<UInt8>, flags: UInt8) {
            var previous: Int32 = -1
            let isBody: UInt32 = flags == 0 ? 1 : 0
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
            slice.textBytes += buffer.count
        }
    }

    /// Spellings as written (raw UTF-8) → syllable id: an open-addressing table over a byte arena,
    /// so the hot loop neither allocates nor hashes Swift strings.
    struct SpellingTable {
        private var arena: [UInt8] = []
        private var entries: [(hash: UInt32, start: Int32, length: Int32, id: Int32)] = []
        private var slots = [Int32](repeating: -1, count: 1 << 12)

        func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32? {
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
}

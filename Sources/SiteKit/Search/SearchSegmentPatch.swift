extension SearchIndexBuilder {
    /// A segment's slices that changed since the last build, with the same documents in each
    /// (an edit that kept the article's path, or a category's new slug): the segment-local
    /// index of each slice, its new directory and, when its tokens changed, its old one.
    struct SliceChange {
        var slice: Int
        var new: SliceCoding.Directory
        var old: SliceCoding.Directory?
    }

    /// The segment of `record` with `changes` applied to the files the last build wrote, which
    /// are read only where a changed slice has a list or a document: the same files a merge of
    /// all its slices writes, at the cost of the change. Nil when the change would choose other
    /// files (another number of shards, a list growing into a file of its own or shrinking out
    /// of it, a hash shared by two syllables) or a file is no longer as written: the caller
    /// merges the segment's slices instead.
    static func patch(_ record: SegmentRecord, changes: [SliceChange], neighbours: [Int: SliceCoding.Directory],
                      categorySlugs slugs: [String], previous: PreviousFiles, options: Options) -> Segment? {
        var summary = record.summary
        let folder = "s/\(summary.name)/"
        let documents = summary.documentCount
        let shardBits = summary.shardCount.trailingZeroBitCount
        let mask = UInt32(summary.shardCount - 1)
        var starts = [0]
        for count in record.sliceCounts { starts.append(starts.last! + count) }
        let entryIndex = Dictionary(uniqueKeysWithValues: record.files.enumerated().map { ($1.path, $0) })

        /// A file of the last build, if it is still there as the record says.
        func previousBytes(_ path: String) -> [UInt8]? {
            guard let index = entryIndex[folder + path], previous.hash(folder + path) == record.files[index].hash,
                  let bytes = previous.bytes(folder + path), bytes.count == record.files[index].size else { return nil }
            return bytes
        }

        // The replaced documents, and the new postings of each syllable and pair (numbered in the segment).
        var replaced: [Range<Int>] = []
        var newWords: [String: [UInt32]] = [:]
        var newPairs: [UInt32: [UInt32]] = [:]
        var touchedFolded: Set<String> = []
        var touchedPairs: Set<UInt32> = []
        for change in changes {
            guard let old = change.old else { continue }
            let range = starts[change.slice]..<starts[change.slice + 1]
            guard old.documentCount == range.count, change.new.documentCount == range.count,
                  let postings = try? merge([change.new]), let oldPostings = try? merge([old]) else { return nil }
            replaced.append(range)
            // Only the lists that differ within the slice: those of the edited article's words
            // (the slice's other articles are as they were).
            var oldWords: [String: ArraySlice<UInt32>] = [:], oldPairs: [UInt32: ArraySlice<UInt32>] = [:]
            for (id, exact) in oldPostings.exactForms.enumerated() { oldWords[exact] = oldPostings.syllableList(id) }
            for (group, key) in oldPostings.pairKeys.enumerated() { oldPairs[key] = oldPostings.pairList(group) }
            let shift = UInt32(range.lowerBound) << documentShift
            for (id, exact) in postings.exactForms.enumerated() {
                let list = postings.syllableList(id)
                newWords[exact, default: []] += list.map { $0 + shift }
                if oldWords.removeValue(forKey: exact).map({ !$0.elementsEqual(list) }) ?? true { touchedFolded.insert(SearchText.folded(exact)) }
            }
            for (group, key) in postings.pairKeys.enumerated() {
                let list = postings.pairList(group)
                newPairs[key, default: []] += list.map { $0 + shift }
                if oldPairs.removeValue(forKey: key).map({ !$0.elementsEqual(list) }) ?? true { touchedPairs.insert(key) }
            }
            // Gone from the slice.
            for exact in oldWords.keys { touchedFolded.insert(SearchText.folded(exact)) }
            touchedPairs.formUnion(oldPairs.keys)
            summary.textBytes += change.new.textBytes - old.textBytes
        }
        var newSpellings: [String: [String]] = [:]
        for exact in newWords.keys { newSpellings[SearchText.folded(exact), default: []].append(exact) }

        // The files those lists are in: the same ones as before, unless the checks below say otherwise.
        let large = Set(summary.largeSyllables), largePairs = Set(summary.largePairs)
        let collisions = Set(summary.collisionHashes), largeHashes = Set(summary.largeSyllables.map { fnv1a($0) })
        var affected: [String: UInt32] = [:]  // path below the segment → the low bits of its pair keys
        for folded in touchedFolded {
            let hash = fnv1a(folded)
            guard !collisions.contains(hash), large.contains(folded) || !largeHashes.contains(hash) else { return nil }
            affected[large.contains(folded) ? "index/w\(hex(hash)).bin" : "index/\(hash & mask).bin"] = hash & mask
        }
        for key in touchedPairs {
            affected[largePairs.contains(key) ? "index/p\(hex(key)).bin" : "index/\(key & mask).bin"] = key & mask
        }

        func isReplaced(_ posting: UInt32) -> Bool {
            let document = Int(posting >> documentShift)
            return replaced.contains { $0.contains(document) }
        }
        /// A list without the replaced documents' postings, with their new ones in order.
        func patched(_ list: ArraySlice<UInt32>, adding added: [UInt32]?) -> ArraySlice<UInt32> {
            var result = list.filter { !isReplaced($0) }
            if let added, !added.isEmpty {
                result += added
                result.sort()
            }
            return result[...]
        }

        let largeBits = options.largeListBytes * 8
        var patchedFiles: [String: [UInt8]] = [:]
        for (path, lowBits) in affected {
            guard let bytes = previousBytes(path),
                  var file = try? ShardFile(decoding: bytes, lowBits: lowBits, shardBits: shardBits, documents: documents) else { return nil }
            // Syllables: every touched one that belongs in this file, old or new.
            var byFolded: [String: [(exact: String, list: ArraySlice<UInt32>)]] = [:]
            for (folded, spellings) in file.syllables { byFolded[folded] = spellings }
            for folded in touchedFolded {
                let hash = fnv1a(folded)
                let home = large.contains(folded) ? "index/w\(hex(hash)).bin" : "index/\(hash & mask).bin"
                guard home == path else { continue }
                let before = byFolded[folded] ?? []
                var spellings: [String: ArraySlice<UInt32>] = [:]
                for spelling in before { spellings[spelling.exact] = spelling.list }
                for exact in newSpellings[folded] ?? [] where spellings[exact] == nil { spellings[exact] = [] }
                let after = spellings.map { (exact: $0.key, list: patched($0.value, adding: newWords[$0.key])) }
                    .filter { !$0.list.isEmpty }.sorted { ByteOrder.less($0.exact, $1.exact) }
                let oldCost = before.isEmpty ? 0 : syllableCost(folded, spellings: before, documents: documents)
                let newCost = after.isEmpty ? 0 : syllableCost(folded, spellings: after, documents: documents)
                // A list that would move into or out of a file of its own: not a patch.
                if !after.isEmpty && (newCost > largeBits) != large.contains(folded) { return nil }
                if after.isEmpty && large.contains(folded) { return nil }
                if !large.contains(folded) { summary.smallBits += newCost - oldCost }
                summary.syllables += (after.isEmpty ? 0 : 1) - (before.isEmpty ? 0 : 1)
                summary.postings += after.count - before.count
                byFolded[folded] = after.isEmpty ? nil : after
            }
            file.syllables = byFolded.keys.sorted(by: ByteOrder.less).map { ($0, byFolded[$0]!) }
            // Pairs.
            var byKey: [UInt32: ArraySlice<UInt32>] = [:]
            for (key, list) in file.pairs { byKey[key] = list }
            for key in touchedPairs {
                let home = largePairs.contains(key) ? "index/p\(hex(key)).bin" : "index/\(key & mask).bin"
                guard home == path else { continue }
                let before = byKey[key]
                let after = patched(before ?? [], adding: newPairs[key])
                let oldCost = before.map { pairCost($0, documents: documents) } ?? 0
                let newCost = after.isEmpty ? 0 : pairCost(after, documents: documents)
                if !after.isEmpty && (newCost > largeBits) != largePairs.contains(key) { return nil }
                if after.isEmpty && largePairs.contains(key) { return nil }
                if !largePairs.contains(key) { summary.smallBits += newCost - oldCost }
                summary.pairs += (after.isEmpty ? 0 : 1) - (before == nil ? 0 : 1)
                summary.postings += (after.isEmpty ? 0 : 1) - (before == nil ? 0 : 1)
                byKey[key] = after.isEmpty ? nil : after
            }
            file.pairs = byKey.keys.sorted().map { ($0, byKey[$0]!) }
            patchedFiles[path] = file.encoded(shardBits: shardBits, documents: documents)
        }
        // The number of shards follows from what they hold.
        var shardCount = 1
        while shardCount < options.maxShards, shardCount * options.targetShardBytes * 8 < summary.smallBits { shardCount *= 2 }
        guard shardCount == summary.shardCount else { return nil }

        // Documents: the chunks of the changed slices, and the segment's categories and lengths.
        let chunkSize = max(1, options.chunkSize)
        var chunks: Set<Int> = []
        for change in changes where starts[change.slice] < starts[change.slice + 1] {
            chunks.formUnion((starts[change.slice] / chunkSize)...((starts[change.slice + 1] - 1) / chunkSize))
        }
        var sliceDirectories = neighbours
        for change in changes { sliceDirectories[change.slice] = change.new }
        var located: [(first: Int, directory: SliceCoding.Directory)] = []
        for slice in record.sliceCounts.indices {
            let range = starts[slice]..<starts[slice + 1]
            guard chunks.contains(where: { ($0 * chunkSize..<($0 + 1) * chunkSize).overlaps(range) }) else { continue }
            guard let directory = sliceDirectories[slice] else { return nil }
            located.append((range.lowerBound, directory))
        }
        for file in documentFiles(slugs, slices: located, chunks: chunks.sorted(), chunkSize: chunkSize) { patchedFiles[file.path] = file.bytes }
        patchedFiles["cats.txt"] = categoryFile(slugs).bytes
        if !replaced.isEmpty {
            guard let bytes = previousBytes("lengths.bin") else { return nil }
            var lengths: [Int32] = []
            lengths.reserveCapacity(documents)
            let complete = bytes.withUnsafeBufferPointer { buffer in
                var reader = VarintReader(buffer)
                while !reader.isAtEnd, let value = try? reader.int(max: Int(Int32.max)) { lengths.append(Int32(value)) }
                return reader.isAtEnd
            }
            guard complete, lengths.count == documents else { return nil }
            for change in changes where change.old != nil {
                lengths.replaceSubrange(starts[change.slice]..<starts[change.slice + 1], with: change.new.lengths)
            }
            summary.totalLength = lengths.reduce(0) { $0 + Int($1) }
            patchedFiles["lengths.bin"] = lengthsFile(lengths).bytes
        }

        // Every file as the record has it, but those patched; written only where the bytes changed.
        var segment = Segment(summary: summary)
        for entry in record.files {
            let local = String(entry.path.dropFirst(folder.count))
            if let bytes = patchedFiles[local] {
                let hash = ContentHash.of(bytes)
                segment.entries.append((entry.path, hash, bytes.count))
                let delta = bytes.count - entry.size
                if local.hasPrefix("index/") { segment.summary.shardBytes += delta }
                else if local.hasPrefix("docs/") { segment.summary.documentBytes += delta }
                else { segment.summary.otherBytes += delta }
                if hash == entry.hash && bytes.count == entry.size && previous.hash(entry.path) == hash {
                    segment.kept.append(entry.path)
                } else {
                    segment.files.append(OutputFile(path: entry.path, bytes: bytes))
                }
                patchedFiles[local] = nil
            } else {
                guard previous.hash(entry.path) == entry.hash else { return nil }
                segment.entries.append(entry)
                segment.kept.append(entry.path)
            }
        }
        // A file the record does not have (a new shard would have changed the count above).
        guard patchedFiles.isEmpty else { return nil }
        segment.summary.version = version(name: summary.name, fileHashes: segment.entries.map(\.hash))
        return segment
    }
}

import Foundation

/// `.sitegen-cache/` in the project folder: what the last build read and wrote, so the next one
/// redoes only what changed. Losing it costs one full build, never a wrong page: anything that
/// does not match exactly (another sitegen binary, other settings, a damaged file) is ignored.
struct BuildCache {
    static let formatVersion: UInt64 = 11
    let folder: URL
    /// Files found damaged while reading (their checksum did not match): reported as warnings.
    let damaged = DamagedFiles()

    init(project: Project) {
        folder = project.root.appendingPathComponent(".sitegen-cache")
    }

    init(folder: URL) {
        self.folder = folder
    }

    /// What a build that changed nothing must find, and what it reports without doing anything.
    struct State {
        /// Every input's stamp, the options and the generator (`InputScan.fingerprint`).
        var inputs: UInt64
        /// The first moment an article now in the future becomes due (a rebuild then is not a no-op).
        var nextDue: Double
        var articles: Int
        var pages: Int
        var warnings: [SourceError]
        /// Output file (by `SignatureMemo.fileKey`) → signature of what it was rendered from (`PageSignatures`).
        var signatures: [UInt64: UInt64]
        /// The scan's fingerprint of each kind of input, for the next build's `ChangeSet`.
        var areas = InputScan.Areas()
        /// What the signatures were made from, so that the next build signs only pages made of something else.
        var memo = SignatureMemo()
        /// The digest of the output paths this build checked and found writable (`OutputPlan.digest`).
        var outputPaths: UInt64 = 0
    }

    /// This sitegen binary: a rebuilt generator may render differently, so caches do not carry over.
    static let generator: UInt64 = {
        var hash = formatVersion
        if let stamp = FileTree.Stamp.of("/proc/self/exe") ?? FileTree.Stamp.of(CommandLine.arguments.first ?? "") {
            stamp.hash(into: &hash)
        }
        return hash
    }()

    /// Words only, keyed by the hash of each output path: the state of 35,000 articles has
    /// 87,000 pages, and reading or writing them as strings was a good part of a rebuild.
    func readState() -> State? {
        readFile("state") { reader in
            let inputs = try reader.uint64(), nextDue = try reader.double()
            let articles = try reader.int(), pages = try reader.int()
            let warnings = try (0..<reader.count()).map { _ in try reader.sourceError() }
            let areas = InputScan.Areas(templates: try reader.uint64(), settings: try reader.uint64(), data: try reader.uint64(),
                                        otherFiles: try reader.uint64())
            let outputPaths = try reader.uint64()
            func table() throws -> [UInt64: UInt64] {
                let count = try reader.count()
                var table: [UInt64: UInt64] = [:]
                table.reserveCapacity(count)
                for _ in 0..<count { table[try reader.uint64()] = try reader.uint64() }
                return table
            }
            var memo = SignatureMemo()
            let signatures = try table()
            memo.inputs = try table()
            let parts = try reader.count()
            memo.parts.reserveCapacity(parts)
            for _ in 0..<parts {
                memo.parts[try reader.uint64()] = PageSignatures.ArticleParts(item: try reader.uint64(), feed: try reader.uint64())
            }
            guard reader.isAtEnd else { throw BinaryReader.Corrupt() }
            return State(inputs: inputs, nextDue: nextDue, articles: articles, pages: pages, warnings: warnings, signatures: signatures,
                         areas: areas, memo: memo, outputPaths: outputPaths)
        }
    }

    func write(_ state: State) {
        saveFile("state") { writer in
            writer.reserve(8 * (16 + 2 * state.signatures.count + 2 * state.memo.inputs.count + 3 * state.memo.parts.count))
            writer.uint64(state.inputs)
            writer.double(state.nextDue)
            writer.int(state.articles)
            writer.int(state.pages)
            writer.int(state.warnings.count)
            for warning in state.warnings { writer.sourceError(warning) }
            for area in [state.areas.templates, state.areas.settings, state.areas.data, state.areas.otherFiles] { writer.uint64(area) }
            writer.uint64(state.outputPaths)
            for table in [state.signatures, state.memo.inputs] {
                writer.int(table.count)
                for (key, value) in table.sorted(by: { $0.key < $1.key }) {
                    writer.uint64(key)
                    writer.uint64(value)
                }
            }
            writer.int(state.memo.parts.count)
            for (key, parts) in state.memo.parts.sorted(by: { $0.key < $1.key }) {
                writer.uint64(key)
                writer.uint64(parts.item)
                writer.uint64(parts.feed)
            }
        }
    }

    /// Articles are kept in shards by path, so that an edit rewrites one small file rather than
    /// the whole archive's, and the shards are read in parallel. Each shard's bodies are in a
    /// file of their own (`BodyFile`), read only where a body is needed.
    static let articleShards = 64

    static func shard(of path: String) -> Int {
        Int(ContentHash.spread(ContentHash.of(path)) % UInt64(articleShards))
    }

    /// Enriched articles by content path, valid while their file's stamp and the settings they
    /// were enriched with (`settings`: site.yml and the views file) are unchanged.
    func readArticles(settings: UInt64) -> CachedArticles {
        CachedArticles(shards: parallelMap(Array(0..<Self.articleShards)) { CachedArticles.Shard(readShard($0, settings: settings)) },
                       shardOf: Self.shard(of:))
    }

    private func readShard(_ shard: Int, settings: UInt64) -> [CachedArticles.Entry] {
        guard var reader = self.reader("articles-\(shard)") else { return [] }
        let name = "bodies-\(shard)"
        guard let bodies = BodyFile(path: folder.appendingPathComponent(name).path, name: name, damaged: damaged) else {
            damaged.add(name)
            return []
        }
        do {
            guard try reader.uint64() == Self.generator, try reader.uint64() == settings else { return [] }
            return try (0..<reader.count()).map { _ in
                let path = try reader.string()
                let stamp = FileTree.Stamp(size: Int64(try reader.int()), modifiedSeconds: Int64(try reader.int()),
                                           modifiedNanoseconds: Int64(try reader.int()), inode: try reader.uint64())
                return (path, stamp, try reader.enriched(bodies: bodies))
            }
        } catch {
            damaged.add("articles-\(shard)")
            return []
        }
    }

    /// The shards that hold a path of `changed` (all of them when `changed` is nil): those to write again.
    static func shards(holding changed: Set<String>?) -> Set<Int> {
        changed.map { Set($0.map(shard(of:))) } ?? Set(0..<articleShards)
    }

    /// Rewrites the shards holding a path in `changed` (all of them when `changed` is nil) with
    /// `entries`, which hold at least every article of those shards (the others are not read).
    /// A shard with a body that cannot be read back is removed instead: its articles are enriched
    /// again by the next build.
    func writeArticles(_ entries: [CachedArticles.Entry], settings: UInt64, changed: Set<String>?) {
        let dirty = Self.shards(holding: changed)
        var shards = [[Int]](repeating: [], count: Self.articleShards)
        for (index, entry) in entries.enumerated() { shards[Self.shard(of: entry.path)].append(index) }
        _ = parallelMap(dirty.sorted()) { shard -> Bool in
            var writer = BinaryWriter()
            var bodies: [UInt8] = []
            writer.uint64(Self.generator)
            writer.uint64(settings)
            writer.int(shards[shard].count)
            for index in shards[shard] {
                let entry = entries[index]
                let start = bodies.count
                guard entry.result.article.body.withUTF8({ bodies += $0 }) != nil else {
                    removeArticles(shard)
                    return false
                }
                writer.string(entry.path)
                writer.int(Int(entry.stamp.size))
                writer.int(Int(entry.stamp.modifiedSeconds))
                writer.int(Int(entry.stamp.modifiedNanoseconds))
                writer.uint64(entry.stamp.inode)
                writer.enriched(entry.result, bodyAt: start..<bodies.count)
            }
            // The bodies first: an `articles-N` is never in place before the bodies it points
            // into (were the build stopped between the two, each body's hash finds the mismatch).
            Self.save(bodies, in: folder, as: "bodies-\(shard)")
            save(writer.bytes, as: "articles-\(shard)")
            return true
        }
    }

    /// After a body was lost (`DamagedFiles.lostBody`): the article shards, the search slices that
    /// may have been tokenised from it and the state, so the next build makes them all again.
    func forgetArticles() {
        removeArticles()
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("search"))
        unlink(folder.appendingPathComponent("state").path)
        damaged.forgetLostBodies()
    }

    /// Thrown before a build commits anything it made from a body that could not be read back.
    struct BodyLost: Error {
        let cache: BuildCache
    }

    /// Removes a shard's files (or every shard's): what they held is enriched again.
    func removeArticles(_ shard: Int? = nil) {
        for shard in shard.map({ [$0] }) ?? Array(0..<Self.articleShards) {
            for name in ["articles-\(shard)", "bodies-\(shard)"] { unlink(folder.appendingPathComponent(name).path) }
        }
    }

    /// The "Tin khác" lists of the last build, with what they were computed from, and the words
    /// of the last build that made the terms (`RelatedMemo`).
    var relatedMemo: RelatedMemo {
        let cache = self
        return RelatedMemo(
            recall: {
                cache.readFile("related") { reader in
                    let settings = try reader.uint64()
                    var keys: [UInt64] = [], lists: [[Int]] = [], reach: [Int] = []
                    for _ in 0..<(try reader.count()) {
                        keys.append(try reader.uint64())
                        reach.append(try reader.int())
                        lists.append(try (0..<reader.count()).map { _ in try reader.int() })
                    }
                    return RelatedLists(settings: settings, keys: keys, lists: lists, reach: reach)
                }
            },
            keep: { lists in
                cache.saveFile("related") { writer in
                    writer.uint64(lists.settings)
                    writer.int(lists.keys.count)
                    for article in lists.keys.indices {
                        writer.uint64(lists.keys[article])
                        writer.int(lists.reach[article])
                        writer.int(lists.lists[article].count)
                        for other in lists.lists[article] { writer.int(other) }
                    }
                }
            },
            recallWords: { cache.readFile("related-words") { try RelatedWords.read(from: &$0) } },
            keepWords: { words in cache.saveFile("related-words") { words.write(to: &$0) } })
    }

    /// The cache file `name` as `decode` reads it after the generator that wrote it, when this
    /// binary wrote it; one that does not decode is noted as damaged.
    private func readFile<Value>(_ name: String, _ decode: (inout BinaryReader) throws -> Value) -> Value? {
        guard var reader = reader(name) else { return nil }
        do {
            guard try reader.uint64() == Self.generator else { return nil }
            return try decode(&reader)
        } catch {
            damaged.add(name)
            return nil
        }
    }

    /// Saves the cache file `name`: this generator, then what `encode` writes.
    private func saveFile(_ name: String, _ encode: (inout BinaryWriter) -> Void) {
        var writer = BinaryWriter()
        writer.uint64(Self.generator)
        encode(&writer)
        save(writer.bytes, as: name)
    }

    /// Written beside and renamed, so a crash leaves the old cache or the new one, and sealed
    /// with its length and checksum (`load` checks them): a flipped byte must never become a
    /// wrong page or a count trusted. A cache that cannot be written is not an error: the next
    /// build is a full one.
    func save(_ payload: [UInt8], as name: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.sealSize + payload.count)
        for word in [UInt64(payload.count), ContentHash.of(payload)] {
            withUnsafeBytes(of: word.littleEndian) { bytes += $0 }
        }
        bytes += payload
        Self.save(bytes, in: folder, as: name)
    }

    static let sealSize = 16

    /// The payload of a cache file whose length and checksum match; a damaged one is noted and
    /// ignored (the build then does that part again).
    func load(_ name: String) -> [UInt8]? {
        guard let bytes = sealed(name) else { return nil }
        return Array(bytes[Self.sealSize...])
    }

    /// The same, read in place: the article shards are 175 MB at 35,000 articles, and copying
    /// each payload out of its file's bytes was a pass over all of them.
    func reader(_ name: String) -> BinaryReader? {
        sealed(name).map { BinaryReader($0, from: Self.sealSize) }
    }

    private func sealed(_ name: String) -> [UInt8]? {
        guard let bytes = try? FileBytes.read(folder.appendingPathComponent(name).path) else { return nil }
        guard Self.isSealed(bytes) else {
            damaged.add(name)
            return nil
        }
        return bytes
    }

    static func unseal(_ bytes: [UInt8]) -> [UInt8]? {
        isSealed(bytes) ? Array(bytes[sealSize...]) : nil
    }

    static func isSealed(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= sealSize else { return false }
        return bytes.withUnsafeBytes { raw in
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) == UInt64(bytes.count - sealSize)
                && UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) == ContentHash.of(UnsafeRawBufferPointer(rebasing: raw[sealSize...]))
        }
    }

    /// The damaged files found so far, as warnings (the cache heals itself on this build).
    var warnings: [SourceError] {
        damaged.names.map { SourceError(path: ".sitegen-cache/" + $0, message: "damaged cache file ignored; its part of the build was done again") }
    }

    /// The same for any file of the cache (the search slices too).
    static func save(_ bytes: [UInt8], in folder: URL, as name: String) {
        let target = folder.appendingPathComponent(name).path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileBytes.write(bytes, to: target + ".new")
            if rename(target + ".new", target) != 0 { unlink(target + ".new") }
        } catch {
            unlink(target + ".new")
        }
    }
}

/// Names of damaged cache files, noted from the reading threads.
final class DamagedFiles: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var found: Set<String> = []

    private var lostBodies = false

    func add(_ name: String) {
        lock.withLock { _ = found.insert(name) }
    }

    var names: [String] { lock.withLock { found.sorted() } }

    /// A body of `name` could not be read back as it was written: whatever was made of it
    /// (a page, a search slice) is wrong, and the build must be done again without the cache.
    func lostBody(in name: String) {
        lock.withLock {
            _ = found.insert(name)
            lostBodies = true
        }
    }

    var lostABody: Bool { lock.withLock { lostBodies } }

    func forgetLostBodies() {
        lock.withLock { lostBodies = false }
    }
}

import Foundation

/// `.sitegen-cache/` in the project folder: what the last build read and wrote, so the next one
/// redoes only what changed. Losing it costs one full build, never a wrong page: anything that
/// does not match exactly (another sitegen binary, other settings, a damaged file) is ignored.
struct BuildCache {
    static let formatVersion: UInt64 = 2
    let folder: URL

    init(project: Project) {
        folder = project.root.appendingPathComponent(".sitegen-cache")
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
        /// Output file → signature of what it was rendered from (`PageSignatures`).
        var signatures: [String: UInt64]
    }

    /// This sitegen binary: a rebuilt generator may render differently, so caches do not carry over.
    static let generator: UInt64 = {
        var hash = formatVersion
        if let stamp = FileTree.Stamp.of("/proc/self/exe") ?? FileTree.Stamp.of(CommandLine.arguments.first ?? "") {
            stamp.hash(into: &hash)
        }
        return hash
    }()

    func readState() -> State? {
        guard let bytes = try? FileBytes.read(folder.appendingPathComponent("state").path) else { return nil }
        var reader = BinaryReader(bytes)
        do {
            guard try reader.uint64() == Self.generator else { return nil }
            let inputs = try reader.uint64(), nextDue = try reader.double()
            let articles = try reader.int(), pages = try reader.int()
            let warnings = try (0..<max(0, try reader.int())).map { _ in try reader.sourceError() }
            var signatures: [String: UInt64] = [:]
            let count = try reader.int()
            signatures.reserveCapacity(max(0, count))
            for _ in 0..<max(0, count) {
                let path = try reader.string()
                signatures[path] = try reader.uint64()
            }
            return State(inputs: inputs, nextDue: nextDue, articles: articles, pages: pages, warnings: warnings, signatures: signatures)
        } catch {
            return nil
        }
    }

    func write(_ state: State) {
        var writer = BinaryWriter()
        writer.uint64(Self.generator)
        writer.uint64(state.inputs)
        writer.double(state.nextDue)
        writer.int(state.articles)
        writer.int(state.pages)
        writer.int(state.warnings.count)
        for warning in state.warnings { writer.sourceError(warning) }
        writer.int(state.signatures.count)
        for path in state.signatures.keys.sorted() {
            writer.string(path)
            writer.uint64(state.signatures[path]!)
        }
        save(writer.bytes, as: "state")
    }

    /// Articles are kept in shards by path, so that an edit rewrites one small file rather than
    /// the whole archive's, and the shards are read in parallel.
    static let articleShards = 64

    static func shard(of path: String) -> Int {
        Int(ContentHash.of(path) % UInt64(articleShards))
    }

    typealias CachedArticle = (stamp: FileTree.Stamp, result: Enricher.Result)

    /// Enriched articles by content path, valid while their file's stamp and the settings they
    /// were enriched with (`settings`: site.yml and the views file) are unchanged.
    func readArticles(settings: UInt64) -> [String: CachedArticle] {
        let shards = parallelMap(Array(0..<Self.articleShards)) { readShard($0, settings: settings) }
        var entries: [String: CachedArticle] = [:]
        entries.reserveCapacity(shards.reduce(0) { $0 + $1.count })
        for shard in shards {
            for entry in shard { entries[entry.path] = (entry.stamp, entry.result) }
        }
        return entries
    }

    private func readShard(_ shard: Int, settings: UInt64) -> [(path: String, stamp: FileTree.Stamp, result: Enricher.Result)] {
        guard let bytes = try? FileBytes.read(folder.appendingPathComponent("articles-\(shard)").path) else { return [] }
        var reader = BinaryReader(bytes)
        do {
            guard try reader.uint64() == Self.generator, try reader.uint64() == settings else { return [] }
            return try (0..<max(0, try reader.int())).map { _ in
                let path = try reader.string()
                let stamp = FileTree.Stamp(size: Int64(try reader.int()), modifiedSeconds: Int64(try reader.int()),
                                           modifiedNanoseconds: Int64(try reader.int()), inode: try reader.uint64())
                return (path, stamp, try reader.enriched())
            }
        } catch {
            return []
        }
    }

    /// Rewrites the shards holding a path in `changed` (all of them when `changed` is nil).
    func writeArticles(_ entries: [(path: String, stamp: FileTree.Stamp, result: Enricher.Result)], settings: UInt64,
                       changed: Set<String>?) {
        var shards = [[Int]](repeating: [], count: Self.articleShards)
        for (index, entry) in entries.enumerated() { shards[Self.shard(of: entry.path)].append(index) }
        let dirty = changed.map { Set($0.map(Self.shard(of:))) } ?? Set(0..<Self.articleShards)
        _ = parallelMap(dirty.sorted()) { shard -> Bool in
            var writer = BinaryWriter()
            writer.uint64(Self.generator)
            writer.uint64(settings)
            writer.int(shards[shard].count)
            for index in shards[shard] {
                let entry = entries[index]
                writer.string(entry.path)
                writer.int(Int(entry.stamp.size))
                writer.int(Int(entry.stamp.modifiedSeconds))
                writer.int(Int(entry.stamp.modifiedNanoseconds))
                writer.uint64(entry.stamp.inode)
                writer.enriched(entry.result)
            }
            save(writer.bytes, as: "articles-\(shard)")
            return true
        }
    }

    /// "Tin khác" lists under the fingerprint of what they were computed from (`RelatedMemo`).
    var relatedMemo: RelatedMemo {
        let cache = self
        return RelatedMemo(
            recall: { fingerprint in
                guard let bytes = try? FileBytes.read(cache.folder.appendingPathComponent("related").path) else { return nil }
                var reader = BinaryReader(bytes)
                do {
                    guard try reader.uint64() == Self.generator, try reader.uint64() == fingerprint else { return nil }
                    let count = try reader.int()
                    guard count >= 0, count <= bytes.count else { return nil }
                    return try (0..<count).map { _ in
                        let length = try reader.int()
                        guard length >= 0, length <= bytes.count else { throw BinaryReader.Corrupt() }
                        return try (0..<length).map { _ in try reader.int() }
                    }
                } catch {
                    return nil
                }
            },
            keep: { fingerprint, lists in
                var writer = BinaryWriter()
                writer.uint64(Self.generator)
                writer.uint64(fingerprint)
                writer.int(lists.count)
                for list in lists {
                    writer.int(list.count)
                    for article in list { writer.int(article) }
                }
                cache.save(writer.bytes, as: "related")
            })
    }

    /// Written beside and renamed, so a crash leaves the old cache or the new one. A cache that
    /// cannot be written is not an error: the next build is a full one.
    private func save(_ bytes: [UInt8], as name: String) {
        Self.save(bytes, in: folder, as: name)
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

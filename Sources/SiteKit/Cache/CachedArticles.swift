import Foundation

/// The enriched articles a build cache holds, as its shards were read, with an index by
/// content path. Kept shard by shard and looked at in place, so that only the articles a build
/// keeps are copied, once, into the archive (an `Enricher.Result` is some twenty strings and
/// arrays); the stamps are read where they are, not gathered into a dictionary of their own.
/// Each shard's index is made where the shard is read, on every core: one index of 35,000
/// paths, made on one thread, was 3 % of a one-edit rebuild.
struct CachedArticles: Sendable {
    typealias Entry = (path: String, stamp: FileTree.Stamp, result: Enricher.Result)

    /// One shard's entries and their places by path.
    struct Shard: Sendable {
        var entries: [Entry]
        var byPath: [String: Int32]

        init(_ entries: [Entry]) {
            self.entries = entries
            var byPath: [String: Int32] = [:]
            byPath.reserveCapacity(entries.count)
            for (index, entry) in entries.enumerated() { byPath[entry.path] = Int32(index) }
            self.byPath = byPath
        }
    }

    /// Where an entry is: its shard and its place in it.
    struct Position: Hashable, Sendable {
        var shard: Int32
        var index: Int32
    }

    private let shards: [Shard]
    /// The shard that holds a path, when there are several (`BuildCache.shard(of:)`).
    private let shardOf: @Sendable (String) -> Int

    init(shards: [Shard] = [], shardOf: @escaping @Sendable (String) -> Int) {
        self.shards = shards
        self.shardOf = shardOf
        count = shards.reduce(0) { $0 + $1.byPath.count }
    }

    /// One list of entries (for a long-running process, which keeps what a build enriched).
    init(_ entries: [Entry]) {
        self.init(shards: [Shard(entries)], shardOf: { _ in 0 })
    }

    let count: Int
    var isEmpty: Bool { count == 0 }
    var paths: [String] { shards.flatMap(\.byPath.keys) }

    func position(of path: String) -> Position? {
        guard !shards.isEmpty else { return nil }
        let shard = shards.count == 1 ? 0 : shardOf(path)
        return shards[shard].byPath[path].map { Position(shard: Int32(shard), index: $0) }
    }

    func stamp(at position: Position) -> FileTree.Stamp {
        shards[Int(position.shard)].entries[Int(position.index)].stamp
    }

    func result(at position: Position) -> Enricher.Result {
        shards[Int(position.shard)].entries[Int(position.index)].result
    }

    /// The article as enriched from the file at `path`, when the cache holds it.
    func article(at path: String) -> Article? {
        position(of: path).map { shards[Int($0.shard)].entries[Int($0.index)].result.article }
    }
}

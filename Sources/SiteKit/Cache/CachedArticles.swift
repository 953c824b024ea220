import Foundation

/// The enriched articles a build cache holds, as its shards were read, with an index by
/// content path. Kept shard by shard and looked at in place, so that only the articles a build
/// keeps are copied, once, into the archive (an `Enricher.Result` is some twenty strings and
/// arrays); the stamps are read where they are, not gathered into a dictionary of their own.
struct CachedArticles: Sendable {
    typealias Entry = (path: String, stamp: FileTree.Stamp, result: Enricher.Result)

    /// Where an entry is: its shard and its place in it.
    struct Position: Hashable, Sendable {
        var shard: Int32
        var index: Int32
    }

    private let shards: [[Entry]]
    private let byPath: [String: Position]

    init(shards: [[Entry]] = []) {
        var byPath: [String: Position] = [:]
        byPath.reserveCapacity(shards.reduce(0) { $0 + $1.count })
        for (shard, entries) in shards.enumerated() {
            for (index, entry) in entries.enumerated() {
                byPath[entry.path] = Position(shard: Int32(shard), index: Int32(index))
            }
        }
        self.shards = shards
        self.byPath = byPath
    }

    /// One list of entries (for a long-running process, which keeps what a build enriched).
    init(_ entries: [Entry]) {
        self.init(shards: [entries])
    }

    var count: Int { byPath.count }
    var isEmpty: Bool { byPath.isEmpty }
    var paths: Dictionary<String, Position>.Keys { byPath.keys }

    func position(of path: String) -> Position? {
        byPath[path]
    }

    func stamp(at position: Position) -> FileTree.Stamp {
        shards[Int(position.shard)][Int(position.index)].stamp
    }

    func result(at position: Position) -> Enricher.Result {
        shards[Int(position.shard)][Int(position.index)].result
    }

    /// The article as enriched from the file at `path`, when the cache holds it.
    func article(at path: String) -> Article? {
        position(of: path).map { shards[Int($0.shard)][Int($0.index)].result.article }
    }
}

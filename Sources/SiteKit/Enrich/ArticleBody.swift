/// An article's body as cmark rendered it, and a hash of its bytes.
///
/// A body read back from the build cache stays on disk until something needs its text: a
/// rebuild after one edit renders a few pages, and reading every body of the archive (150 MB
/// at 35,000 articles) was a quarter of loading it. Page signatures and search slice keys use
/// `hash` instead of the text.
public struct ArticleBody: Sendable {
    /// `ContentHash` of the HTML's UTF-8 bytes.
    public let hash: UInt64
    private let storage: Storage

    private enum Storage: Sendable {
        case text(String)
        /// Bytes kept elsewhere, read again when needed and checked against `hash`.
        case stored(any StoredBodies, Range<Int>)
    }

    public init(html: String) {
        storage = .text(html)
        hash = ContentHash.of(html)
    }

    /// A body that `source` keeps at `range`, with the hash stored beside it.
    init(stored source: any StoredBodies, range: Range<Int>, hash: UInt64) {
        storage = .stored(source, range)
        self.hash = hash
    }

    /// The text; empty when a stored body cannot be read back as it was written. Its store then
    /// says so (`StoredBodies`), and the build that asked does not keep what it made of it.
    public var html: String {
        switch storage {
        case .text(let text): return text
        case .stored(let source, let range): return String(decoding: source.bytes(range, hash: hash) ?? [], as: UTF8.self)
        }
    }

    /// The bytes, for the cache to write without a round trip through `String`; nil when a
    /// stored body cannot be read back as it was written.
    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        switch storage {
        case .text(var text): return text.withUTF8(body)
        case .stored(let source, let range): return source.bytes(range, hash: hash)?.withUnsafeBufferPointer(body)
        }
    }
}

/// Where bodies kept out of memory are read again (the build cache's body files).
protocol StoredBodies: AnyObject, Sendable {
    /// The bytes at `range` when their `ContentHash` is `hash`; else nil, and the store notes
    /// that a body was lost (the build must then be done again without it).
    func bytes(_ range: Range<Int>, hash: UInt64) -> [UInt8]?
}

/// An article's body as cmark rendered it, and a hash of its bytes.
///
/// A body read back from the build cache stays as the cache's bytes until something needs its
/// text: a rebuild after one edit renders a few dozen pages, and decoding every body of the
/// archive (180 MB at 35,000 articles) was a fifth of such a rebuild. Page signatures and search
/// slice keys use `hash` instead of the text.
public struct ArticleBody: Sendable {
    /// `ContentHash` of the HTML's UTF-8 bytes.
    public let hash: UInt64
    private let storage: Storage

    private enum Storage: Sendable {
        case text(String)
        /// Valid UTF-8 (written from a `String` by the cache), shared with the cache file's buffer.
        case utf8(ArraySlice<UInt8>)
    }

    public init(html: String) {
        storage = .text(html)
        hash = ContentHash.of(html)
    }

    /// A body as the build cache stored it, with the hash stored beside it.
    init(utf8: ArraySlice<UInt8>, hash: UInt64) {
        storage = .utf8(utf8)
        self.hash = hash
    }

    public var html: String {
        switch storage {
        case .text(let text): return text
        case .utf8(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The bytes, for the cache to write without a round trip through `String`.
    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch storage {
        case .text(var text): return text.withUTF8(body)
        case .utf8(let bytes): return bytes.withUnsafeBufferPointer(body)
        }
    }
}

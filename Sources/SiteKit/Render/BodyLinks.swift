import Foundation

/// Root-relative links inside article bodies (`/2023/08/slug/`, as editors write them) made to
/// work under the site's base path or relative mode.
enum BodyLinks {
    /// Rewrites `href="/…"` and `src="/…"` (not `//host`) through `resolve`, which takes a site path.
    /// Works on UTF-8 bytes: it runs over every article body of the archive.
    static func rewrite(_ html: String, resolve: (String) -> String) -> String {
        var html = html
        // Through the string's own bytes, not a copy of them: a body without such links is returned as it is.
        return html.withUTF8 { bytes -> String? in
            let quote = UInt8(ascii: "\""), slash = UInt8(ascii: "/"), equals = UInt8(ascii: "=")
            var out: [UInt8] = []
            var copied = 0
            var index = 0
            while index + 2 < bytes.count {
                // Looking for `="/` preceded by `href` or `src`, followed by anything but a second "/".
                guard bytes[index] == equals, bytes[index + 1] == quote, bytes[index + 2] == slash,
                      index + 3 < bytes.count, bytes[index + 3] != slash,
                      endsWith(bytes, at: index, "href") || endsWith(bytes, at: index, "src"),
                      let end = bytes[(index + 3)...].firstIndex(of: quote) else {
                    // On to the next "=" (memchr: most of a body has none).
                    guard index + 1 < bytes.count, let next = memchr(bytes.baseAddress! + index + 1, Int32(equals), bytes.count - index - 1) else { break }
                    index = bytes.baseAddress!.distance(to: next.assumingMemoryBound(to: UInt8.self))
                    continue
                }
                if out.isEmpty { out.reserveCapacity(bytes.count + 256) }
                out += UnsafeBufferPointer(rebasing: bytes[copied..<(index + 2)])
                out += resolve(String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 3)..<end]), as: UTF8.self)).utf8
                copied = end
                index = end
            }
            if copied == 0 { return nil }
            out += UnsafeBufferPointer(rebasing: bytes[copied...])
            return String(decoding: out, as: UTF8.self)
        } ?? html
    }

    private static func endsWith(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index >= count else { return false }
        let start = word.utf8Start
        for offset in 0..<count where bytes[index - count + offset] != start[offset] { return false }
        return true
    }
}

/// Root-relative links inside article bodies (`/2023/08/slug/`, as editors write them) made to
/// work under the site's base path or relative mode.
enum BodyLinks {
    /// Rewrites `href="/…"` and `src="/…"` (not `//host`) through `resolve`, which takes a site path.
    /// Works on UTF-8 bytes: it runs over every article body of the archive.
    static func rewrite(_ html: String, resolve: (String) -> String) -> String {
        let bytes = Array(html.utf8)
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
                index += 1
                continue
            }
            if out.isEmpty { out.reserveCapacity(bytes.count + 256) }
            out += bytes[copied..<(index + 2)]
            out += Array(resolve(String(decoding: bytes[(index + 3)..<end], as: UTF8.self)).utf8)
            copied = end
            index = end
        }
        if copied == 0 { return html }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    private static func endsWith(_ bytes: [UInt8], at index: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index >= count else { return false }
        let start = word.utf8Start
        for offset in 0..<count where bytes[index - count + offset] != start[offset] { return false }
        return true
    }
}

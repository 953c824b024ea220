/// Root-relative links inside article bodies (`/2023/08/slug/`, as editors write them) made to
/// work under the site's base path or relative mode.
enum BodyLinks {
    /// Rewrites `href="/…"` and `src="/…"` (not `//host`) through `resolve`, which takes a site path.
    static func rewrite(_ html: String, resolve: (String) -> String) -> String {
        guard html.contains("=\"/") else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + 64)
        var rest = html[...]
        while let range = rest.range(of: "=\"/") {
            let attributeStart = rest.index(range.lowerBound, offsetBy: -4, limitedBy: rest.startIndex) ?? rest.startIndex
            let attribute = rest[attributeStart..<range.lowerBound]
            let pathStart = rest.index(before: range.upperBound)  // at the "/"
            let isLink = attribute.hasSuffix("href") || attribute.hasSuffix("src")
            let isProtocolRelative = rest[range.upperBound...].hasPrefix("/")
            guard isLink, !isProtocolRelative, let end = rest[range.upperBound...].firstIndex(of: "\"") else {
                out += rest[..<range.upperBound]
                rest = rest[range.upperBound...]
                continue
            }
            out += rest[..<pathStart]
            out += resolve(String(rest[rest.index(after: pathStart)..<end]))
            rest = rest[end...]
        }
        out += rest
        return out
    }
}

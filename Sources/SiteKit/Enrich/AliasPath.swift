import Foundation

/// Old URLs (`/tin-tuc/12345.html`, `/index.php?id=12345`) turned into a safe path inside the output folder.
public enum AliasPath {
    /// nil when the alias could leave the output folder or is not a path at all.
    public static func normalise(_ alias: String) -> String? {
        var path = alias.trimmingCharacters(in: .whitespaces)
        if path.contains("://") || path.hasPrefix("//") { return nil }
        if path.contains("\\") || path.contains("\0") || path.isEmpty { return nil }
        if !path.hasPrefix("/") { path = "/" + path }
        // A query is part of the old URL; keep it readable as a file name.
        path = path.replacingOccurrences(of: "?", with: "_").replacingOccurrences(of: "&", with: "_")
            .replacingOccurrences(of: "=", with: "-")
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.isEmpty else { return nil }
        for segment in segments where segment == "." || segment == ".." || segment.hasPrefix("%") || segment.contains("%2") {
            return nil
        }
        return "/" + segments.joined(separator: "/") + (path.hasSuffix("/") ? "/" : "")
    }
}

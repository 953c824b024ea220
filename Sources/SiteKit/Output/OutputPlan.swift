import Foundation

/// Every output path decided before the first write (issue 16): a build that would fail in the
/// writer — a name too long for the file system, a file where a folder must be, two pages on
/// one file — fails here instead, with the content file and line that asked for it, before
/// `public/` is touched.
public enum OutputPlan {
    /// A name must fit the file system's 255 bytes with the writer's temporary suffix.
    public static let maximumNameBytes = 255 - OutputWriter.temporarySuffix.utf8.count
    /// Far below PATH_MAX (4,096) so that the output folder's own path fits too.
    public static let maximumPathBytes = 2048

    /// Why `path` cannot be written, or nil: relative and safe (`OutputPath.isSafe`), no control
    /// character or space (they break `_redirects` and hosts), no name of our own bookkeeping,
    /// every name within `maximumNameBytes`.
    public static func problem(with path: String) -> String? {
        guard OutputPath.isSafe(path) else { return "is not a safe path inside the output folder" }
        guard path.utf8.count <= maximumPathBytes else { return "is \(path.utf8.count) bytes long (at most \(maximumPathBytes))" }
        if let byte = path.utf8.first(where: { $0 < 0x21 || $0 == 0x7F }) {
            return byte == 0x20 ? "contains a space" : "contains a control character"
        }
        // Names compared as bytes, as the file system sees them (comparing Characters was half
        // of checking the 87,000 paths of a 35,000-article site).
        for name in path.utf8.split(separator: UInt8(ascii: "/")) {
            if name.count > maximumNameBytes {
                return "has a name of \(name.count) bytes (at most \(maximumNameBytes))"
            }
            if name.starts(with: ownPrefix) || ownSuffixes.contains(where: { name.suffix($0.count).elementsEqual($0) }) {
                return "uses a name sitegen keeps for itself ('\(String(decoding: name, as: UTF8.self))')"
            }
        }
        return nil
    }

    /// The names of our own bookkeeping, as bytes.
    private static let ownPrefix = Array(".sitegen-".utf8)
    private static let ownSuffixes = [OutputWriter.temporarySuffix, OutputJournal.backupSuffix].map { Array($0.utf8) }

    /// Who asks for an output file, for the message.
    struct Owner {
        var file: String
        var line: Int?
        var what: String
        /// From an article (its slug or an alias): the error is the editor's to fix.
        var fromContent: Bool
    }

    /// Checks every path a build will write: each alone (`problem(with:)`), then together:
    /// no two on one file, none differing only in case (one overwrites the other on macOS,
    /// Windows and many hosts), no file where another needs a folder, and no content page
    /// inside `reservedFolders` (the theme's assets, the search index).
    /// `files` are the other files of the build (static files, photos), each with the file it comes from.
    static func check(_ pages: [Page], site: Site, assets: [String], files: [(path: String, source: String, isStatic: Bool)] = [],
                      reservedFolders: [String]) throws(BuildFailure) {
        var errors: [SourceError] = []
        // Who claims each path is worked out only for a message: most builds have none, and
        // making an owner for each of 70,000 pages was most of this check.
        enum Claimant { case page(Int), asset(Int), file(Int) }
        func owner(of claimant: Claimant) -> Owner {
            switch claimant {
            case .page(let index):
                switch pages[index].kind {
                case .article(let article):
                    let article = site.articles[article]
                    return Owner(file: "content/" + article.sourcePath, line: article.provenance["slug"]?.fieldLine,
                                 what: "the article's page", fromContent: true)
                case .redirect(let alias, let article):
                    let article = site.articles[article]
                    return Owner(file: "content/" + article.sourcePath, line: article.provenance["aliases"]?.fieldLine,
                                 what: "alias '\(shown(alias))'", fromContent: true)
                default:
                    return Owner(file: pages[index].outputFile, line: nil, what: "a page the site makes", fromContent: false)
                }
            case .asset(let index):
                return Owner(file: "templates/assets/" + assets[index].dropFirst("assets/".count), line: nil, what: "a theme asset", fromContent: false)
            case .file(let index):
                return Owner(file: files[index].source, line: nil, what: files[index].isStatic ? "a static file" : "a photo",
                             fromContent: files[index].isStatic)
            }
        }
        func isFromContent(_ claimant: Claimant) -> Bool {
            switch claimant {
            case .page(let index):
                switch pages[index].kind {
                case .article, .redirect: return true
                default: return false
                }
            case .asset: return false
            case .file(let index): return files[index].isStatic
            }
        }
        func fail(_ owner: Owner, _ message: String) {
            errors.append(SourceError(path: owner.file, line: owner.line, message: message))
        }
        var claims: [(path: String, claimant: Claimant)] = []
        claims.reserveCapacity(pages.count + assets.count + files.count)
        for (index, page) in pages.enumerated() { claims.append((page.outputFile, .page(index))) }
        for (index, asset) in assets.enumerated() { claims.append((asset, .asset(index))) }
        for (index, file) in files.enumerated() { claims.append((file.path, .file(index))) }
        var owners: [String: Claimant] = [:]
        owners.reserveCapacity(claims.count)
        var byFolded: [String: String] = [:]
        byFolded.reserveCapacity(claims.count)
        // Each path alone, on both cores; then together, in order.
        let problems = parallelMap(claims) { problem(with: $0.path) }
        for ((path, claimant), problem) in zip(claims, problems) {
            if let problem {
                let claimant = owner(of: claimant)
                fail(claimant, "\(claimant.what) would be written as '\(shown(path))', which \(problem)")
                continue
            }
            let fromContent = isFromContent(claimant)
            if fromContent, let folder = reservedFolders.first(where: { path.hasPrefix($0) }) {
                let claimant = owner(of: claimant)
                fail(claimant, "\(claimant.what) would be written as '\(path)', inside '\(folder)', which the site keeps for its own files")
                continue
            }
            if let first = owners[path].map(owner(of:)) {
                let claimant = owner(of: claimant)
                let (blamed, other) = claimant.fromContent || !first.fromContent ? (claimant, first) : (first, claimant)
                fail(blamed, "\(blamed.what) and \(other.what) (\(other.file)) both want the file '\(path)'")
                continue
            }
            // Paths that differ only in case. Most paths are lowercase ASCII already: such a path
            // is its own folded form, found in `owners`; only the others are kept by folded form
            // (lowercasing 87,000 paths was most of this loop).
            let folded = Self.isFolded(path) ? path : path.lowercased()
            let other = byFolded[folded] ?? (folded != path && owners[folded] != nil ? folded : nil)
            if let other, let first = owners[other].map(owner(of:)) {
                fail(fromContent ? owner(of: claimant) : first,
                     "'\(path)' and '\(other)' (\(first.what), \(first.file)) differ only in case: one would overwrite the other on many hosts")
                continue
            }
            owners[path] = claimant
            if folded != path { byFolded[folded] = path }
        }
        // A file where another path needs a folder ("2023/08/index.html" and "2023/08/index.html/index.html").
        // A folder none of whose folders is a file is noted, so that the paths under it stop there
        // (most of 87,000 paths share their year and month folders).
        var clearFolders: Set<Substring> = []
        clearFolders.reserveCapacity(owners.count)
        var walked: [Substring] = []
        for (path, claimant) in owners {
            var folder = Substring(path)
            var clear = true
            walked.removeAll(keepingCapacity: true)
            while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = folder[..<slash]
                if clearFolders.contains(folder) { break }
                if let file = owners[String(folder)] {
                    let (claimant, file) = (owner(of: claimant), owner(of: file))
                    fail(claimant.fromContent ? claimant : file,
                         "'\(folder)' would be both a file (\(file.what), \(file.file)) and the folder of '\(path)' (\(claimant.what), \(claimant.file))")
                    clear = false
                    break
                }
                walked.append(folder)
            }
            if clear { clearFolders.formUnion(walked) }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
    }

    /// Whether `path` is already what `lowercased()` makes of it: ASCII without capitals.
    static func isFolded(_ path: String) -> Bool {
        !path.utf8.contains { $0 >= 0x80 || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }
    }

    /// A digest of all that `check` judges: every claimed path in order, whether it comes from
    /// the content, and the reserved folders. `check` is a function of these alone, so paths
    /// with the digest of paths that passed pass again (a cached build then skips the check:
    /// at 87,000 paths it was a good part of a rebuild's plan); any change of them, a
    /// conflicting one included, changes the digest and is checked in full.
    static func digest(_ pages: [Page], assets: [String], files: [(path: String, source: String, isStatic: Bool)] = [],
                       reservedFolders: [String]) -> UInt64 {
        let pageHashes = parallelMap(pages) { page -> UInt64 in
            var hash = ContentHash.of(page.outputFile)
            switch page.kind {
            case .article, .redirect: ContentHash.combine(&hash, 1)
            default: ContentHash.combine(&hash, 0)
            }
            return hash
        }
        var digest = ContentHash.of("output paths 1")
        for list in [reservedFolders, assets] {
            ContentHash.combine(&digest, UInt64(list.count))
            for path in list { ContentHash.combine(&digest, ContentHash.of(path)) }
        }
        ContentHash.combine(&digest, UInt64(pageHashes.count))
        for hash in pageHashes { ContentHash.combine(&digest, hash) }
        ContentHash.combine(&digest, UInt64(files.count))
        for file in files {
            ContentHash.combine(&digest, ContentHash.of(file.path))
            ContentHash.combine(&digest, file.isStatic ? 1 : 0)
        }
        return digest
    }

    /// A path as a message shows it: control characters escaped, a very long one shortened.
    static func shown(_ path: String) -> String {
        var text = ""
        for scalar in path.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { text += "\\u{\(String(scalar.value, radix: 16))}" } else { text.unicodeScalars.append(scalar) }
        }
        return text.count > 120 ? text.prefix(100) + "…" + text.suffix(16) : text
    }
}

import Foundation

/// `sitegen check`: what is wrong in an archive that builds, found without writing anything.
public enum ArchiveCheck {
    /// Problems in a loaded site: tags spelled two ways, links in bodies to pages that do not exist.
    public static func problems(in site: Site, pages: [Page]) -> [SourceError] {
        var problems: [SourceError] = []
        // Authors' spellings differing in case are one person (merged, as the build does); differing
        // in diacritics, two people with two pages (a warning of the index), so neither is a problem here.
        for taxonomy in [site.tags, site.categories] {
            for term in taxonomy.terms where !term.variants.isEmpty {
                let files = term.articles.filter { site.articles[$0].tags.contains(where: term.variants.contains)
                    || site.articles[$0].categories.contains(where: term.variants.contains)
                    || site.articles[$0].authors.contains(where: term.variants.contains) }
                    .map { "content/" + site.articles[$0].sourcePath }
                problems.append(SourceError(
                    path: files.first ?? "content",
                    message: "\(taxonomy.kind.rawValue) '\(term.variants.joined(separator: "', '"))' differs from '\(term.name)' only by case or diacritics"
                        + (files.count > 1 ? " (also in \(files.dropFirst().joined(separator: ", ")))" : "")))
            }
        }
        let known = Set(pages.map(\.path)).union(pages.map(\.outputFile))
        let basePath = site.config.basePath
        for (index, article) in site.articles.enumerated() {
            for link in bodyLinks(article.bodyHTML) {
                guard let target = sitePath(link, from: site.articlePaths[index], basePath: basePath) else { continue }
                if !known.contains(target) && !known.contains(target + "/") && !target.hasPrefix("assets/") {
                    problems.append(SourceError(path: "content/" + article.sourcePath, message: "link to a page that does not exist: \(link)"))
                }
            }
        }
        return problems
    }

    /// `href` values of links in an article body.
    /// On UTF-8 bytes: Foundation's `range(of:)` was most of a check of a large archive.
    static func bodyLinks(_ html: String) -> [String] {
        let bytes = Array(html.utf8)
        let marker = Array("href=\"".utf8), quote = UInt8(ascii: "\"")
        var links: [String] = []
        var index = 0
        while index + marker.count <= bytes.count {
            guard bytes[index] == marker[0], bytes[index..<index + marker.count].elementsEqual(marker) else {
                index += 1
                continue
            }
            let start = index + marker.count
            guard let end = bytes[start...].firstIndex(of: quote) else { break }
            links.append(String(decoding: bytes[start..<end], as: UTF8.self))
            index = end
        }
        return links
    }

    /// The site path an internal link points to; nil for external links, anchors and mail.
    static func sitePath(_ link: String, from page: String, basePath: String) -> String? {
        if link.contains("://") || link.hasPrefix("//") || link.hasPrefix("mailto:") || link.hasPrefix("tel:") || link.hasPrefix("#") {
            return nil
        }
        var path = String(link.prefix { $0 != "#" && $0 != "?" })
        if path.hasPrefix(basePath) {
            path = String(path.dropFirst(basePath.count))
        } else if path.hasPrefix("/") {
            path = String(path.dropFirst())
        } else {
            path = page + path
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else if part != "." { parts.append(part) }
        }
        let joined = parts.joined(separator: "/")
        return path.hasSuffix("/") && !joined.isEmpty ? joined + "/" : joined
    }

    /// How many dates came from each source ("text", "estimated from neighbours", "file time"),
    /// most first: the first thing to look at in a migrated archive.
    public static func dateSources(in site: Site) -> [(source: String, count: Int)] {
        var counts: [String: Int] = [:]
        for article in site.articles {
            // An imported file's date is front matter now; its provenance says where import found it.
            var source = article.provenance["date"]?.dateSource ?? "not set"
            if case .map(let imported)? = article.params["provenance"], let origin = imported["date"]?.text {
                source = "imported: " + Self.sourceName(origin)
            }
            counts[source, default: 0] += 1
        }
        return counts.map { ($0.key, $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.source < $1.source }
    }

    /// The kind of source named by a provenance text an import wrote.
    static func sourceName(_ description: String) -> String {
        if description.hasPrefix("estimated from") { return "estimated from neighbours" }
        if description.contains("; year from") { return "text, year from neighbours" }
        if description.hasPrefix("text") { return description.contains("(no year") ? "text, no year" : "text" }
        if description.hasPrefix("dates file") { return "dates file" }
        if description.hasPrefix("file path") { return "path" }
        if description.hasPrefix("file modification") { return "file time" }
        return "other"
    }

    /// Each field of one article and the rule that chose it, for `sitegen check --explain`.
    public static func explain(_ index: Int, in site: Site) -> [(field: String, value: String, origin: String)] {
        let article = site.articles[index]
        let format = Formatting(language: site.config.language, timeZone: site.config.timeZone)
        var imported: [String: FieldValue] = [:]
        if case .map(let map)? = article.params["provenance"] { imported = map }
        func origin(_ key: String) -> String {
            let own = article.provenance[key]?.description ?? "not set"
            // An imported file: where the import found the value it wrote.
            guard let found = imported[key]?.text else { return own }
            return own + "; imported from \(article.params["imported_from"]?.text ?? "a legacy file"): " + found
        }
        return [
            ("title", article.title, origin("title")),
            ("slug", article.slug, origin("slug")),
            ("url", site.config.basePath + site.articlePaths[index], "permalink pattern '\(site.config.permalinks.article)'"),
            ("date", format.isoDate(article.date), origin("date")),
            ("authors", article.authors.joined(separator: ", "), origin("authors")),
            ("source", article.params["source"]?.text ?? "", origin("source")),
            ("views", String(article.views), origin("views")),
            ("tags", article.tags.joined(separator: ", "), origin("tags")),
            ("categories", article.categories.joined(separator: ", "), origin("categories")),
            ("summary", article.summary, origin("summary")),
            ("aliases", article.aliases.joined(separator: ", "), article.aliases.isEmpty ? "not set" : "front matter"),
            ("draft", String(article.isDraft), "front matter or default"),
            ("reading time", "\(article.readingMinutes) min (\(article.wordCount) words)", "body"),
        ]
    }
}

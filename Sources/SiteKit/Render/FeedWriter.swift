import Foundation

/// RSS 2.0 feeds and sitemaps: XML we write ourselves, every text escaped.
struct FeedWriter {
    let site: Site
    let context: PageContext

    /// XML text: the five special characters as entities, and what XML 1.0 does not allow at all
    /// (control characters but tab, line feed and carriage return; U+FFFE, U+FFFF) left out. On
    /// UTF-8 bytes, and text with none of them is returned as it is: every address of the
    /// sitemaps and every title of the feeds comes through here.
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            var copied = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let entity: StaticString?, width: Int
                switch byte {
                case UInt8(ascii: "&"): (entity, width) = ("&amp;", 1)
                case UInt8(ascii: "<"): (entity, width) = ("&lt;", 1)
                case UInt8(ascii: ">"): (entity, width) = ("&gt;", 1)
                case UInt8(ascii: "\""): (entity, width) = ("&quot;", 1)
                case UInt8(ascii: "'"): (entity, width) = ("&apos;", 1)
                case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F: (entity, width) = (nil, 1)
                // U+FFFE and U+FFFF: EF BF BE, EF BF BF.
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                    (entity, width) = (nil, 3)
                default:
                    index += 1
                    continue
                }
                if out.isEmpty { out.reserveCapacity(bytes.count + 16) }
                out += UnsafeBufferPointer(rebasing: bytes[copied..<index])
                if let entity { out += UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount) }
                index += width
                copied = index
            }
            guard copied > 0 else { return nil }
            out += UnsafeBufferPointer(rebasing: bytes[copied...])
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    func rss(_ source: ArticleList.Source, path: String) -> String {
        let config = site.config
        var title = config.title
        var pagePath = ""
        if case .term(let kind, let index) = source {
            let term = site.taxonomy(kind).terms[index]
            title = "\(config.title) – \(term.name)"
            pagePath = site.permalinks.term(kind, slug: term.slug)
        }
        let links = context.links
        let format = context.format
        let indices = site.articles(of: source).prefix(config.feedSize)
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
        <channel>
        <title>\(Self.escape(title))</title>
        <link>\(Self.escape(links.absolute(pagePath)))</link>
        <description>\(Self.escape(config.description.isEmpty ? config.title : config.description))</description>
        <language>\(Self.escape(config.language))</language>
        <atom:link href="\(Self.escape(links.absolute(path)))" rel="self" type="application/rss+xml"/>

        """
        if let newest = indices.first {
            xml += "<lastBuildDate>\(format.rfc822Date(site.articles[newest].date))</lastBuildDate>\n"
        }
        for index in indices {
            let article = site.articles[index]
            let url = Self.escape(links.absolute(site.articlePaths[index]))
            xml += "<item>\n<title>\(Self.escape(article.title))</title>\n<link>\(url)</link>\n<guid isPermaLink=\"true\">\(url)</guid>\n"
            xml += "<pubDate>\(format.rfc822Date(article.date))</pubDate>\n"
            for author in article.authors { xml += "<dc:creator>\(Self.escape(author))</dc:creator>\n" }
            for category in article.categories + article.tags { xml += "<category>\(Self.escape(category))</category>\n" }
            if let photo = Self.feedPhoto(index, site: site) {
                // Media RSS: readers and aggregators show the lead photo beside the item.
                xml += "<media:content url=\"\(Self.escape(links.absolute(photo.path)))\" medium=\"image\" type=\"image/jpeg\" "
                    + "width=\"\(photo.width)\" height=\"\(photo.height)\"/>\n"
            }
            xml += "<description>\(Self.escape(article.summary))</description>\n</item>\n"
        }
        xml += "</channel>\n</rss>\n"
        return xml
    }

    /// The lead photo as feeds carry it: its JPEG up to 800 pixels wide.
    static func feedPhoto(_ index: Int, site: Site) -> ProcessedImage.Variant? {
        site.images.lead(of: index, in: site)?.processed.fallback(upTo: 800)
    }

    func sitemap(_ pages: [Page]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            xml += "<url><loc>\(Self.escape(context.links.absolute(page.path)))</loc>"
            if let modified = lastModified(page) { xml += "<lastmod>\(context.format.isoDate(modified))</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    func sitemapIndex(parts: Int) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let newest = site.articles.first.map { "<lastmod>\(context.format.isoDate($0.date))</lastmod>" } ?? ""
        for part in 1...max(1, parts) {
            xml += "<sitemap><loc>\(Self.escape(context.links.absolute("sitemap-\(part).xml")))</loc>\(newest)</sitemap>\n"
        }
        return xml + "</sitemapindex>\n"
    }

    /// An article page changes with its article; a list page as `Site.lastModified` says.
    private func lastModified(_ page: Page) -> Date? {
        switch page.kind {
        case .article(let index): return site.articles[index].date
        case .list(let list): return site.lastModified(list)
        default: return site.articles.first?.date
        }
    }
}

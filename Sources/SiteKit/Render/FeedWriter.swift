import Foundation

/// RSS 2.0 feeds and sitemaps: XML we write ourselves, every text escaped.
struct FeedWriter {
    let site: Site
    let context: PageContext

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Control characters are not allowed in XML 1.0 at all.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
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

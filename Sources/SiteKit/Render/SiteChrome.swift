import Foundation

/// What the site says about itself around the pages: its icon and emblem (files of `static/`
/// named in site.yml), the way to phone it, and `robots.txt`.
enum SiteChrome {
    /// A favicon or emblem that `static/` does not have is an error naming site.yml's line.
    static func checkFiles(_ config: SiteConfig, statics: [String]) throws(BuildFailure) {
        let known = Set(statics.map(VietnameseText.nfc))
        var errors: [SourceError] = []
        for (key, path) in [("favicon", config.favicon), ("emblem", config.emblem)] {
            guard let path, !known.contains(VietnameseText.nfc(path)) else { continue }
            errors.append(SourceError(path: "site.yml", line: config.fileLines[key], message: "\(key): no file static/\(path)"))
        }
        if !errors.isEmpty { throw BuildFailure(errors) }
    }

    /// The `type` of `<link rel="icon">`, by the file's extension.
    static func iconType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "gif": "image/gif"
        case "webp": "image/webp"
        default: "image/jpeg"
        }
    }

    /// "(0269) 3 822 114" → "tel:02693822114": digits and a leading "+" only.
    static func telephoneURL(_ phone: String) -> String {
        "tel:" + String(phone.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) || $0 == "+" }.map(Character.init))
    }

    /// robots.txt. Crawlers read it only at the host's root: for a site under a sub-path, the file
    /// names the path, so that its lines can be copied into the host's own robots.txt as they are.
    static func robots(_ config: SiteConfig, sitemapURL: String) -> String {
        let base = config.basePath
        guard base != "/" else { return "User-agent: *\nAllow: /\n\nSitemap: \(sitemapURL)\n" }
        return """
        # This site lives under \(base), and crawlers read robots.txt only at the root of a host
        # (\(rootRobotsURL(config))): copy the lines below into that file.
        User-agent: *
        Allow: \(base)

        Sitemap: \(sitemapURL)

        """
    }

    /// What `build` tells the editor about a sub-path site's robots.txt; nil at a host's root.
    public static func robotsNotice(_ config: SiteConfig) -> String? {
        guard config.basePath != "/" else { return nil }
        return "robots.txt: the site lives under \(config.basePath), but crawlers read only \(rootRobotsURL(config)): "
            + "copy the lines of the robots.txt written by this build into that file"
    }

    private static func rootRobotsURL(_ config: SiteConfig) -> String {
        guard let scheme = config.baseURL.range(of: "://") else { return "/robots.txt" }
        let host = config.baseURL[scheme.upperBound...].prefix { $0 != "/" }
        return config.baseURL[..<scheme.upperBound] + host + "/robots.txt"
    }
}

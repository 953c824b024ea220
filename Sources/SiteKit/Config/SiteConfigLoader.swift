import Foundation

extension SiteConfig {
    /// Reads `site.yml`; a missing file gives the defaults, a bad value an error naming its line.
    public static func load(from url: URL, displayPath: String = "site.yml") throws(SourceError) -> SiteConfig {
        guard FileManager.default.fileExists(atPath: url.path) else { return SiteConfig() }
        return try parse(ContentLoader.readText(url, displayPath: displayPath), path: displayPath)
    }

    public static func parse(_ yaml: String, path: String = "site.yml") throws(SourceError) -> SiteConfig {
        let (fields, lines) = try FrontMatter.readYAML(yaml, path: path, firstLine: 1)
        var config = SiteConfig()
        func fail(_ key: String, _ message: String) -> SourceError {
            SourceError(path: path, line: lines[key], message: "\(key): \(message)")
        }
        func text(_ key: String) throws(SourceError) -> String? {
            guard let value = fields[key] else { return nil }
            guard let text = value.text else { throw fail(key, "expected text") }
            return text
        }
        func int(_ key: String, range: ClosedRange<Int>) throws(SourceError) -> Int? {
            guard let value = fields[key] else { return nil }
            guard case .int(let number) = value, range.contains(number) else {
                throw fail(key, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        func bool(_ key: String) throws(SourceError) -> Bool? {
            guard let value = fields[key] else { return nil }
            guard case .bool(let flag) = value else { throw fail(key, "expected true or false") }
            return flag
        }
        func rules(_ key: String, nameKey: String) throws(SourceError) -> [KeywordRule] {
            guard let value = fields[key] else { return [] }
            guard case .list(let items) = value else { throw fail(key, "expected a list of {\(nameKey), keywords}") }
            var rules: [KeywordRule] = []
            for item in items {
                guard case .map(let map) = item, let name = map[nameKey]?.text,
                      let keywords = map["keywords"]?.texts, !keywords.isEmpty else {
                    throw fail(key, "each rule needs '\(nameKey)' and a list of 'keywords'")
                }
                rules.append(KeywordRule(name: name, keywords: keywords))
            }
            return rules
        }

        let known: Set<String> = [
            "title", "description", "base_url", "language", "time_zone", "page_size", "pagination", "feed_size",
            "related_count", "most_read_count", "summary_length", "unsafe_html", "smart_punctuation",
            "relative_links", "default_category", "copyright", "tag_rules", "category_rules", "permalinks",
            "search", "search_path", "archive_start", "legacy_url", "outlets", "dates_file", "images",
            "agency", "address", "phone", "email", "license", "favicon", "emblem", "allow_outside_links",
        ]
        if let value = try text("title") { config.title = value }
        if let value = try text("description") { config.description = value }
        if let value = try text("base_url") { config.baseURL = value }
        if let value = try text("language") { config.language = value }
        if let value = try text("time_zone") {
            guard let zone = TimeZone(identifier: value) else { throw fail("time_zone", "unknown time zone '\(value)'") }
            config.timeZone = zone
        }
        if let value = try int("page_size", range: 1...1000) { config.pageSize = value }
        if let value = try text("pagination") {
            guard let scheme = Pagination.Scheme(rawValue: value) else {
                throw fail("pagination", "expected \(Pagination.Scheme.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or "))")
            }
            config.pagination = scheme
        }
        if let value = try int("feed_size", range: 1...10000) { config.feedSize = value }
        if let value = try int("related_count", range: 0...100) { config.relatedCount = value }
        if let value = try int("most_read_count", range: 0...100) { config.mostReadCount = value }
        if let value = try int("summary_length", range: 20...5000) { config.summaryLength = value }
        if let value = try bool("unsafe_html") { config.unsafeHTML = value }
        if let value = try bool("smart_punctuation") { config.smartPunctuation = value }
        if let value = try bool("relative_links") { config.relativeLinks = value }
        if let value = try bool("search") { config.search = value }
        if let value = try bool("allow_outside_links") { config.allowOutsideLinks = value }
        if let value = try text("search_path") {
            let trimmed = value.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard !trimmed.isEmpty, trimmed.split(separator: "/").allSatisfy({ Slug.isSafe(String($0)) }) else {
                throw fail("search_path", "expected a folder such as 'tim-kiem' (letters, digits, '-', no '..')")
            }
            config.searchPath = trimmed + "/"
        }
        if let value = try text("archive_start") {
            guard let date = DateParsing(timeZone: config.timeZone).parse(value) else { throw fail("archive_start", "expected a date such as 2016-01-01") }
            config.archiveStart = date
        }
        if let value = try text("legacy_url") {
            guard value.contains("{id}"), AliasPath.normalise(value.replacingOccurrences(of: "{id}", with: "1")) != nil else {
                throw fail("legacy_url", "expected an old URL pattern with {id}, such as \"/tin-tuc/{id}.html\"")
            }
            config.legacyURL = value
        }
        if let value = try text("dates_file") { config.datesFile = value }
        if let value = fields["outlets"] {
            // `- name: VnExpress` / `spellings: [VNE, Vnexpress]`: first in the list wins over the defaults.
            guard case .list(let items) = value else { throw fail("outlets", "expected a list of {name, spellings}") }
            var outlets: [Outlets.Outlet] = []
            for item in items {
                guard case .map(let map) = item, let name = map["name"]?.text else { throw fail("outlets", "each outlet needs a 'name'") }
                outlets.append(Outlets.Outlet(name: name, spellings: map["spellings"]?.texts ?? []))
            }
            config.outlets = Outlets(outlets + Outlets.vietnamese.outlets)
        }
        if let value = fields["images"] {
            config.images = try imageSettings(value, fail: { fail("images", $0) })
        }
        config.agency = try text("agency")
        config.address = try text("address")
        config.phone = try text("phone")
        config.email = try text("email")
        config.license = try text("license")
        for key in ["favicon", "emblem"] {
            guard let value = try text(key) else { continue }
            let trimmed = value.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard !trimmed.isEmpty, !trimmed.contains("\\"), trimmed.split(separator: "/").allSatisfy({ $0 != ".." && $0 != "." }) else {
                throw fail(key, "expected a file of static/ from the site root, such as /images/emblem.svg")
            }
            if key == "favicon" { config.favicon = trimmed } else { config.emblem = trimmed }
            config.fileLines[key] = lines[key]
        }
        config.defaultCategory = try text("default_category")
        config.copyright = try text("copyright")
        config.tagRules = try rules("tag_rules", nameKey: "tag")
        config.categoryRules = try rules("category_rules", nameKey: "category")
        if let value = fields["permalinks"] {
            guard case .map(let map) = value else { throw fail("permalinks", "expected a mapping") }
            for (kind, pattern) in map {
                guard let pattern = pattern.text else { throw fail("permalinks", "\(kind) must be text") }
                let trimmed = pattern.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/"
                guard !trimmed.contains(".."), trimmed.contains(":slug") else {
                    throw fail("permalinks", "\(kind) must contain :slug and no '..'")
                }
                switch kind {
                case "article": config.permalinks.article = trimmed
                case "tag": config.permalinks.tag = trimmed
                case "category": config.permalinks.category = trimmed
                case "author": config.permalinks.author = trimmed
                default: throw fail("permalinks", "unknown kind '\(kind)' (article, tag, category, author)")
                }
            }
        }
        for (key, value) in fields where !known.contains(key) { config.params[key] = value }
        return config
    }

    /// `images: {widths: [480, 800, 1200], thumbnail_width: 240, jpeg_quality: 80, webp_quality: 75,
    /// share_width: 1200, share_height: 630, max_megapixels: 50}`.
    static func imageSettings(_ value: FieldValue, fail: (String) -> SourceError) throws(SourceError) -> ImageSettings {
        guard case .map(let map) = value else { throw fail("expected a mapping such as {widths: [480, 800, 1200]}") }
        var settings = ImageSettings()
        func number(_ key: String, _ range: ClosedRange<Int>) throws(SourceError) -> Int? {
            guard let value = map[key] else { return nil }
            guard case .int(let number) = value, range.contains(number) else {
                throw fail("\(key): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        for key in map.keys where !["widths", "thumbnail_width", "jpeg_quality", "webp_quality", "share_width", "share_height",
                                    "max_megapixels"].contains(key) {
            throw fail("unknown key '\(key)'")
        }
        if let value = map["widths"] {
            guard case .list(let items) = value, !items.isEmpty, items.count <= 12 else { throw fail("widths: expected a list of 1 to 12 widths") }
            var widths: [Int] = []
            for item in items {
                guard case .int(let width) = item, (16...8192).contains(width) else { throw fail("widths: each width is a whole number from 16 to 8192") }
                widths.append(width)
            }
            settings.widths = Array(Set(widths)).sorted()
        }
        if let value = try number("thumbnail_width", 16...2048) { settings.thumbnailWidth = value }
        if let value = try number("jpeg_quality", 1...100) { settings.jpegQuality = value }
        if let value = try number("webp_quality", 1...100) { settings.webpQuality = value }
        if let value = try number("share_width", 200...4096) { settings.shareWidth = value }
        if let value = try number("share_height", 200...4096) { settings.shareHeight = value }
        if let value = try number("max_megapixels", 1...1000) { settings.maximumPixels = value * 1_000_000 }
        return settings
    }
}

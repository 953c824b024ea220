import Foundation
import XCTest
@testable import SiteKit

/// A small site written inline (files as strings) into a temporary folder, with the repository's
/// own theme, built the way `sitegen build` builds it: how Hugo and Zola test whole sites.
struct TestSite {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fixed "now" so that "future" articles do not depend on the day the tests run.
    static let now = DateParsing(timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!).date(year: 2026, month: 1, day: 1)!

    let root: URL

    init(files: [String: String], siteYML: String = TestSite.defaultSiteYML, theme: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try write("site.yml", siteYML)
        for (path, text) in files { try write(path, text) }
        if theme {
            try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("templates"),
                                             to: root.appendingPathComponent("templates"))
        }
    }

    static let defaultSiteYML = """
    title: "Lưu trữ Lam Giang"
    description: "Tin tức tỉnh Lam Giang"
    base_url: "https://example.gov.vn/luu-tru/"
    page_size: 2
    related_count: 3
    tag_rules:
      - tag: "Tỉnh ủy"
        keywords: ["Tỉnh ủy", "Ban Thường vụ"]
    category_rules:
      - category: "Chính trị"
        keywords: ["Tỉnh ủy"]
    default_category: "Tin tức"
    """

    var output: URL { root.appendingPathComponent("public") }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    var project: Project { Project(root: root) }

    @discardableResult
    func build(drafts: Bool = false, future: Bool = false, sitemapLimit: Int = PagePlanner.sitemapLimit,
               cache: Bool = true, now: Date = TestSite.now) throws -> SiteBuilder.Report {
        var options = SiteBuilder.Options(publish: PublishOptions(includeDrafts: drafts, includeFuture: future, now: now))
        options.sitemapLimit = sitemapLimit
        options.useCache = cache
        return try SiteBuilder(project: project, options: options).build()
    }

    func load() throws -> SiteBuilder.Loaded {
        try SiteBuilder(project: project, options: SiteBuilder.Options(publish: PublishOptions(now: Self.now))).load()
    }

    func page(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    /// Every file of the output, relative path → bytes.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: output.path) {
            let url = output.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    static func markdown(title: String, date: String, tags: [String] = [], categories: [String] = [],
                         author: String? = nil, views: Int? = nil, extra: String = "", body: String = "Nội dung bài viết.") -> String {
        var lines = ["---", "title: \"\(title)\"", "date: \(date)"]
        if !tags.isEmpty { lines.append("tags: [\(tags.map { "\"\($0)\"" }.joined(separator: ", "))]") }
        if !categories.isEmpty { lines.append("categories: [\(categories.map { "\"\($0)\"" }.joined(separator: ", "))]") }
        if let author { lines.append("author: \"\(author)\"") }
        if let views { lines.append("views: \(views)") }
        if !extra.isEmpty { lines.append(extra) }
        lines += ["---", "", body, ""]
        return lines.joined(separator: "\n")
    }
}

/// Internal links of every HTML page, checked against the files of the output.
enum LinkChecker {
    /// Returns "page → link" for every `href`/`src` that does not resolve to a file.
    static func brokenLinks(in output: URL, basePath: String) throws -> [String] {
        var broken: [String] = []
        let files = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".html") }
        for file in files {
            let html = try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
            for link in links(in: html) {
                guard let target = resolve(link, from: file, basePath: basePath) else { continue }
                var isDirectory: ObjCBool = false
                let url = output.appendingPathComponent(target)
                let found = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
                let ok = found && (!isDirectory.boolValue || FileManager.default.fileExists(atPath: url.appendingPathComponent("index.html").path))
                if !ok { broken.append("\(file) → \(link)") }
            }
        }
        return broken
    }

    static func links(in html: String) -> [String] {
        var links: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                links.append(String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[end...]
            }
        }
        return links
    }

    /// The output-relative file a link points to, or nil for links that leave the site.
    static func resolve(_ link: String, from page: String, basePath: String) -> String? {
        if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") || link.hasPrefix("tel:") || link.hasPrefix("#") || link.hasPrefix("//") {
            return nil
        }
        var path = String(link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
        path = String(path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        if path.hasPrefix("/") {
            guard path.hasPrefix(basePath) else { return "__outside_base_path__" + path }
            path = String(path.dropFirst(basePath.count))
        } else {
            let folder = (page as NSString).deletingLastPathComponent
            path = folder.isEmpty ? path : folder + "/" + path
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == ".." {
                if parts.isEmpty { return "__above_root__/" + link }
                parts.removeLast()
            } else if part != "." {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}

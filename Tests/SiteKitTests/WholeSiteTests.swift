import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SiteKit

/// Whole-site tests: a small archive written inline, built into a temporary folder, pages asserted.
final class WholeSiteTests: XCTestCase {
    static let legacyText = """
    Ban Thường vụ Tỉnh ủy Lam Giang sơ kết công tác tháng 7
    Lượt xem: 2.198
    Sáng ngày 1/8, đồng chí Bí thư Tỉnh ủy chủ trì cuộc họp Ban Thường vụ Tỉnh ủy để sơ kết công tác tháng 7 và bàn nhiệm vụ tháng 8 năm 2023.
    \u{00A0}

    Ban Thường vụ Tỉnh ủy Lam Giang sơ kết công tác tháng 7 năm 2023

    Các đại biểu thống nhất tập trung giải ngân vốn đầu tư công và hỗ trợ nông dân sau mưa lũ.

    Minh Tuấn\u{00A0}

    Tin khác
    """

    static func sampleFiles() -> [String: String] {
        [
            "content/2023/08/lua-he-thu.md": TestSite.markdown(
                title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00",
                tags: ["Nông nghiệp", "Kênh Bắc Lam"], categories: ["Kinh tế"], author: "Nguyễn Thu Hà", views: 1534,
                extra: "aliases: [\"/tin-tuc/10234.html\"]",
                body: "Vụ hè thu năm nay đạt năng suất cao.\n\nXem thêm [bài họp Tỉnh ủy](/2023/08/ban-thuong-vu-tinh-uy-lam-giang-so-ket-cong-tac-thang-7/)."),
            "content/2023/09/xss.md": TestSite.markdown(
                title: "Tiêu đề <script>alert(1)</script> & \\\"trích\\\"", date: "2023-09-01",
                tags: ["Nông nghiệp", "<b>thẻ</b>"], categories: ["Kinh tế"], author: "Kẻ <i>lạ</i>", views: 10),
            "content/2022/01/giao-duc.md": TestSite.markdown(
                title: "Khai giảng năm học mới ở Ia Krông", date: "2022-01-10", tags: ["Giáo dục"], categories: ["Xã hội"],
                author: "Phạm Thị Lan", views: 700),
            "content/2022/02/y-te.md": TestSite.markdown(
                title: "Trạm y tế xã được đầu tư thiết bị", date: "2022-02-11", tags: ["Y tế"], categories: ["Xã hội"], views: 90),
            "content/2025/06/nhap.md": TestSite.markdown(title: "Bản nháp", date: "2025-06-01", extra: "draft: true"),
            "content/2030/01/tuong-lai.md": TestSite.markdown(title: "Bài hẹn giờ", date: "2030-01-01"),
            "content/legacy/210345.txt": Self.legacyText,
            "data/views.csv": "slug,views\nkhai-giang-nam-hoc-moi-o-ia-krong,9000\n",
        ]
    }

    func testBuildsEveryPageKind() throws {
        let site = try TestSite(files: Self.sampleFiles())
        let report = try site.build()
        XCTAssertEqual(report.articles, 5)  // no draft, no future article
        XCTAssertTrue(report.warnings.isEmpty, "\(report.warnings)")
        for path in [
            "2023/08/nong-dan-lam-giang-thu-hoach-lua-he-thu/index.html",
            "2023/08/ban-thuong-vu-tinh-uy-lam-giang-so-ket-cong-tac-thang-7/index.html",
            "index.html", "page/1/index.html", "page/2/index.html",
            "chu-de/nong-nghiep/index.html", "chu-de/index.html", "chu-de/nong-nghiep/feed.xml",
            "chuyen-muc/kinh-te/index.html", "chuyen-muc/chinh-tri/index.html", "chuyen-muc/index.html",
            "tac-gia/nguyen-thu-ha/index.html", "tac-gia/index.html",
            "2023/index.html", "2023/08/index.html", "luu-tru/index.html",
            "feed.xml", "sitemap.xml", "robots.txt", "404.html", "assets/style.css",
            "tin-tuc/10234.html", "_redirects",
        ] {
            XCTAssertTrue(site.exists(path), "missing \(path)")
        }
        XCTAssertFalse(site.exists("page/3/index.html"))  // stable pages: 1 and 2 full, the newest on the home page
        XCTAssertFalse(site.exists("2025/06/ban-nhap/index.html"))
        XCTAssertFalse(site.exists("2030/01/bai-hen-gio/index.html"))
    }

    func testArticlePageShowsItsMetadata() throws {
        let site = try TestSite(files: Self.sampleFiles())
        try site.build()
        let legacy = try site.page("2023/08/ban-thuong-vu-tinh-uy-lam-giang-so-ket-cong-tac-thang-7/index.html")
        XCTAssertTrue(legacy.contains("Thứ Ba, 01/08/2023"), "date")
        XCTAssertTrue(legacy.contains("Lượt xem: 2.198"), "views")
        XCTAssertTrue(legacy.contains("Minh Tuấn"), "author")
        XCTAssertTrue(legacy.contains("href=\"/luu-tru/chu-de/tinh-uy/\""), "tag from the keyword rule")
        XCTAssertTrue(legacy.contains("href=\"/luu-tru/chuyen-muc/chinh-tri/\""), "category from the rule")
        XCTAssertTrue(legacy.contains("href=\"/luu-tru/2023/08/\""), "month link")
        XCTAssertTrue(legacy.contains("Tin khác"), "related heading")
        XCTAssertFalse(legacy.contains("<p>Ban Thường vụ Tỉnh ủy Lam Giang sơ kết công tác tháng 7 năm 2023</p>"), "caption dropped")
        let rice = try site.page("2023/08/nong-dan-lam-giang-thu-hoach-lua-he-thu/index.html")
        // Links in bodies written from the site root work under the base path.
        XCTAssertTrue(rice.contains("href=\"/luu-tru/2023/08/ban-thuong-vu-tinh-uy-lam-giang-so-ket-cong-tac-thang-7/\""))
        XCTAssertTrue(rice.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/luu-tru/2023/08/nong-dan-lam-giang-thu-hoach-lua-he-thu/\">"))
        let home = try site.page("index.html")
        // The views file overrides front matter: the school article is the most read.
        let mostRead = home.components(separatedBy: "Đọc nhiều").last ?? ""
        XCTAssertTrue(mostRead.contains("Khai giảng năm học mới ở Ia Krông"))
    }

    func testContentIsEscaped() throws {
        let site = try TestSite(files: Self.sampleFiles())
        try site.build()
        let page = try site.page("2023/09/tieu-de-script-alert-1-script-trich/index.html")
        XCTAssertFalse(page.contains("<script>alert(1)</script>"))
        XCTAssertTrue(page.contains("Tiêu đề &lt;script&gt;alert(1)&lt;/script&gt; &amp;"))
        XCTAssertFalse(page.contains("<b>thẻ</b>"))
        XCTAssertFalse(page.contains("<i>lạ</i>"))
        let feed = try site.page("feed.xml")
        XCTAssertFalse(feed.contains("<script>"))
    }

    func testEveryInternalLinkResolves() throws {
        let site = try TestSite(files: Self.sampleFiles())
        try site.build()
        XCTAssertEqual(try LinkChecker.brokenLinks(in: site.output, basePath: "/luu-tru/"), [])
    }

    func testRelativeLinksResolveFromEachPage() throws {
        let site = try TestSite(files: Self.sampleFiles(), siteYML: TestSite.defaultSiteYML + "\nrelative_links: true\n")
        try site.build()
        let links = try LinkChecker.brokenLinks(in: site.output, basePath: "/__no_absolute_links__/")
        XCTAssertEqual(links.filter { !$0.hasPrefix("404.html") }, [])
        let article = try site.page("2023/08/nong-dan-lam-giang-thu-hoach-lua-he-thu/index.html")
        XCTAssertTrue(article.range(of: "href=\"../../../assets/style\\.[0-9a-f]{12}\\.css\"", options: .regularExpression) != nil)
    }

    func testFeedAndSitemapAreXML() throws {
        let site = try TestSite(files: Self.sampleFiles())
        try site.build()
        for file in ["feed.xml", "sitemap.xml", "chu-de/nong-nghiep/feed.xml", "tac-gia/nguyen-thu-ha/feed.xml"] {
            let parser = XMLParser(data: try Data(contentsOf: site.output.appendingPathComponent(file)))
            XCTAssertTrue(parser.parse(), "\(file): \(String(describing: parser.parserError))")
        }
        let feed = try site.page("feed.xml")
        XCTAssertEqual(feed.components(separatedBy: "<item>").count - 1, 5)
        XCTAssertTrue(feed.contains("<link>https://example.gov.vn/luu-tru/2023/09/tieu-de-script-alert-1-script-trich/</link>"))
        let sitemap = try site.page("sitemap.xml")
        XCTAssertTrue(sitemap.contains("<loc>https://example.gov.vn/luu-tru/</loc>"))
        XCTAssertFalse(sitemap.contains("404"))
    }

    func testSitemapIndexPastTheLimit() throws {
        let site = try TestSite(files: Self.sampleFiles())
        try site.build(sitemapLimit: 10)
        let index = try site.page("sitemap.xml")
        XCTAssertTrue(index.contains("<sitemapindex"))
        XCTAssertTrue(site.exists("sitemap-1.xml"))
        XCTAssertTrue(site.exists("sitemap-2.xml"))
        let first = try site.page("sitemap-1.xml")
        XCTAssertEqual(first.components(separatedBy: "<url>").count - 1, 10)
    }

    func testAliasPageRedirects() throws {
        let site = try TestSite(files: Self.sampleFiles())
        try site.build()
        let redirect = try site.page("tin-tuc/10234.html")
        XCTAssertTrue(redirect.contains("http-equiv=\"refresh\""))
        XCTAssertTrue(redirect.contains("/luu-tru/2023/08/nong-dan-lam-giang-thu-hoach-lua-he-thu/"))
        XCTAssertTrue(try site.page("_redirects").contains("/luu-tru/tin-tuc/10234.html /luu-tru/2023/08/nong-dan-lam-giang-thu-hoach-lua-he-thu/ 301"))
    }

    func testAliasOutsideTheSiteIsRefused() throws {
        var files = Self.sampleFiles()
        files["content/2023/10/bad.md"] = TestSite.markdown(title: "Xấu", date: "2023-10-01", extra: "aliases: [\"/../../escape.html\"]")
        let site = try TestSite(files: files)
        XCTAssertThrowsError(try site.build()) { error in
            XCTAssertTrue((error as? BuildFailure)?.description.contains("content/2023/10/bad.md") ?? false, "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("escape.html").path))
    }

    func testABrokenFileFailsAndLeavesTheOutputAsItWas() throws {
        let site = try TestSite(files: Self.sampleFiles())
        try site.build()
        let before = try site.snapshot()
        try site.write("content/2023/10/hong.md", "---\ntitle: \"Hỏng\ndate: 2023-10-01\n---\nx")
        try site.write("content/2023/10/thieu.md", "---\ndate: 2023-10-01\n---\nkhông có tiêu đề")
        try site.write("content/2023/08/lua-he-thu.md", TestSite.markdown(title: "Đổi tiêu đề", date: "2023-08-05"))
        XCTAssertThrowsError(try site.build()) { error in
            let failure = error as! BuildFailure
            let paths = failure.errors.map(\.path)
            XCTAssertTrue(paths.contains("content/2023/10/hong.md"), "\(failure)")
            XCTAssertTrue(paths.contains("content/2023/10/thieu.md"), "every bad file in one run: \(failure)")
            XCTAssertNotNil(failure.errors.first { $0.path == "content/2023/10/hong.md" }?.line)
        }
        XCTAssertEqual(try site.snapshot(), before)
    }

    func testRebuildingUnchangedSiteWritesNothingAndIsDeterministic() throws {
        let site = try TestSite(files: Self.sampleFiles())
        try site.build()
        let first = try site.snapshot()
        let again = try site.build()
        XCTAssertEqual(again.write.written, 0)
        XCTAssertEqual(try site.snapshot(), first)
        // A clean build elsewhere gives the same bytes.
        let other = try TestSite(files: Self.sampleFiles())
        try other.build()
        XCTAssertEqual(try other.snapshot(), first)
    }

    func testDeletedArticleDisappearsFromTheOutput() throws {
        let site = try TestSite(files: Self.sampleFiles())
        try site.build()
        XCTAssertTrue(site.exists("2022/02/tram-y-te-xa-duoc-dau-tu-thiet-bi/index.html"))
        try site.remove("content/2022/02/y-te.md")
        let report = try site.build()
        XCTAssertGreaterThan(report.write.removed, 0)
        XCTAssertFalse(site.exists("2022/02/tram-y-te-xa-duoc-dau-tu-thiet-bi/index.html"))
        XCTAssertFalse(site.exists("chu-de/y-te/index.html"))
    }

    func testDraftsAndFutureWithFlags() throws {
        let site = try TestSite(files: Self.sampleFiles())
        let report = try site.build(drafts: true, future: true)
        XCTAssertEqual(report.articles, 7)
        XCTAssertTrue(site.exists("2025/06/ban-nhap/index.html"))
    }

    /// The archive bundled with the repository: every page kind, no warnings, every link resolves.
    func testBundledSampleArchiveBuilds() throws {
        let repository = TestSite.repositoryRoot
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let project = Project(root: repository, output: output)
        var options = SiteBuilder.Options(publish: PublishOptions(now: TestSite.now))
        options.useCache = false  // nothing is written into the repository
        let report = try SiteBuilder(project: project, options: options).build()
        XCTAssertGreaterThanOrEqual(report.articles, 40)
        XCTAssertEqual(report.warnings.map(\.description), [])
        let config = try SiteConfig.load(from: repository.appendingPathComponent("site.yml"))
        XCTAssertEqual(try LinkChecker.brokenLinks(in: output, basePath: config.basePath), [])
        let loaded = try SiteBuilder(project: project, options: SiteBuilder.Options(publish: PublishOptions(now: TestSite.now))).load()
        // One page per published article.
        for path in loaded.site.articlePaths {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(path + "index.html").path), path)
        }
        XCTAssertGreaterThanOrEqual(loaded.site.years.count, 3)
        XCTAssertGreaterThanOrEqual(loaded.site.tags.terms.count, 10)
        XCTAssertGreaterThanOrEqual(loaded.site.categories.terms.count, 4)
        XCTAssertGreaterThanOrEqual(loaded.site.articles.filter { $0.format == .legacyText }.count, 10)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("page/2/index.html").path))
        for file in ["feed.xml", "sitemap.xml"] {
            XCTAssertTrue(XMLParser(data: try Data(contentsOf: output.appendingPathComponent(file))).parse(), file)
        }
    }
}

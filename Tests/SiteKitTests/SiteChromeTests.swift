import Foundation
import XCTest
@testable import SiteKit

/// The site's icon, emblem and footer from site.yml, fingerprinted assets, and robots.txt under a
/// sub-path (issue 15).
final class SiteChromeTests: XCTestCase {
    static let siteYML = TestSite.defaultSiteYML + """

    favicon: /images/emblem.svg
    emblem: images/emblem.svg
    agency: "Cổng thông tin <điện tử> tỉnh Lam Giang"
    address: "Số 1 đường Trần Hưng Đạo, thành phố Lam Giang"
    phone: "(0269) 3 822 114"
    email: "banbientap@lamgiang.gov.vn"
    license: "Được dùng lại khi ghi rõ nguồn."
    """

    static let files = [
        "content/2024/05/bai.md": TestSite.markdown(title: "Khánh thành cầu Lam Giang 2", date: "2024-05-02"),
        "static/images/emblem.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><circle cx=\"4\" cy=\"4\" r=\"4\"/></svg>",
    ]

    func testIconEmblemAndFooterOnEveryPage() throws {
        let site = try TestSite(files: Self.files, siteYML: Self.siteYML)
        try site.build()
        for path in ["index.html", "2024/05/khanh-thanh-cau-lam-giang-2/index.html", "chu-de/index.html", "404.html"] {
            let page = try site.page(path)
            XCTAssertTrue(page.contains("<link rel=\"icon\" href=\"/luu-tru/images/emblem.svg\" type=\"image/svg+xml\">"), path)
            XCTAssertTrue(page.contains("<img class=\"emblem\" src=\"/luu-tru/images/emblem.svg\" alt=\"\""), path)
            XCTAssertTrue(page.contains("Cổng thông tin &lt;điện tử&gt; tỉnh Lam Giang"), path)
            XCTAssertTrue(page.contains("<a href=\"tel:02693822114\">(0269) 3 822 114</a>"), path)
            XCTAssertTrue(page.contains("<a href=\"mailto:banbientap@lamgiang.gov.vn\">"), path)
            XCTAssertTrue(page.contains("<p class=\"license\">Được dùng lại khi ghi rõ nguồn.</p>"), path)
        }
    }

    func testNoPublisherNoIconByDefault() throws {
        let site = try TestSite(files: Self.files)
        try site.build()
        let home = try site.page("index.html")
        XCTAssertFalse(home.contains("rel=\"icon\""))
        XCTAssertFalse(home.contains("class=\"emblem\""))
        XCTAssertFalse(home.contains("<address"))
    }

    func testAMissingIconIsAnErrorWithItsLine() throws {
        let yml = TestSite.defaultSiteYML + "\nfavicon: /images/khong-co.png\n"
        let site = try TestSite(files: Self.files, siteYML: yml)
        XCTAssertThrowsError(try site.build()) { error in
            let line = yml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("favicon:") }! + 1
            XCTAssertEqual("\(error)", "site.yml:\(line): favicon: no file static/images/khong-co.png")
        }
        XCTAssertThrowsError(try SiteConfig.parse("emblem: ../ngoai.svg"))
    }

    func testPagesLinkAssetsByTheHashOfTheirBytes() throws {
        let site = try TestSite(files: Self.files)
        try site.write("templates/assets/chu.woff2", "a font's bytes")
        try site.build()
        let css = try Data(contentsOf: site.root.appendingPathComponent("templates/assets/style.css"))
        let name = "assets/" + ThemeAssets.fingerprintedName("style.css", hash: ContentHash.of(Array(css)))
        XCTAssertTrue(name.hasPrefix("assets/style.") && name.hasSuffix(".css") && name.count == "assets/style..css".count + 12, name)
        XCTAssertEqual(try Data(contentsOf: site.output.appendingPathComponent(name)), css)
        XCTAssertTrue(site.exists("assets/style.css"))  // still there for pages and themes that name it
        // Other assets keep their names only: a stylesheet's relative url() still finds them.
        let fonts = try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("assets").path)
        XCTAssertEqual(fonts.filter { $0.hasPrefix("chu.") }, ["chu.woff2"])
        for path in ["index.html", "2024/05/khanh-thanh-cau-lam-giang-2/index.html", "404.html", "tim-kiem/index.html"] {
            XCTAssertTrue(try site.page(path).contains("href=\"/luu-tru/\(name)\""), path)
        }
        let script = try site.page("tim-kiem/index.html")
        XCTAssertTrue(script.range(of: "src=\"/luu-tru/assets/search\\.[0-9a-f]{12}\\.js\"", options: .regularExpression) != nil)
        // A changed stylesheet is a new name, and every page links it (also in a cached rebuild).
        try site.write("templates/assets/style.css", String(decoding: css, as: UTF8.self) + "\n.x { color: red; }\n")
        try site.build()
        let changed = "assets/" + ThemeAssets.fingerprintedName("style.css", hash: ContentHash.of(Array(try Data(contentsOf: site.root.appendingPathComponent("templates/assets/style.css")))))
        XCTAssertNotEqual(changed, name)
        XCTAssertTrue(try site.page("2024/05/khanh-thanh-cau-lam-giang-2/index.html").contains(changed))
        XCTAssertTrue(site.exists(changed))
        XCTAssertFalse(site.exists(name))
    }

    func testRobotsUnderASubPathSaysWhereCrawlersLook() throws {
        let site = try TestSite(files: Self.files)
        let report = try site.build()
        let robots = try site.page("robots.txt")
        XCTAssertTrue(robots.contains("https://example.gov.vn/robots.txt"), robots)
        XCTAssertTrue(robots.contains("\nUser-agent: *\nAllow: /luu-tru/\n"), robots)
        XCTAssertTrue(robots.contains("Sitemap: https://example.gov.vn/luu-tru/sitemap.xml"), robots)
        XCTAssertEqual(report.notices.count, 1)
        XCTAssertTrue(report.notices[0].contains("crawlers read only https://example.gov.vn/robots.txt"), report.notices[0])

        let root = try TestSite(files: Self.files, siteYML: TestSite.defaultSiteYML.replacingOccurrences(of: "/luu-tru/", with: "/"))
        let rootReport = try root.build()
        XCTAssertEqual(try root.page("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.gov.vn/sitemap.xml\n")
        XCTAssertTrue(rootReport.notices.isEmpty)
    }
}

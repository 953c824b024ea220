import XCTest
@testable import SiteKit

final class PermalinksTests: XCTestCase {
    /// 2023-07-31 20:30 UTC is already 1 August in Hồ Chí Minh City.
    let date = Date(timeIntervalSince1970: 1_690_835_400)

    func permalinks(article pattern: String) -> Permalinks {
        var config = SiteConfig()
        config.permalinks.article = pattern
        return Permalinks(config: config)
    }

    func testArticlePathsFillEveryPlaceholderInTheSiteTimeZone() {
        XCTAssertEqual(permalinks(article: ":year/:month/:slug/").article(slug: "lua-mua", date: date), "2023/08/lua-mua/")
        XCTAssertEqual(permalinks(article: "tin/:year/:month/:day/:slug.html").article(slug: "lua-mua", date: date),
                       "tin/2023/08/01/lua-mua.html")
        XCTAssertEqual(permalinks(article: "bai-viet/:slug/").article(slug: "lua-mua", date: date), "bai-viet/lua-mua/")
        // A slug is inserted as it is, never read as a placeholder.
        XCTAssertEqual(permalinks(article: ":slug/:year/").article(slug: "a:year", date: date), "a:year/2023/")
    }

    func testPatternsAreCutAtTheirPlaceholders() {
        XCTAssertEqual(Permalinks.parts(of: "x/:year-:month/:slug/"), [.text("x/"), .year, .text("-"), .month, .text("/"), .slug, .text("/")])
        XCTAssertEqual(Permalinks.digits(7, 2), "07")
        XCTAssertEqual(Permalinks.digits(2023, 4), "2023")
        XCTAssertEqual(Permalinks.digits(12345, 4), "12345")
    }
}

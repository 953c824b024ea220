import Mustache
import XCTest
@testable import SiteKit

final class HTMLEscapingTests: XCTestCase {
    func testSameOutputAsTheLibraryEscaper() throws {
        let inputs = ["Tỉnh ủy <script>alert('x')</script> & \"trích\"", "không có gì", "", "a&&b<<>>\"\"''",
                      "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t & <b>", "🇻🇳 <Lam Giang>"]
        // The library's own escaper, through a template without the pragma.
        let standard = try MustacheTemplate(string: "{{x}}")
        for input in inputs {
            XCTAssertEqual(HTMLEscaping.escape(input), standard.render(["x": input]), input)
        }
    }

    func testThemeTemplatesUseItAndStillEscape() throws {
        let theme = try Theme.load(from: TestSite.repositoryRoot.appendingPathComponent("templates"), language: "vi")
        let html = theme.render(["title": "<b>&</b>", "url": "/x/", "date_short": "01/08/2023"], template: "partials/item-compact")
        XCTAssertTrue(html.contains("&lt;b&gt;&amp;&lt;/b&gt;"), html)
    }
}

import CompiledMustache
import XCTest
@testable import SiteKit

final class HTMLEscapingTests: XCTestCase {
    func testThemeTemplatesEscapeWhatTheyShow() throws {
        let theme = try Theme.load(from: TestSite.repositoryRoot.appendingPathComponent("templates"), language: "vi")
        let fields = MustacheObject(["title": .text("<b>&</b> 'x'"), "url": .text("/x/?a=1&b=2"), "date_short": .text("01/08/2023")],
                                    names: theme.templates.names)
        let html = String(decoding: theme.render("partials/item-compact", fields, root: ""), as: UTF8.self)
        XCTAssertEqual(html, "<a href=\"/x/?a=1&amp;b=2\">&lt;b&gt;&amp;&lt;/b&gt; &#39;x&#39;</a>\n")
    }
}

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

    func testFeedTextIsEscapedAndCharactersXMLForbidsAreLeftOut() {
        XCTAssertEqual(FeedWriter.escape("Tỉnh ủy & \"Hà Nội\" <b>'x'</b>"), "Tỉnh ủy &amp; &quot;Hà Nội&quot; &lt;b&gt;&apos;x&apos;&lt;/b&gt;")
        // Controls but tab, line feed and carriage return, and the two non-characters, are not XML 1.0.
        XCTAssertEqual(FeedWriter.escape("a\u{0}b\u{8}\tc\nd\re\u{B}\u{C}\u{1F}f\u{FFFE}g\u{FFFF}"), "ab\tc\nd\ref" + "g")
        // Neighbours of the non-characters stay: U+FFFD, U+FFEF, and a four-byte character.
        XCTAssertEqual(FeedWriter.escape("\u{FFFD}\u{FFEF}\u{1F600}&"), "\u{FFFD}\u{FFEF}\u{1F600}&amp;")
        XCTAssertEqual(FeedWriter.escape("https://example.gov.vn/2023/08/tieu-de/"), "https://example.gov.vn/2023/08/tieu-de/")
        XCTAssertEqual(FeedWriter.escape(""), "")
        XCTAssertEqual(FeedWriter.escape("&"), "&amp;")
    }
}

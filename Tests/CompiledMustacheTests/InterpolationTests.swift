import CompiledMustache
import XCTest

/// The spec's interpolation rules, each with an example of our own.
final class InterpolationTests: XCTestCase {
    func testTextWithoutTagsIsCopied() {
        XCTAssertEqual(render("Xin chào, Quảng Trị!\n"), "Xin chào, Quảng Trị!\n")
    }

    func testDoubleMustacheEscapesHTML() {
        XCTAssertEqual(render("<p>{{quote}}</p>", ["quote": "\"Lũ\" & <mưa> 'to'"]),
                       "<p>&quot;Lũ&quot; &amp; &lt;mưa&gt; &#39;to&#39;</p>")
    }

    func testEscapingKeepsEveryOtherByte() {
        let inputs = ["Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t & <b>", "🇻🇳 <Lam Giang>", "a&&b<<>>\"\"''", "không có gì", ""]
        let expected = ["Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t &amp; &lt;b&gt;", "🇻🇳 &lt;Lam Giang&gt;",
                        "a&amp;&amp;b&lt;&lt;&gt;&gt;&quot;&quot;&#39;&#39;", "không có gì", ""]
        XCTAssertEqual(inputs.map(HTMLEscape.escape), expected)
        XCTAssertEqual(inputs.map { render("{{x}}", ["x": .text($0)]) ?? "-" }, expected)
    }

    func testTripleMustacheAndAmpersandDoNotEscape() {
        XCTAssertEqual(render("{{{html}}}|{{&html}}|{{& html }}", ["html": "<b>&</b>"]), "<b>&</b>|<b>&</b>|<b>&</b>")
    }

    func testHTMLWeProducedIsNeverEscapedTwice() {
        XCTAssertEqual(render("{{body}}|{{{body}}}", ["body": .html("<p>a &amp; b</p>")]), "<p>a &amp; b</p>|<p>a &amp; b</p>")
    }

    func testNumbersAndBooleans() {
        XCTAssertEqual(render("{{n}} {{d}} {{{d}}} {{yes}}", ["n": 1_234, "d": 1.25, "yes": true]), "1234 1.25 1.25 true")
    }

    func testMissingNamesAreEmpty() {
        XCTAssertEqual(render("[{{nothing}}][{{{nothing}}}][{{a.b}}]", ["a": [:]]), "[][][]")
    }

    func testSpacesInsideTagsAreIgnored() {
        XCTAssertEqual(render("{{ name }}|{{{ name }}}|{{&name }}", ["name": "Huế"]), "Huế|Huế|Huế")
    }

    func testDottedNamesWalkIntoObjects() {
        let data: Data = ["article": ["author": ["name": "Lê Văn A"]]]
        XCTAssertEqual(render("{{article.author.name}}", data), "Lê Văn A")
    }

    /// Only the first part of a dotted name is looked up the stack; the rest must be inside it.
    func testDottedNameChainDoesNotClimbBack() {
        let data: Data = ["a": ["b": [:]], "c": "outer"]
        XCTAssertEqual(render("[{{a.b.c}}]", data), "[]")
        XCTAssertEqual(render("{{#a}}{{#b}}[{{c}}]{{/b}}{{/a}}", data), "[outer]")
    }

    func testDottedNameFirstPartComesFromTheNearestObjectThatHasIt() {
        let data: Data = ["site": ["title": "Báo"], "items": [["site": ["title": "item"]], ["x": 1]]]
        XCTAssertEqual(render("{{#items}}{{site.title}},{{/items}}", data), "item,Báo,")
    }

    func testLeadingDotLooksOnlyAtTheCurrentValue() {
        let data: Data = ["url": "/outer", "items": [["url": "/a"], ["name": "no url"]]]
        XCTAssertEqual(render("{{#items}}[{{.url}}|{{url}}]{{/items}}", data), "[/a|/a][|/outer]")
    }

    func testImplicitIterator() {
        XCTAssertEqual(render("{{#list}}<{{.}}>{{/list}}", ["list": ["a&b", 2, 3.5]]), "<a&amp;b><2><3.5>")
    }

    /// Interpolation tags never stand alone: the spaces and the newline around them stay.
    func testInterpolationIsNeverStandalone() {
        XCTAssertEqual(render("  {{name}}\n", ["name": "x"]), "  x\n")
        XCTAssertEqual(render("  {{missing}}\n"), "  \n")
    }

    func testRootPathsAreWrittenAfterThePagesRoot() {
        XCTAssertEqual(render("<a href=\"{{url}}\">", ["url": .rootPath("tags/a&b/index.html")], root: "../../"),
                       "<a href=\"../../tags/a&amp;b/index.html\">")
    }

    func testUTF8PassesThroughByteForByte() {
        XCTAssertEqual(render("Đà Nẵng {{x}} – “Tết”", ["x": "Ngày 30/4 – 🎉"]), "Đà Nẵng Ngày 30/4 – 🎉 – “Tết”")
    }
}

import CompiledMustache
import XCTest

/// Sections, inverted sections, comments and the standalone-line rule.
final class SectionTests: XCTestCase {
    func testBooleansShowOrHide() {
        XCTAssertEqual(render("{{#yes}}shown{{/yes}}{{#no}}hidden{{/no}}", ["yes": true, "no": false]), "shown")
    }

    func testMissingNameHidesSection() {
        XCTAssertEqual(render("[{{#nothing}}x{{/nothing}}]"), "[]")
    }

    func testListRendersOncePerItemWithItemOnTop() {
        let data: Data = ["tags": [["name": "Kinh tế"], ["name": "Xã hội"]]]
        XCTAssertEqual(render("{{#tags}}<li>{{name}}</li>{{/tags}}", data), "<li>Kinh tế</li><li>Xã hội</li>")
    }

    func testEmptyListHidesSectionAndShowsInverted() {
        XCTAssertEqual(render("{{#items}}x{{/items}}{{^items}}none{{/items}}", ["items": []]), "none")
    }

    func testObjectBecomesTheContext() {
        XCTAssertEqual(render("{{#author}}{{name}} ({{count}}){{/author}}", ["author": ["name": "An", "count": 3]]), "An (3)")
    }

    func testNamesNotInTheObjectAreFoundFurtherUp() {
        let data: Data = ["label": "Tác giả", "author": ["name": "An"]]
        XCTAssertEqual(render("{{#author}}{{label}}: {{name}}{{/author}}", data), "Tác giả: An")
    }

    func testNestedListsSeeEveryLevel() {
        let data: Data = ["years": [["year": 2023, "months": [["m": 1], ["m": 2]]], ["year": 2024, "months": [["m": 3]]]]]
        XCTAssertEqual(render("{{#years}}{{#months}}{{year}}/{{m}} {{/months}}{{/years}}", data), "2023/1 2023/2 2024/3 ")
    }

    func testTextAndNumbersAreTrueEvenWhenEmptyOrZero() {
        XCTAssertEqual(render("{{#s}}[{{.}}]{{/s}}{{#z}}[{{.}}]{{/z}}{{^z}}no{{/z}}", ["s": "", "z": 0]), "[][0]")
    }

    func testDottedNamesInSections() {
        let data: Data = ["article": ["summary": "Tóm tắt"]]
        XCTAssertEqual(render("{{#article.summary}}<p>{{article.summary}}</p>{{/article.summary}}{{^article.image}}-{{/article.image}}", data),
                       "<p>Tóm tắt</p>-")
    }

    func testInvertedSectionShowsForFalseAndMissing() {
        XCTAssertEqual(render("{{^no}}a{{/no}}{{^missing}}b{{/missing}}{{^yes}}c{{/yes}}", ["no": false, "yes": true]), "ab")
    }

    func testStandaloneSectionLinesDisappear() {
        let template = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n"
        XCTAssertEqual(render(template, ["items": ["a", "b"]]), "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
    }

    func testStandaloneLinesWithWindowsLineEnds() {
        XCTAssertEqual(render("a\r\n{{#yes}}\r\nb\r\n{{/yes}}\r\nc", ["yes": true]), "a\r\nb\r\nc")
    }

    func testStandaloneTagOnTheFirstAndLastLine() {
        XCTAssertEqual(render("  {{#yes}}\nx\n  {{/yes}}", ["yes": true]), "x\n")
    }

    func testTwoTagsOnALineAreNotStandalone() {
        XCTAssertEqual(render("  {{#yes}}{{/yes}}\nx", ["yes": true]), "  \nx")
        XCTAssertEqual(render("a {{#yes}}\nx{{/yes}}", ["yes": true]), "a \nx")
    }

    func testCommentsAreRemovedAndStandaloneCommentsTakeTheirLine() {
        XCTAssertEqual(render("a{{! note }}b\n  {{! a whole line }}\nc{{!\nseveral\nlines\n}}d"), "ab\ncd")
    }

    func testSetDelimiters() {
        let template = "{{=<% %>=}}\n<%name%> {{name}}\n<%={{ }}=%>{{name}}"
        XCTAssertEqual(render(template, ["name": "x"]), "x {{name}}\nx")
    }

    func testSetDelimitersWorkInsideSections() {
        XCTAssertEqual(render("{{#yes}}{{=[ ]=}}[name][/yes]", ["yes": true, "name": "v"]), "v")
    }

    func testPartialsKeepTheirOwnDelimiters() {
        XCTAssertEqual(render("{{=| |=}}|>part|", ["name": "v"], partials: ["part": "[{{name}}]"]), "[v]")
    }
}

import CompiledMustache
import XCTest

/// Partials, parents and blocks (the spec's optional inheritance module).
final class PartialAndInheritanceTests: XCTestCase {
    func testPartialRendersInTheCurrentContext() {
        XCTAssertEqual(render("{{#author}}<{{>card}}>{{/author}}", ["author": ["name": "An"]], partials: ["card": "{{name}}"]), "<An>")
    }

    func testStandalonePartialIndentsEachOfItsLines() {
        let partial = "<li>\n{{{content}}}\n</li>\n"
        XCTAssertEqual(render("<ul>\n  {{>item}}\n</ul>\n", ["content": "a\nb"], partials: ["item": partial]),
                       "<ul>\n  <li>\n  a\nb\n  </li>\n</ul>\n")
    }

    func testInlinePartialIsNotIndented() {
        XCTAssertEqual(render("  x {{>p}}\n", partials: ["p": "a\nb"]), "  x a\nb\n")
    }

    func testNestedStandalonePartialsAddUpIndentation() {
        XCTAssertEqual(render("  {{>outer}}\n", partials: ["outer": "o\n  {{>inner}}\n", "inner": "i1\ni2\n"]),
                       "  o\n    i1\n    i2\n")
    }

    func testRecursivePartialEndsWithItsData() {
        // Leaves say they have no children: a missing name would be looked up the stack, in the parent.
        let data: Data = ["name": "1", "children": [["name": "1.1", "children": [["name": "1.1.1", "children": []]]], ["name": "1.2", "children": []]]]
        let node = "{{name}}({{#children}}{{>node}}{{/children}})"
        XCTAssertEqual(render("{{>node}}", data, partials: ["node": node]), "1(1.1(1.1.1())1.2())")
    }

    func testPartialIncludingItselfTwiceStopsAtABudget() {
        // Found by fuzzing: `yes` never runs out, so each level renders the partial twice, to
        // the depth limit of 100: 2^100 renders without a budget on includes.
        let output = render("{{>p}}", ["yes": true], partials: ["p": "{{#yes}}x{{>p}}{{>p}}{{/yes}}"])
        XCTAssertEqual(output?.count, 10_000)
        XCTAssertEqual(output?.allSatisfy { $0 == "x" }, true)
    }

    func testBlockShowsItsDefaultWhenNotGiven() {
        XCTAssertEqual(render("<title>{{$title}}Báo {{site}}{{/title}}</title>", ["site": "QT"]), "<title>Báo QT</title>")
    }

    func testParentWithBlocksReplaced() {
        let base = "<h1>{{$title}}Mặc định{{/title}}</h1><main>{{$content}}{{/content}}</main>"
        let page = "{{<base}}{{$content}}Nội dung {{x}}{{/content}}{{/base}}"
        XCTAssertEqual(render(page, ["x": 1], partials: ["base": base]), "<h1>Mặc định</h1><main>Nội dung 1</main>")
    }

    func testTextInsideAParentTagOutsideBlocksIsIgnored() {
        XCTAssertEqual(render("{{<base}} ignored {{x}} {{$b}}kept{{/b}} ignored {{/base}}", ["x": 1], partials: ["base": "[{{$b}}{{/b}}]"]), "[kept]")
    }

    func testTheOutermostGivenBlockWins() {
        let partials = ["middle": "{{<base}}{{$a}}middle{{/a}}{{$b}}middle b{{/b}}{{/base}}", "base": "{{$a}}base{{/a}}/{{$b}}base b{{/b}}"]
        XCTAssertEqual(render("{{<middle}}{{$a}}page{{/a}}{{/middle}}", partials: partials), "page/middle b")
    }

    func testParentWithoutBlocksIsLikeAPartial() {
        XCTAssertEqual(render("{{>p}}|{{<p}}{{/p}}", partials: ["p": "{{$x}}default{{/x}}"]), "default|default")
    }

    func testSameParentTwiceWithDifferentBlocks() {
        XCTAssertEqual(render("{{<p}}{{$x}}1{{/x}}{{/p}} {{<p}}{{$x}}2{{/x}}{{/p}}", partials: ["p": "({{$x}}{{/x}})"]), "(1) (2)")
    }

    func testBlocksAreNotReadFromTheData() {
        XCTAssertEqual(render("{{<p}}{{/p}}", ["x": "data"], partials: ["p": "{{$x}}template{{/x}}"]), "template")
    }

    func testStandaloneParentTagsAndBlocksTakeTheirLines() {
        let base = "<main>\n{{$content}}{{/content}}\n</main>\n"
        let page = "{{<base}}\n{{$content}}\n<p>x</p>\n{{/content}}\n{{/base}}\n"
        XCTAssertEqual(render(page, partials: ["base": base]), "<main>\n<p>x</p>\n\n</main>\n")
    }
}

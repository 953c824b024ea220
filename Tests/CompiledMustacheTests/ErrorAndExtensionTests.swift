import CompiledMustache
import XCTest

/// Template mistakes reported where they are, all at once; the swift-mustache extensions the theme uses.
final class ErrorAndExtensionTests: XCTestCase {
    func testUnclosedSectionIsReportedAtItsOpeningTag() {
        XCTAssertEqual(errors(["page": "<p>\n  {{#items}}\n{{name}}\n"]),
                       ["templates/page.mustache:2:3: '{{#items}}' is never closed"])
    }

    func testMismatchedCloseNamesBothTags() {
        XCTAssertEqual(errors(["page": "{{#a}}{{#b}}x{{/a}}{{/b}}"]), [
            "templates/page.mustache:1:14: '{{/a}}' does not close '{{#b}}'",
            "templates/page.mustache:1:20: '{{/b}}' closes nothing",
        ])
    }

    func testUnknownPartialAndParent() {
        XCTAssertEqual(errors(["page": "{{<bsae}}{{/bsae}}\n{{>partials/hedaer}}"]), [
            "templates/page.mustache:1:1: no template named 'bsae' (looked for bsae.mustache)",
            "templates/page.mustache:2:1: no template named 'partials/hedaer' (looked for partials/hedaer.mustache)",
        ])
    }

    func testBadDelimitersAndUnclosedTag() {
        XCTAssertEqual(errors(["a": "x\n{{=<%>=}}", "b": "Đà {{name"]), [
            "templates/a.mustache:2:1: bad delimiters '<%>': write two delimiters without '=' between spaces, as in {{=<% %>=}}",
            "templates/b.mustache:1:4: unclosed tag: no '}}' after it",
        ])
    }

    func testColumnsCountCharactersNotBytes() {
        XCTAssertEqual(errors(["page": "Tiếng Việt {{/x}}"]), ["templates/page.mustache:1:12: '{{/x}}' closes nothing"])
    }

    func testEveryFileIsCheckedInOneRun() {
        let found = errors(["a": "{{#x}}", "b": "{{>nope}}", "c": "{{bad name}}", "d": "{{sort(list)}}"])
        XCTAssertEqual(found.count, 4, "\(found)")
        XCTAssertEqual(found.map { $0.prefix(20) }, ["templates/a.mustache", "templates/b.mustache", "templates/c.mustache", "templates/d.mustache"])
    }

    func testTemplatesThatAlwaysIncludeEachOtherAreRejected() {
        XCTAssertEqual(errors(["a": "x\n{{>b}}", "b": "{{<a}}{{/a}}"]),
                       ["templates/a.mustache:2:1: templates include each other without end: a → b → a"])
        // Inside a section the data decides when it ends: allowed.
        XCTAssertEqual(errors(["node": "{{#children}}{{>node}}{{/children}}"]), [])
    }

    func testContentTypePragmaIsAcceptedAndOthersAreNot() {
        XCTAssertEqual(render("{{% CONTENT_TYPE: HTML }}\n{{x}}", ["x": "<"]), "&lt;")
        XCTAssertEqual(errors(["page": "{{% CONTENT_TYPE: TEXT }}"]), ["templates/page.mustache:1:1: unknown pragma 'CONTENT_TYPE: TEXT' (only CONTENT_TYPE: HTML)"])
    }

    func testFirstAndLastOfAList() {
        let data: Data = ["tags": [["name": "a"], ["name": "b"], ["name": "c"]]]
        XCTAssertEqual(render("{{#tags}}{{#first()}}[{{/first()}}{{name}}{{^last()}}, {{/last()}}{{#last()}}]{{/last()}}{{/tags}}", data), "[a, b, c]")
    }

    func testIndexEvenOddOfAList() {
        XCTAssertEqual(render("{{#l}}{{index()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}} {{/l}}", ["l": ["x", "y", "z"]]), "0e 1o 2e ")
    }

    func testLoopQuestionsOutsideAListAreFalse() {
        XCTAssertEqual(render("{{#first()}}x{{/first()}}{{^first()}}not in a list{{/first()}}"), "not in a list")
    }

    func testUnknownFunctionIsAnError() {
        XCTAssertEqual(errors(["page": "{{#reversed()}}{{/reversed()}}"]).first,
                       "templates/page.mustache:1:1: unknown function 'reversed()' (known: first(), last(), index(), even(), odd())")
    }

    func testFragmentTakesTheRootOfEachPageItIsShownOn() throws {
        let templates = try MustacheTemplates([
            .init(name: "item", file: "item.mustache", text: "<a href=\"{{url}}\">{{title}}</a>"),
            .init(name: "page", file: "page.mustache", text: "<li>{{{item}}}</li><a href=\"{{home}}\">"),
        ])
        let names = templates.names
        let item = templates.fragment(templates.template(named: "item")!,
                                      .object(MustacheObject(["url": .rootPath("2023/08/x/index.html"), "title": .text("X & Y")], names: names)))
        XCTAssertEqual(item.text(root: "/"), "<a href=\"/2023/08/x/index.html\">X &amp; Y</a>")
        let page = MustacheObject(["item": .fragment(item), "home": .rootPath("index.html")], names: names)
        let html = String(decoding: templates.render(templates.template(named: "page")!, .object(page), root: "../../"), as: UTF8.self)
        XCTAssertEqual(html, "<li><a href=\"../../2023/08/x/index.html\">X &amp; Y</a></li><a href=\"../../index.html\">")
    }

    func testFieldsNoTemplateReadsAreNotKept() throws {
        let templates = try MustacheTemplates([.init(name: "t", file: "t", text: "{{a}}")])
        let object = MustacheObject(["a": .text("1"), "unused": .text("2"), "absent": nil], names: templates.names)
        XCTAssertEqual(String(decoding: templates.render(templates.template(named: "t")!, .object(object), root: ""), as: UTF8.self), "1")
        XCTAssertNil(templates.names.id(of: "unused"))
    }
}

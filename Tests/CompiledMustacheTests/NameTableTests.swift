import CompiledMustache
import XCTest

/// The names the templates read, numbered when compiled: every one is found again, however many
/// a theme has, and a name no template reads is not kept.
final class NameTableTests: XCTestCase {
    func testEveryNameOfALargeThemeIsFound() {
        // More names than the table's first size, Vietnamese and ASCII, some the prefix of another.
        let names = (0..<300).map { $0 % 3 == 0 ? "tên_\($0)" : $0 % 3 == 1 ? "field\($0)" : "field\($0)x" }
        let template = names.map { "{{\($0)}}" }.joined(separator: ",")
        let data = Data.object(names.enumerated().map { ($1, .number($0)) })
        XCTAssertEqual(render(template, data), (0..<300).map(String.init).joined(separator: ","))
    }

    func testNamesAreNumberedOnceAndUnknownOnesAreNotKept() throws {
        let templates = try MustacheTemplates([MustacheTemplates.Source(name: "main", file: "main.mustache",
                                                                        text: "{{a}}{{b.a}}{{#a}}{{a}}{{/a}}{{$a}}{{/a}}")])
        XCTAssertNotNil(templates.names.id(of: "a"))
        XCTAssertNotNil(templates.names.id(of: "b"))
        XCTAssertNil(templates.names.id(of: "c"))
        XCTAssertNil(templates.names.id(of: ""))
        XCTAssertNotEqual(templates.names.id(of: "a"), templates.names.id(of: "b"))
        var object = MustacheObject()
        object.set("c", .text("never read"), names: templates.names)
        XCTAssertTrue(object.isEmpty)
    }
}

import XCTest
@testable import SiteKit

final class ModelHashTests: XCTestCase {
    private func head(_ title: String?) -> PageHead { PageHead(path: "chu-de/x/", title: title) }

    func testEqualModelsHashAlikeAndEveryFieldCounts() {
        let model = TermIndexPageModel(head: head("Chủ đề"), heading: "Chủ đề", terms: [.init(name: "Y tế", path: "chu-de/y-te/", count: 3)])
        XCTAssertEqual(ModelHash.of(model), ModelHash.of(model))
        var other = model
        other.terms[0].count = 4
        XCTAssertNotEqual(ModelHash.of(model), ModelHash.of(other))
        other = model
        other.head.title = nil
        XCTAssertNotEqual(ModelHash.of(model), ModelHash.of(other))
    }

    /// The same values under other names, or moved from one field to the next, are another page.
    func testFieldNamesAndOrderCount() {
        let a = RedirectPageModel(head: head("a"), targetPath: "x", targetTitle: "y")
        let b = RedirectPageModel(head: head("a"), targetPath: "y", targetTitle: "x")
        XCTAssertNotEqual(ModelHash.of(a), ModelHash.of(b))
    }

    func testFreeFieldsCountByKeyAndValue() {
        let one = FieldValue.map(["nguon": .string("TTXVN"), "so": .int(12)])
        XCTAssertEqual(ModelHash.of(one), ModelHash.of(FieldValue.map(["so": .int(12), "nguon": .string("TTXVN")])))
        XCTAssertNotEqual(ModelHash.of(one), ModelHash.of(FieldValue.map(["nguon": .string("TTXVN"), "so": .string("12")])))
        XCTAssertNotEqual(ModelHash.of(one), ModelHash.of(FieldValue.map(["nguon": .string("TTXVN"), "số": .int(12)])))
    }
}

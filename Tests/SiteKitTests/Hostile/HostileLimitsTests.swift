import Foundation
import XCTest
@testable import SiteKit

/// Issue 16, items 13–14: limits named with file and line, and no quadratic corner.
final class HostileLimitsTests: XCTestCase {
    func testASignedDateIsAnErrorNotYear2023() throws {
        let site = try TestSite(files: ["content/a.md": TestSite.markdown(title: "Ngày âm", date: "-2023-08-01")])
        let found = site.buildErrors()
        XCTAssertEqual(found.map(\.description).first?.hasPrefix("content/a.md:3: front matter 'date'"), true, "\(found)")
    }

    func testTenThousandTagsAreRefusedWithTheLine() throws {
        let tags = (0..<10_000).map { "Thẻ \($0)" }
        let site = try TestSite(files: ["content/a.md": TestSite.markdown(title: "Nhiều thẻ", date: "2023-08-01", tags: tags)])
        let found = site.buildErrors()
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.line, 4)
        XCTAssertTrue(found.first?.message.contains("500 items") ?? false, "\(found)")
    }

    func testOverlongTitlesAndNamesAreRefusedWithTheLine() throws {
        let site = try TestSite(files: [
            "content/a.md": TestSite.markdown(title: String(repeating: "Dài ", count: 1000), date: "2023-08-01"),
            "content/b.md": TestSite.markdown(title: "Tác giả dài", date: "2023-08-01", author: String(repeating: "Nguyễn ", count: 100)),
        ])
        let found = site.buildErrors().map(\.description)
        XCTAssertEqual(found.count, 2, "\(found)")
        XCTAssertTrue(found[0].hasPrefix("content/a.md:2: front matter 'title' is "), "\(found)")
        XCTAssertTrue(found[1].hasPrefix("content/b.md:4: front matter 'author' is "), "\(found)")
    }

    func testAHugeContentFileIsRefusedBeforeItIsRead() throws {
        let site = try TestSite(files: ["content/a.md": TestSite.markdown(title: "Bình thường", date: "2023-08-01")])
        let handle = try FileHandle(forWritingTo: site.root.appendingPathComponent("content/a.md"))
        try handle.truncate(atOffset: UInt64(ContentLoader.maximumFileBytes + 1))
        try handle.close()
        let found = site.buildErrors()
        XCTAssertEqual(found.map(\.path), ["content/a.md"])
        XCTAssertTrue(found.first?.message.contains("limit") ?? false)
    }

    func testSiteSettingsMayHoldLongListsButNotBillionLaughs() throws {
        let rules = (0..<600).map { "  - tag: \"Thẻ \($0)\"\n    keywords: [\"từ \($0)\"]" }.joined(separator: "\n")
        let site = try TestSite(files: ["content/a.md": TestSite.markdown(title: "Bài", date: "2023-08-01")],
                                siteYML: "title: \"Lưu trữ\"\ntag_rules:\n" + rules + "\n")
        try site.build()
        let laughs = HostileCrashTests.billionLaughs.split(separator: "\n").dropFirst().prefix(while: { $0 != "---" }).joined(separator: "\n")
        let bad = try TestSite(files: ["content/a.md": TestSite.markdown(title: "Bài", date: "2023-08-01")], siteYML: laughs + "\n")
        XCTAssertEqual(bad.buildErrors().map(\.path), ["site.yml"])
    }

    func testWriteStageErrorsNameTheFileAndLineAndCheckSeesThem() throws {
        let site = try TestSite(files: [
            "content/a.md": TestSite.markdown(title: "Bài", date: "2023-08-01", extra: "aliases: [\"/feed.xml\"]"),
            "content/b.md": TestSite.markdown(title: "Khác", date: "2023-08-02", extra: "aliases: [\"/x\\ny.html\"]"),
        ])
        let expected = ["content/a.md:4: alias '/feed.xml' and a page the site makes (feed.xml) both want the file 'feed.xml'",
                        "content/b.md:4: alias '/x\\u{a}y.html' would be written as 'x\\u{a}y.html', which contains a control character"]
        XCTAssertEqual(site.buildErrors().map(\.description), expected)
        // `sitegen check` loads without writing: it reports them too.
        XCTAssertThrowsError(try site.load()) { error in
            XCTAssertEqual((error as? BuildFailure)?.errors.map(\.description), expected)
        }
        XCTAssertFalse(site.exists("index.html"))
    }

    func testAliasConflictsNameTheLineOfTheAliases() throws {
        let site = try TestSite(files: [
            "content/a.md": TestSite.markdown(title: "Bài", date: "2023-08-01", extra: "aliases: [\"/tin/1.html\"]"),
            "content/b.md": TestSite.markdown(title: "Khác", date: "2023-08-02", tags: ["Tỉnh ủy"], extra: "aliases: [\"/tin/1.html\"]"),
        ])
        let errors = site.buildErrors()
        XCTAssertEqual(errors.count, 1, "\(errors)")
        // The newer article is indexed first, so the older one is the one that conflicts.
        XCTAssertEqual(errors.first.map { "\($0.path):\($0.line ?? 0)" }, "content/a.md:4")
        XCTAssertTrue(errors.first?.message.contains("also claimed by content/b.md") ?? false, "\(errors)")
    }

    func testAControlCharacterInFrontMatterNamesItsLine() throws {
        let site = try TestSite(files: ["content/a.md": "---\ndate: 2023-08-01\ntitle: \"X\u{0}Y\"\n---\n\nNội dung.\n"])
        let errors = site.buildErrors()
        XCTAssertEqual(errors.map { "\($0.path):\($0.line ?? 0)" }, ["content/a.md:3"])
        XCTAssertEqual(errors.first?.message, "invalid YAML: control characters are not allowed")
    }
}

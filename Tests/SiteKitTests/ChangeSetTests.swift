import XCTest
@testable import SiteKit

/// What a watcher's paths say changed, before the scan completes it.
final class ChangeSetTests: XCTestCase {
    func testWatchedPathsAreSortedByKindOfInput() throws {
        let site = try TestSite(files: ["content/2024/03/bai.md": TestSite.markdown(title: "Bài", date: "2024-03-01")])
        let project = site.project
        func path(_ relative: String) -> String { site.root.appendingPathComponent(relative).path }
        XCTAssertEqual(ChangeSet(watched: [path("content/2024/03/bai.md")], project: project), ChangeSet(edited: ["2024/03/bai.md"]))
        XCTAssertEqual(ChangeSet(watched: [path("content/2024/03/da-xoa.md")], project: project), ChangeSet(deleted: ["2024/03/da-xoa.md"]))
        XCTAssertEqual(ChangeSet(watched: [path("content/2024/03/anh.jpg")], project: project), ChangeSet(otherFiles: true))
        XCTAssertEqual(ChangeSet(watched: [path("site.yml")], project: project), ChangeSet(settings: true))
        XCTAssertEqual(ChangeSet(watched: [path("templates/article.mustache")], project: project), ChangeSet(templates: true))
        XCTAssertEqual(ChangeSet(watched: [path("data/views.csv")], project: project), ChangeSet(data: true))
        XCTAssertEqual(ChangeSet(watched: [path("static/logo.png")], project: project), ChangeSet(otherFiles: true))
        // A folder of the content: the scan lists what is in it.
        XCTAssertEqual(ChangeSet(watched: [], folders: [path("content/2024")], project: project), ChangeSet())
        XCTAssertTrue(ChangeSet(edited: ["a.md"]).onlyContent)
        XCTAssertFalse(ChangeSet(edited: ["a.md"], templates: true).onlyContent)
        XCTAssertFalse(ChangeSet.all.onlyContent)
    }

    func testAWatchersHintAndTheScanMerge() {
        let hint = ChangeSet(edited: ["2024/03/moi.md", "2024/03/cu.md"])
        let scan = ChangeSet(added: ["2024/03/moi.md"], templates: true)
        XCTAssertEqual(hint.merged(with: scan), ChangeSet(added: ["2024/03/moi.md"], edited: ["2024/03/cu.md"], templates: true))
        XCTAssertEqual(hint.merged(with: scan).reread, ["2024/03/moi.md", "2024/03/cu.md"])
    }

    func testAFirstBuildChangesEverything() throws {
        let site = try TestSite(files: ["content/2024/03/bai.md": TestSite.markdown(title: "Bài", date: "2024-03-01")])
        XCTAssertEqual(try site.build().changes, .all)
        XCTAssertEqual(try site.build().changes, ChangeSet(), "nothing changed")
    }
}

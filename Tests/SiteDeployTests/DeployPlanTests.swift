import XCTest
@testable import SiteDeploy

final class DeployPlanTests: XCTestCase {
    let pattern = ArticlePattern(":year/:month/:slug/")

    func file(_ path: String, _ md5: String = "aa", size: Int = 10) -> LocalFile {
        LocalFile(path: path, size: size, md5: md5, kind: FileKind.of(path, articlePattern: pattern), redirect: nil)
    }

    func manifest(_ entries: [String: String]) -> DeployManifest {
        DeployManifest(entries: entries.mapValues { .init(md5: $0, size: 10) }, generation: "g1")
    }

    func testKindsFollowThePermalinkPattern() {
        XCTAssertEqual(FileKind.of("index.html", articlePattern: pattern), .home)
        XCTAssertEqual(FileKind.of("2023/08/ban-thuong-vu/index.html", articlePattern: pattern), .article)
        XCTAssertEqual(FileKind.of("2023/08/index.html", articlePattern: pattern), .list)
        XCTAssertEqual(FileKind.of("2023/08/page/index.html", articlePattern: pattern), .list)
        XCTAssertEqual(FileKind.of("chu-de/tinh-uy/index.html", articlePattern: pattern), .list)
        XCTAssertEqual(FileKind.of("chu-de/tinh-uy/feed.xml", articlePattern: pattern), .list)
        XCTAssertEqual(FileKind.of("_redirects", articlePattern: pattern), .list)
        XCTAssertEqual(FileKind.of("robots.txt", articlePattern: pattern), .list)
        XCTAssertEqual(FileKind.of("tim-kiem/meta.json", articlePattern: pattern), .list)
        XCTAssertEqual(FileKind.of("tim-kiem/docs/0.json", articlePattern: pattern), .asset)
        XCTAssertEqual(FileKind.of("assets/style.css", articlePattern: pattern), .asset)
        XCTAssertEqual(FileKind.of("2023/08/bai/anh.jpg", articlePattern: pattern), .asset)
        let custom = ArticlePattern("bai-viet/:slug/")
        XCTAssertEqual(FileKind.of("bai-viet/mot/index.html", articlePattern: custom), .article)
        XCTAssertEqual(FileKind.of("2023/08/mot/index.html", articlePattern: custom), .list)
    }

    func testFirstDeployUploadsEverythingWithTheHomePageLast() {
        let local = [file("index.html"), file("2023/08/a/index.html"), file("assets/style.css"), file("chu-de/x/index.html")]
        let plan = DeployPlan.make(local: local, known: DeployManifest())
        XCTAssertEqual(plan.uploads.map(\.file.path), ["assets/style.css", "2023/08/a/index.html", "chu-de/x/index.html", "index.html"])
        XCTAssertEqual(plan.phases.map(\.phase), [.assetsAndNewFiles, .home])
        XCTAssertEqual(plan.unchanged, 0)
        XCTAssertEqual(plan.deletions, [])
    }

    func testChangedFilesGoInPhasesAndOnlyOwnedFilesAreDeleted() {
        let known = manifest([
            "index.html": "old", "2023/08/a/index.html": "old", "2023/08/b/index.html": "aa",
            "chu-de/x/index.html": "old", "assets/style.css": "old", "2023/08/gone/index.html": "aa",
        ])
        let local = [file("index.html"), file("2023/08/a/index.html"), file("2023/08/b/index.html"), file("chu-de/x/index.html"),
                     file("assets/style.css"), file("2023/09/new/index.html"), file("chu-de/new/index.html")]
        let plan = DeployPlan.make(local: local, known: known)
        XCTAssertEqual(plan.phases.map(\.phase), [.assetsAndNewFiles, .articles, .lists, .home])
        XCTAssertEqual(plan.phases[0].files.map(\.path), ["assets/style.css", "2023/09/new/index.html", "chu-de/new/index.html"])
        XCTAssertEqual(plan.phases[1].files.map(\.path), ["2023/08/a/index.html"])
        XCTAssertEqual(plan.phases[2].files.map(\.path), ["chu-de/x/index.html"])
        XCTAssertEqual(plan.phases[3].files.map(\.path), ["index.html"])
        XCTAssertEqual(plan.unchanged, 1)
        XCTAssertEqual(plan.deletions, ["2023/08/gone/index.html"])

        let keeping = DeployPlan.make(local: local, known: known, delete: false)
        XCTAssertEqual(keeping.deletions, [])
        XCTAssertEqual(keeping.kept, 1)
    }

    func testAnUnconfirmedUploadIsSentAgainAndStillOurs() {
        var known = manifest(["a.css": "aa"])
        known.entries["b.css"] = .init(md5: nil, size: 10)
        known.entries["c.css"] = .init(md5: nil, size: 10)
        let plan = DeployPlan.make(local: [file("a.css"), file("b.css")], known: known)
        XCTAssertEqual(plan.uploads.map(\.file.path), ["b.css"])
        XCTAssertEqual(plan.deletions, ["c.css"])
    }

    func testAListingWithoutManifestFindsForeignFilesAndKeepsThem() {
        let local = [file("index.html"), file("assets/style.css", "bb")]
        let listing = ["index.html": RemoteObject(size: 10, md5: "aa"), "old/page.html": RemoteObject(size: 5, md5: "cc"),
                       "assets/style.css": RemoteObject(size: 10, md5: "zz")]
        let refused = DeployPlan.make(local: local, known: DeployManifest(), listing: listing)
        XCTAssertEqual(refused.foreign, ["assets/style.css", "index.html", "old/page.html"])

        let adopted = DeployPlan.make(local: local, known: DeployManifest(), listing: listing, adopt: true)
        XCTAssertEqual(adopted.foreign, ["old/page.html"])
        XCTAssertEqual(adopted.uploads.map(\.file.path), ["assets/style.css"], "the identical index.html is not sent again")
        XCTAssertEqual(adopted.unchanged, 1)
        XCTAssertEqual(adopted.deletions, [], "a foreign file is never deleted")
    }

    func testAListingTrustsOurRecordOnlyWhileTheSizeAgrees() {
        // The manifest at the target was lost; the local mirror says what we uploaded.
        let known = DeployManifest(entries: ["a.css": .init(md5: "aa", size: 10), "b.css": .init(md5: "aa", size: 10),
                                             "gone.css": .init(md5: "aa", size: 10)])
        let listing = ["a.css": RemoteObject(size: 10), "b.css": RemoteObject(size: 99), DeployManifest.fileName: RemoteObject(size: 3)]
        let plan = DeployPlan.make(local: [file("a.css"), file("b.css")], known: known, listing: listing)
        XCTAssertEqual(plan.foreign, [])
        XCTAssertEqual(plan.uploads.map(\.file.path), ["b.css"])
        XCTAssertEqual(plan.deletions, [], "gone.css is no longer at the target")
    }
}

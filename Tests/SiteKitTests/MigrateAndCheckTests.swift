import XCTest
@testable import SiteKit

final class MigrateAndCheckTests: XCTestCase {
    func testImportRoundTripKeepsTheMetadata() throws {
        let site = try TestSite(files: [:])
        let legacyFolder = site.root.appendingPathComponent("cu")
        try site.write("cu/210345.txt", WholeSiteTests.legacyText)
        let config = try SiteConfig.load(from: site.project.settings)
        let destination = site.root.appendingPathComponent("content/imported")

        let results = try LegacyImport(config: config, destination: destination).run(source: legacyFolder)
        XCTAssertEqual(results.count, 1)
        guard case .written(let path) = results[0].outcome else { return XCTFail("\(results[0].outcome)") }
        XCTAssertTrue(path.hasSuffix("imported/2023/08/ban-thuong-vu-tinh-uy-lam-giang-so-ket-cong-tac-thang-7.md"), path)
        XCTAssertEqual(results[0].undetermined, [])

        // Legacy text → Markdown → the same Article metadata.
        let enricher = Enricher(config: config, views: ViewsTable())
        let fromLegacy = try enricher.enrich(try ContentLoader.read(legacyFolder.appendingPathComponent("210345.txt"), relativePath: "210345.txt")).article
        let fromMarkdown = try enricher.enrich(try ContentLoader.read(URL(fileURLWithPath: path), relativePath: "imported/x.md")).article
        XCTAssertEqual(fromMarkdown.title, fromLegacy.title)
        XCTAssertEqual(fromMarkdown.slug, fromLegacy.slug)
        XCTAssertEqual(fromMarkdown.date, fromLegacy.date)
        XCTAssertEqual(fromMarkdown.authors, fromLegacy.authors)
        XCTAssertEqual(fromMarkdown.views, fromLegacy.views)
        XCTAssertEqual(fromMarkdown.tags, fromLegacy.tags)
        XCTAssertEqual(fromMarkdown.categories, fromLegacy.categories)
        XCTAssertEqual(fromMarkdown.summary, fromLegacy.summary)
        XCTAssertEqual(fromMarkdown.bodyHTML, fromLegacy.bodyHTML)
        XCTAssertEqual(fromMarkdown.params["imported_from"], .string("210345.txt"))

        // Running it again changes nothing; an edited file is never overwritten (nor imported twice).
        let again = try LegacyImport(config: config, destination: destination).run(source: legacyFolder)
        guard case .alreadyImported = again[0].outcome else { return XCTFail("\(again[0].outcome)") }
        let edited = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8).replacingOccurrences(of: "Minh Tuấn", with: "Minh Tuấn (sửa tay)")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
        let third = try LegacyImport(config: config, destination: destination).run(source: legacyFolder)
        guard case .alreadyImported = third[0].outcome else { return XCTFail("\(third[0].outcome)") }
        XCTAssertEqual(try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8), edited)
    }

    func testImportReportsWhatItCouldNotDetermine() throws {
        let site = try TestSite(files: ["cu/1.txt": "Một bài không rõ ngày\nNội dung ngắn gọn không có ngày tháng và không ký tên ở cuối bài viết này.\n"])
        let config = try SiteConfig.load(from: site.project.settings)
        let results = try LegacyImport(config: config, destination: site.root.appendingPathComponent("out"))
            .run(source: site.root.appendingPathComponent("cu"))
        XCTAssertTrue(results[0].undetermined.contains { $0.hasPrefix("date") }, "\(results[0].undetermined)")
        XCTAssertTrue(results[0].undetermined.contains("author"))
        XCTAssertTrue(results[0].undetermined.contains("views"))
    }

    func testNewArticleIsDatedInTheSiteTimeZoneAndBuilds() throws {
        let site = try TestSite(files: [:])
        let config = try SiteConfig.load(from: site.project.settings)
        // 20:00 UTC on 31 July is already 1 August in Vietnam.
        let now = DateParsing(timeZone: TimeZone(identifier: "UTC")!).date(year: 2023, month: 7, day: 31, hour: 20)!
        let url = try NewArticle.create(title: "Tiêu đề \"mới\": Đường về Ia Krông", project: site.project, config: config, now: now)
        XCTAssertTrue(url.path.hasSuffix("content/2023/08/tieu-de-moi-duong-ve-ia-krong.md"), url.path)
        XCTAssertThrowsError(try NewArticle.create(title: "Tiêu đề \"mới\": Đường về Ia Krông", project: site.project, config: config, now: now))
        let article = try Enricher(config: config, views: ViewsTable())
            .enrich(try ContentLoader.read(url, relativePath: "2023/08/tieu-de-moi-duong-ve-ia-krong.md")).article
        XCTAssertEqual(article.title, "Tiêu đề \"mới\": Đường về Ia Krông")
        XCTAssertEqual(article.date, now)
        XCTAssertFalse(article.isDraft)
        XCTAssertEqual(article.authors, [])
    }

    func testCheckFindsBrokenLinksAndTagSpellings() throws {
        let site = try TestSite(files: [
            "content/2023/01/a.md": TestSite.markdown(title: "Bài A", date: "2023-01-01", tags: ["Kinh tế"],
                                                      body: "Xem [bài B](/2023/01/bai-b/), [bài cũ](/2019/01/khong-co/) và [ngoài](https://example.org/)."),
            "content/2023/01/b.md": TestSite.markdown(title: "Bài B", date: "2023-01-02", tags: ["kinh te"],
                                                      body: "Về [trang chủ](/luu-tru/) và [bài A](../bai-a/)."),
        ])
        let loaded = try site.load()
        let problems = ArchiveCheck.problems(in: loaded.site, pages: PagePlanner.plan(loaded.site)).map(\.description)
        XCTAssertEqual(problems.count, 2, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("content/2023/01/a.md") && $0.contains("/2019/01/khong-co/") })
        XCTAssertTrue(problems.contains { $0.contains("kinh te") && $0.contains("Kinh tế") })
    }

    func testBodyLinksAreEveryHrefInOrder() {
        let html = ##"<p>Xem <a href="/2023/08/lua/">lúa</a> và <a class="x" href="https://a.vn/b?c=đ">đây</a>.</p><a href="#top">↑</a><a href="cut"##
        XCTAssertEqual(ArchiveCheck.bodyLinks(html), ["/2023/08/lua/", "https://a.vn/b?c=đ", "#top"])
        XCTAssertEqual(ArchiveCheck.bodyLinks("không có liên kết"), [])
        XCTAssertEqual(ArchiveCheck.bodyLinks(#"<a href="">"#), [""])
    }

    func testCheckIsCleanOnTheBundledArchive() throws {
        let project = Project(root: TestSite.repositoryRoot)
        let loaded = try SiteBuilder(project: project, options: SiteBuilder.Options(publish: PublishOptions(now: TestSite.now))).load()
        XCTAssertEqual(ArchiveCheck.problems(in: loaded.site, pages: PagePlanner.plan(loaded.site)).map(\.description), [])
        XCTAssertEqual(loaded.warnings.map(\.description), [])
    }

    func testExplainNamesTheRuleOfEachField() throws {
        let site = try TestSite(files: ["content/legacy/210345.txt": WholeSiteTests.legacyText, "data/views.csv": "slug,views\nban-thuong-vu-tinh-uy-lam-giang-so-ket-cong-tac-thang-7,4000\n"])
        let loaded = try site.load()
        let rows = Dictionary(uniqueKeysWithValues: ArchiveCheck.explain(0, in: loaded.site).map { ($0.field, ($0.value, $0.origin)) })
        XCTAssertEqual(rows["date"]?.0, "2023-08-01T00:00:00+07:00")
        XCTAssertTrue(rows["date"]?.1.contains("Sáng ngày 1/8") ?? false, rows["date"]?.1 ?? "")
        XCTAssertEqual(rows["views"]?.0, "4000")
        XCTAssertEqual(rows["views"]?.1, "views file data/views.csv")
        XCTAssertTrue(rows["tags"]?.1.contains("keyword") ?? false)
        XCTAssertTrue(rows["authors"]?.1.contains("legacy text, line") ?? false)
    }
}

import XCTest
@testable import SiteKit

/// `sitegen import` of a scraped archive loses nothing; authors are people; the page says the source.
final class ArchiveImportTests: XCTestCase {
    static let siteYML = "title: T\nlegacy_url: \"/tin-tuc/{id}.html\"\narchive_start: 2016-01-01\n"

    func importAll(_ site: TestSite) throws -> [LegacyImport.FileResult] {
        let config = try SiteConfig.load(from: site.project.settings)
        return try LegacyImport(config: config, destination: site.root.appendingPathComponent("content/imported"), now: TestSite.now)
            .run(source: site.root.appendingPathComponent("cu"))
    }

    func testTheSameTitleGetsASuffixAndIdenticalFilesAreImportedOnce() throws {
        let first = ArchiveDatesTests.article("Giá vàng hôm nay", lead: "Giá vàng hôm nay ngày 5/6/2017 tăng mạnh ở cả hai chiều mua và bán tại các cửa hàng.")
        let second = ArchiveDatesTests.article("Giá vàng hôm nay", lead: "Giá vàng hôm nay ngày 6/6/2017 giảm nhẹ sau phiên tăng mạnh của ngày hôm trước.")
        let site = try TestSite(files: ["cu/7001.txt": first, "cu/7002.txt": second, "cu/7003.txt": first], siteYML: Self.siteYML)
        let results = try importAll(site)
        XCTAssertEqual(results.map(\.source), ["7001.txt", "7002.txt", "7003.txt"])
        guard case .written(let a) = results[0].outcome, case .writtenRenamed(let b, let taken) = results[1].outcome else {
            return XCTFail("\(results.map(\.outcome))")
        }
        XCTAssertTrue(a.hasSuffix("imported/2017/06/gia-vang-hom-nay.md"), a)
        XCTAssertTrue(b.hasSuffix("imported/2017/06/gia-vang-hom-nay-2.md"), b)
        XCTAssertEqual(taken, a)
        XCTAssertEqual(results[2].outcome, .alreadyImported(a), "a byte-identical file is the same article")

        // Again: everything already imported, nothing written twice, an editor's change kept.
        try Data((try String(contentsOfFile: b, encoding: .utf8)).replacingOccurrences(of: "giảm nhẹ", with: "giảm sâu").utf8).write(to: URL(fileURLWithPath: b))
        let again = try importAll(site)
        XCTAssertEqual(again.map(\.outcome), [.alreadyImported(a), .alreadyImported(b), .alreadyImported(a)])
        XCTAssertTrue(try String(contentsOfFile: b, encoding: .utf8).contains("giảm sâu"))
    }

    func testImportedFrontMatterKeepsProvenanceSourceAndTheOldURL() throws {
        let site = try TestSite(files: [
            "cu/7001.txt": ArchiveDatesTests.article("Mưa lớn", lead: "Chiều 5/6, mưa lớn kéo dài gây ngập nhiều tuyến đường ở các huyện miền núi phía Bắc.",
                                                     body: "Nhiều hộ dân phải sơ tán. Theo VnExpress"),
            "cu/7000.txt": ArchiveDatesTests.article("Giá vàng", lead: "Giá vàng hôm nay ngày 5/6/2017 tăng mạnh ở cả hai chiều mua và bán tại các cửa hàng."),
        ], siteYML: Self.siteYML)
        let results = try importAll(site)
        guard case .written(let path) = results[1].outcome else { return XCTFail("\(results[1].outcome)") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("date: \"2017-06-05T"), text)
        XCTAssertTrue(text.contains("source: \"VnExpress\""), text)
        XCTAssertFalse(text.contains("author:"), "a source is not an author: \(text)")
        XCTAssertFalse(text.contains("summary:"), "the lead stays in the body, shown once: \(text)")
        XCTAssertTrue(text.contains("aliases: [\"/tin-tuc/7001.html\"]"), text)
        XCTAssertTrue(text.contains("provenance:\n  date: \"text \\\"Chiều 5/6\\\", line 2; year from the articles around it in id order: 7000 (2017-06-05)\""), text)

        // check --explain on the imported file says where the import found its date.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("cu"))
        let loaded = try site.load()
        let index = try XCTUnwrap(loaded.site.articles.firstIndex { $0.sourcePath.hasSuffix("mua-lon.md") })
        let date = try XCTUnwrap(ArchiveCheck.explain(index, in: loaded.site).first { $0.field == "date" })
        XCTAssertTrue(date.origin.contains("imported from 7001.txt: text \"Chiều 5/6\""), date.origin)
        XCTAssertEqual(loaded.site.aliases.map(\.path).sorted(), ["/tin-tuc/7000.html", "/tin-tuc/7001.html"])
        XCTAssertEqual(ArchiveCheck.dateSources(in: loaded.site).map(\.source).sorted(), ["imported: text", "imported: text, year from neighbours"])
    }

    func testAFileThatCannotBeImportedIsReported() throws {
        let site = try TestSite(files: ["cu/1.txt": "\n\n", "cu/2.txt": ArchiveDatesTests.article("Bài tốt", lead: "Ngày 5/6/2017, một bài viết bình thường với đủ nội dung để nhập vào kho lưu trữ.")])
        let results = try importAll(site)
        guard case .failed(let error) = results[0].outcome else { return XCTFail("\(results[0].outcome)") }
        XCTAssertTrue(error.description.contains("1.txt"), error.description)
        guard case .written = results[1].outcome else { return XCTFail("\(results[1].outcome)") }
    }

    func testAuthorsDifferingInDiacriticsAreTwoPeopleAndCaseIsOne() throws {
        func md(_ name: String, _ author: String, _ day: Int) -> String {
            TestSite.markdown(title: "Bài \(name)", date: "2023-08-0\(day)", author: author)
        }
        let site = try TestSite(files: [
            "content/a.md": md("a", "Văn Thành", 1), "content/b.md": md("b", "Vân Thanh", 2),
            "content/c.md": md("c", "văn thành", 3), "content/d.md": md("d", "Văn Thành", 4),
        ])
        try site.build()
        let loaded = try site.load()
        let authors = loaded.site.authors.terms.map { "\($0.name) → \($0.slug) (\($0.articles.count))" }
        XCTAssertEqual(authors, ["Văn Thành → van-thanh (3)", "Vân Thanh → van-thanh-2 (1)"])
        XCTAssertTrue(loaded.warnings.contains { $0.message.contains("'Vân Thanh' is not 'Văn Thành' (the names differ in diacritics)")
                          && $0.message.contains("van-thanh-2") && $0.path == "content/b.md" }, "\(loaded.warnings)")
        XCTAssertTrue(try site.page("tac-gia/van-thanh-2/index.html").contains("Vân Thanh"))
        XCTAssertFalse(try site.page("tac-gia/van-thanh/index.html").contains("Bài b"))
        // The article page links each person to their own page.
        let b = try site.page("2023/08/bai-b/index.html")
        XCTAssertTrue(b.contains("tac-gia/van-thanh-2/"), "the page of Vân Thanh")
    }

    /// Seen on corpus-dev: "HCM)" and "HCM" share an address but not a single diacritic, and the
    /// warning said they differed in diacritics.
    func testAuthorsDifferingInPunctuationAreSaidToDifferInPunctuation() throws {
        let site = try TestSite(files: [
            "content/a.md": TestSite.markdown(title: "Bài a", date: "2023-08-01", author: "Thùy Vân/VOV-Paris"),
            "content/b.md": TestSite.markdown(title: "Bài b", date: "2023-08-02", author: "Thùy Vân/VOV – Paris"),
        ])
        let warnings = try site.load().warnings.map(\.message).filter { $0.contains("two people, two pages") }
        XCTAssertEqual(warnings.count, 1, "\(warnings)")
        XCTAssertTrue(warnings.first?.contains("(the names differ in punctuation or spacing)") == true, "\(warnings)")
    }

    func testTheArticlePageSaysTheSourceAndNoAuthorPageIsMadeForIt() throws {
        let site = try TestSite(files: [
            "content/cu/1.txt": ArchiveDatesTests.article("Tin thế giới", lead: "Ngày 5/6/2017, hội nghị thượng đỉnh khai mạc với sự tham dự của nhiều nguyên thủ.",
                                                          body: "Các nhà lãnh đạo thảo luận về thương mại. Theo Vnexpress"),
            "content/cu/2.txt": ArchiveDatesTests.article("Tin trong nước", lead: "Ngày 6/6/2017, tỉnh tổ chức hội nghị tổng kết công tác phòng chống thiên tai.",
                                                          body: "Hội nghị đánh giá cao sự chuẩn bị. Theo VNE"),
        ])
        try site.build()
        let page = try site.page("2017/06/tin-the-gioi/index.html")
        XCTAssertTrue(page.contains("Theo VnExpress"), page)
        XCTAssertFalse(site.exists("tac-gia/theo-vnexpress/index.html"))
        XCTAssertFalse(site.exists("tac-gia/vnexpress/index.html"))
    }
}

import XCTest
@testable import SiteKit

final class EnricherTests: XCTestCase {
    let config = try! SiteConfig.parse(TestSite.defaultSiteYML)
    let modified = Date(timeIntervalSince1970: 1_700_000_000)

    func markdown(_ text: String, path: String = "2023/08/a.md") throws -> SourceDocument {
        let parsed = try FrontMatter.parse(text, path: path)
        return SourceDocument(path: path, format: .markdown, fields: parsed.fields, fieldLines: parsed.fieldLines,
                              body: parsed.body, bodyLine: parsed.bodyLine, modified: modified)
    }

    func testMarkdownArticleIsComplete() throws {
        let document = try markdown("""
        ---
        title: "Ban Thường vụ Tỉnh ủy họp"
        date: 2023-08-01
        authors: ["Xuân Kha", "Hòa Lê"]
        views: "2.198"
        tags: Tỉnh ủy
        category: Thời sự
        source: Báo Lam Giang
        ---
        Đoạn mở đầu **quan trọng** của bài.

        Đoạn thứ hai.
        """)
        let result = try Enricher(config: config, views: ViewsTable()).enrich(document)
        let article = result.article
        XCTAssertEqual(article.slug, "ban-thuong-vu-tinh-uy-hop")
        XCTAssertEqual(article.date, DateParsing(timeZone: config.timeZone).date(year: 2023, month: 8, day: 1))
        XCTAssertEqual(article.authors, ["Xuân Kha", "Hòa Lê"])
        XCTAssertEqual(article.views, 2198)
        XCTAssertEqual(article.tags, ["Tỉnh ủy"])
        XCTAssertEqual(article.categories, ["Thời sự"])
        XCTAssertEqual(article.summary, "Đoạn mở đầu quan trọng của bài.")
        XCTAssertEqual(article.params["source"], .string("Báo Lam Giang"))
        XCTAssertTrue(article.bodyHTML.contains("<strong>quan trọng</strong>"))
        XCTAssertEqual(article.provenance["date"], .frontMatter(line: 3))
        XCTAssertTrue(result.warnings.isEmpty)
    }

    func testViewsFileOverridesFrontMatter() throws {
        let document = try markdown("---\ntitle: Bài A\ndate: 2023-08-01\nviews: 10\n---\nx")
        let views = try ViewsTable.parseCSV("slug,views\nbai-a,5000\n", path: "data/views.csv")
        let article = try Enricher(config: config, views: views).enrich(document).article
        XCTAssertEqual(article.views, 5000)
        XCTAssertEqual(article.provenance["views"], .viewsFile("data/views.csv"))
    }

    func testRawHTMLIsDroppedUnlessAllowed() throws {
        let document = try markdown("---\ntitle: A\ndate: 2023-08-01\n---\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>đậm</b>\n")
        let safe = try Enricher(config: config, views: ViewsTable()).enrich(document).article.bodyHTML
        XCTAssertFalse(safe.contains("<script>"))
        XCTAssertFalse(safe.contains("<b>"))
        XCTAssertFalse(safe.contains("javascript:"))
        var unsafeConfig = config
        unsafeConfig.unsafeHTML = true
        XCTAssertTrue(try Enricher(config: unsafeConfig, views: ViewsTable()).enrich(document).article.bodyHTML.contains("<b>đậm</b>"))
    }

    func testNoSmartPunctuationByDefault() throws {
        let document = try markdown("---\ntitle: A\ndate: 2023-08-01\n---\n\"Trích dẫn\" -- năm 2023...\n")
        let html = try Enricher(config: config, views: ViewsTable()).enrich(document).article.bodyHTML
        XCTAssertTrue(html.contains("&quot;Trích dẫn&quot; -- năm 2023..."), html)
    }

    func testMissingTitleAndBadDateNameTheLine() throws {
        let enricher = Enricher(config: config, views: ViewsTable())
        XCTAssertThrowsError(try enricher.enrich(try markdown("---\ndate: 2023-08-01\n---\nx"))) { error in
            XCTAssertEqual((error as? SourceError)?.path, "content/2023/08/a.md")
            XCTAssertTrue((error as? SourceError)?.message.contains("title") ?? false)
        }
        XCTAssertThrowsError(try enricher.enrich(try markdown("---\ntitle: A\ndate: ngày mai\n---\nx"))) { error in
            XCTAssertEqual((error as? SourceError)?.line, 3)
        }
    }

    func testDateFallsBackToPathThenModificationTime() throws {
        let enricher = Enricher(config: config, views: ViewsTable())
        let fromPath = try enricher.enrich(try markdown("---\ntitle: A\n---\nx", path: "2021/05/a.md")).article
        XCTAssertEqual(fromPath.date, DateParsing(timeZone: config.timeZone).date(year: 2021, month: 5, day: 1))
        let undated = try enricher.enrich(try markdown("---\ntitle: A\n---\nx", path: "misc/a.md"))
        XCTAssertEqual(undated.article.date, modified)
        XCTAssertEqual(undated.article.provenance["date"], .modificationTime)
        // Said once the whole archive is known (there may be neighbours to date it).
        var articles = [undated.article]
        let warnings = ArchiveDates(config: config, now: modified).resolve(&articles)
        XCTAssertEqual(warnings.map(\.message), ["no date in the front matter, dates file, path or text; using the file's modification time"])
        XCTAssertEqual(articles[0].date, modified)
    }

    func testSummaryIsCutAtAWord() {
        let text = "Sáng ngày 1/8, đồng chí Bí thư Tỉnh ủy chủ trì cuộc họp Ban Thường vụ Tỉnh ủy"
        let short = Enricher.shorten(text, to: 30)
        XCTAssertTrue(short.hasSuffix("…"))
        XCTAssertLessThanOrEqual(short.count, 31)
        XCTAssertTrue(text.hasPrefix(String(short.dropLast())))
        XCTAssertEqual(Enricher.shorten("Ngắn.", to: 30), "Ngắn.")
    }

    func testLegacyArticleGetsTagsAndCategoryFromRules() throws {
        let text = """
        Ban Thường vụ Tỉnh ủy Lam Giang sơ kết công tác tháng 7
        Lượt xem: 2.198
        Sáng ngày 1/8, Ban Thường vụ Tỉnh ủy Lam Giang họp sơ kết công tác tháng 7 năm 2023 với lãnh đạo các sở, ngành.

        Hội nghị thống nhất các nhiệm vụ trọng tâm của tháng 8, trong đó có công tác giải ngân vốn đầu tư công.

        Minh Tuấn

        Tin khác
        """
        let document = try LegacyDocument.make(text: text, path: "legacy/1.txt", displayPath: "content/legacy/1.txt", modified: modified)
        let article = try Enricher(config: config, views: ViewsTable()).enrich(document).article
        XCTAssertEqual(article.title, "Ban Thường vụ Tỉnh ủy Lam Giang sơ kết công tác tháng 7")
        XCTAssertEqual(article.views, 2198)
        XCTAssertEqual(article.authors, ["Minh Tuấn"])
        XCTAssertEqual(article.tags, ["Tỉnh ủy"])
        XCTAssertEqual(article.categories, ["Chính trị"])
        XCTAssertEqual(article.date, DateParsing(timeZone: config.timeZone).date(year: 2023, month: 8, day: 1))
        XCTAssertFalse(article.bodyHTML.contains("Tin khác"))
        XCTAssertFalse(article.bodyHTML.contains("Minh Tuấn"))
    }

    func testLegacyTextStaysTextInMarkdown() {
        let escaped = MarkdownEscaping.escapeParagraph("1. Giá lúa *tăng* <b>mạnh</b> # [link](x)")
        let html = MarkdownRenderer().render(escaped).html
        XCTAssertEqual(html, "<p>1. Giá lúa *tăng* &lt;b&gt;mạnh&lt;/b&gt; # [link](x)</p>\n")
    }

    func testKeywordSearchOnBytes() {
        XCTAssertTrue(Enricher.bytes(Array("kênh bắc lam mùa khô".utf8), contain: Array("bắc lam".utf8)))
        XCTAssertFalse(Enricher.bytes(Array("giá lúa".utf8), contain: Array("lua".utf8)))
        XCTAssertTrue(Enricher.bytes(Array("abcabd".utf8), contain: Array("abd".utf8)))
        XCTAssertFalse(Enricher.bytes(Array("ab".utf8), contain: Array("abc".utf8)))
        XCTAssertEqual(Enricher.apply([SiteConfig.KeywordRule(name: "Kênh Bắc Lam", keywords: ["KÊNH BẮC LAM"])],
                                      to: "nạo vét kênh bắc lam").map(\.name), ["Kênh Bắc Lam"])
    }
}

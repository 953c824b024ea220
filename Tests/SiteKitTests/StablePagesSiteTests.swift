import Foundation
import XCTest
@testable import SiteKit

/// Stable archive pages, on a whole site: what one published, edited or deleted article changes,
/// by the list of output files whose bytes changed.
final class StablePagesSiteTests: XCTestCase {
    /// Nine articles, two a page: the home page and every list of the site (one tag, one category,
    /// one author, one year) hold all of them; the months hold two or three.
    static func article(_ number: Int, title: String? = nil, tags: [String] = ["Kinh tế"], more: String = "") -> (String, String) {
        let month = (number - 1) / 4 + 1, day = (number - 1) % 4 * 7 + 1
        let date = String(format: "2024-%02d-%02dT08:00:00+07:00", month, day)
        return (String(format: "content/2024/%02d/bai-%d.md", month, number),
                TestSite.markdown(title: title ?? "Bài số \(number) về kinh tế", date: date, tags: tags,
                                  categories: ["Kinh tế"], author: "Lê Hà", extra: "slug: bai-\(number)",
                                  body: "Nội dung bài số \(number): sản xuất, xuất khẩu và đầu tư." + more))
    }

    static let siteYML = TestSite.defaultSiteYML + "\nsearch: true\n"

    func makeSite(count: Int, siteYML: String = siteYML) throws -> TestSite {
        try TestSite(files: Dictionary(uniqueKeysWithValues: (1...count).map { Self.article($0) }), siteYML: siteYML)
    }

    /// The files added, removed or rewritten between two snapshots, search index files apart
    /// (they are the segmented index's business, part 2 of the issue).
    func changes(_ before: [String: Data], _ after: [String: Data], searchPath: String = "tim-kiem/") -> Set<String> {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] && !isSearchFile($0, searchPath) }
    }

    func isSearchFile(_ path: String, _ searchPath: String) -> Bool {
        path.hasPrefix(searchPath) && path != searchPath + "index.html"
    }

    /// Article pages whose "Tin khác" lists `slug`.
    func pagesRelating(to slug: String, in site: TestSite) throws -> Set<String> {
        let loaded = try site.load().site
        guard let target = loaded.articles.firstIndex(where: { $0.slug == slug }) else { return [] }
        return Set(loaded.articles.indices.filter { loaded.related[$0].contains(target) }.map { loaded.articlePaths[$0] + "index.html" })
    }

    /// What every list of this site (home, tag, category, author, year) changes on publishing.
    func lists(_ pages: [String]) -> Set<String> {
        let bases = ["", "chu-de/kinh-te/", "chuyen-muc/kinh-te/", "tac-gia/le-ha/", "2024/"]
        return Set(bases.flatMap { base in pages.map { base + $0 } })
    }

    static let alwaysOnPublish: Set<String> = [
        "feed.xml", "sitemap.xml", ".sitegen-manifest", "luu-tru/index.html",
        "chu-de/index.html", "chuyen-muc/index.html", "tac-gia/index.html",
        "chu-de/kinh-te/feed.xml", "chuyen-muc/kinh-te/feed.xml", "tac-gia/le-ha/feed.xml",
    ]

    func testPublishingChangesOnlyTheNewestPagesOfItsLists() throws {
        let site = try makeSite(count: 9)
        try site.build()
        let nine = try site.snapshot()
        // Nine articles, two a page: pages 1–4 hold articles 1–8, the entry page 9 and 8.
        XCTAssertTrue(site.exists("page/4/index.html"))
        XCTAssertFalse(site.exists("page/5/index.html"))

        // The tenth fills the newest block: no numbered page changes, no new one appears.
        let (path10, text10) = Self.article(10)
        try site.write(path10, text10)
        try site.build()
        let ten = try site.snapshot()
        var expected = Self.alwaysOnPublish.union(lists(["index.html"]))
        expected.formUnion(["2024/03/bai-10/index.html", "2024/03/bai-9/index.html", "2024/03/index.html"])
        expected.formUnion(try pagesRelating(to: "bai-10", in: site))
        XCTAssertEqual(changes(nine, ten).sorted(), expected.sorted())

        // The eleventh starts a block: page 5 appears; pages 2–4 change their pagers; page 1 does not.
        let (path11, text11) = Self.article(11)
        try site.write(path11, text11)
        try site.build()
        let eleven = try site.snapshot()
        expected = Self.alwaysOnPublish.union(lists(["index.html", "page/5/index.html", "page/4/index.html",
                                                     "page/3/index.html", "page/2/index.html"]))
        expected.formUnion(["2024/03/bai-11/index.html", "2024/03/bai-10/index.html", "2024/03/index.html",
                            "2024/03/page/1/index.html"])
        expected.formUnion(try pagesRelating(to: "bai-11", in: site))
        XCTAssertEqual(changes(ten, eleven).sorted(), expected.sorted())
        for base in ["", "chu-de/kinh-te/", "2024/"] {
            XCTAssertEqual(nine[base + "page/1/index.html"], eleven[base + "page/1/index.html"], base)
        }

        // Deleting the newest article gives back the site it was published on, byte for byte.
        try site.remove(path11)
        try site.build()
        XCTAssertEqual(changes(ten, try site.snapshot()), [])
    }

    func testEditingATitleChangesThePagesThatShowIt() throws {
        let site = try makeSite(count: 11)
        try site.build()
        let before = try site.snapshot()
        // Titles weigh in "Tin khác": the lists that showed it before the edit change too.
        let relatedBefore = try pagesRelating(to: "bai-3", in: site)
        let (path, text) = Self.article(3, title: "Bài số 3 đã sửa tiêu đề")
        try site.write(path, text)
        try site.build()
        // Article 3 is on page 2 of every list (articles 3 and 4) and of nowhere's entry page;
        // its month (January: 1–4) is one page. Its neighbours link to it by title.
        var expected: Set<String> = [
            ".sitegen-manifest", "feed.xml", "chu-de/kinh-te/feed.xml", "chuyen-muc/kinh-te/feed.xml", "tac-gia/le-ha/feed.xml",
            "2024/01/bai-3/index.html", "2024/01/bai-2/index.html", "2024/01/bai-4/index.html", "2024/01/index.html",
        ]
        expected.formUnion(lists(["page/2/index.html"]))
        expected.formUnion(try pagesRelating(to: "bai-3", in: site))
        expected.formUnion(relatedBefore)
        XCTAssertEqual(changes(before, try site.snapshot()).sorted(), expected.sorted())
    }

    /// The feeds of every list of this site: they carry the newest 50 articles (title, tags, lead).
    static let feeds: Set<String> = ["feed.xml", "chu-de/kinh-te/feed.xml", "chuyen-muc/kinh-te/feed.xml", "tac-gia/le-ha/feed.xml"]

    /// Each article page's "Tin khác", as the slugs it lists in order.
    func relatedLists(in site: TestSite) throws -> [String: [String]] {
        let loaded = try site.load().site
        return Dictionary(uniqueKeysWithValues: loaded.articles.indices.map {
            (loaded.articlePaths[$0] + "index.html", loaded.related[$0].map { loaded.articles[$0].slug })
        })
    }

    func testEditingABodyBeyondItsLeadChangesOnlyItsPage() throws {
        let site = try makeSite(count: 11)
        try site.build()
        let before = try site.snapshot()
        // A paragraph added after the lead: no list or feed shows it (they show the lead), no
        // "Tin khác" weighs it.
        let (path, text) = Self.article(6, more: "\n\nĐoạn thêm sau phần mở đầu.")
        try site.write(path, text)
        let report = try site.build()
        XCTAssertEqual(changes(before, try site.snapshot()).sorted(), [".sitegen-manifest", "2024/02/bai-6/index.html"])
        XCTAssertEqual(report.changes, ChangeSet(edited: ["2024/02/bai-6.md"]))
    }

    func testChangingTagsChangesTheTagsListsAndTheArticle() throws {
        let site = try makeSite(count: 11)
        try site.build()
        let before = try site.snapshot()
        let relatedBefore = try relatedLists(in: site)
        let (path, text) = Self.article(5, tags: ["Kinh tế", "Nông nghiệp"])
        try site.write(path, text)
        try site.build()
        // The new tag's own list, feed and place in the tag index and the sitemap; the article's
        // page (its tags); the feeds that carry it (tags are in them); the pages whose "Tin khác"
        // it moved in. No list page changes (items do not show tags), nor the neighbours' pages.
        var expected: Set<String> = Self.feeds.union([
            ".sitegen-manifest", "sitemap.xml", "chu-de/index.html", "chu-de/nong-nghiep/index.html", "chu-de/nong-nghiep/feed.xml",
            "2024/02/bai-5/index.html",
        ])
        let relatedAfter = try relatedLists(in: site)
        expected.formUnion(relatedAfter.keys.filter { relatedAfter[$0] != relatedBefore[$0] })
        XCTAssertEqual(changes(before, try site.snapshot()).sorted(), expected.sorted())
    }

    func testDeletingAnOldArticleShiftsOnlyTheNewerPages() throws {
        let site = try makeSite(count: 11)
        try site.build()
        let before = try site.snapshot()
        let relatedBefore = try pagesRelating(to: "bai-3", in: site)
        try site.remove(Self.article(3).0)
        try site.build()
        // Pages are blocks from the oldest: page 1 (articles 1, 2) stays; every newer page moves
        // up by one article, and the last one goes. Its neighbours link to each other now; its
        // month and the counts of every index change; it leaves the feeds and the sitemap.
        var expected: Set<String> = Self.alwaysOnPublish.union(lists(["index.html", "page/2/index.html", "page/3/index.html",
                                                                      "page/4/index.html", "page/5/index.html"]))
        expected.formUnion(["2024/01/bai-3/index.html", "2024/01/bai-2/index.html", "2024/01/bai-4/index.html", "2024/01/index.html"])
        expected.formUnion(relatedBefore)
        XCTAssertEqual(changes(before, try site.snapshot()).sorted(), expected.sorted())
        for base in ["", "chu-de/kinh-te/", "2024/"] {
            XCTAssertEqual(before[base + "page/1/index.html"], try site.snapshot()[base + "page/1/index.html"], base)
        }
    }

    func testPagerLinksAndCanonicalOfStablePages() throws {
        let site = try makeSite(count: 9)
        try site.build()
        let home = try site.page("index.html")
        XCTAssertTrue(home.contains("Bài số 9 về kinh tế") && home.contains("Bài số 8 về kinh tế"))
        XCTAssertFalse(home.contains("Bài số 7 về kinh tế"))
        XCTAssertTrue(home.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/luu-tru/\">"))
        XCTAssertTrue(home.contains("<a href=\"/luu-tru/page/4/\" rel=\"next\">"), "the newest full page is the next older one")
        XCTAssertFalse(home.contains("rel=\"prev\""))
        XCTAssertTrue(home.contains("<a href=\"/luu-tru/\" aria-current=\"page\">Mới nhất</a>"))

        let four = try site.page("page/4/index.html")
        XCTAssertTrue(four.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/luu-tru/page/4/\">"))
        XCTAssertTrue(four.contains("<a href=\"/luu-tru/\" rel=\"prev\">"))
        XCTAssertTrue(four.contains("<a href=\"/luu-tru/page/3/\" rel=\"next\">"))
        XCTAssertTrue(four.contains("<p class=\"page-count\">Trang 4</p>"), "no total: it would change as the list grows")
        // Newest first on the page too: article 8, then 7.
        let eight = try XCTUnwrap(four.range(of: "Bài số 8 về kinh tế")), seven = try XCTUnwrap(four.range(of: "Bài số 7 về kinh tế"))
        XCTAssertLessThan(eight.lowerBound, seven.lowerBound)

        let one = try site.page("page/1/index.html")
        XCTAssertTrue(one.contains("Bài số 1 về kinh tế") && one.contains("Bài số 2 về kinh tế"))
        XCTAssertTrue(one.contains("<a href=\"/luu-tru/page/2/\" rel=\"prev\">"))
        XCTAssertFalse(one.contains("rel=\"next\""))

        let sitemap = try site.page("sitemap.xml")
        let locs = sitemap.components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
        XCTAssertEqual(Set(locs).count, locs.count, "no URL twice in the sitemap")
        XCTAssertTrue(locs.contains("https://example.gov.vn/luu-tru/page/1/"))
        XCTAssertEqual(try LinkChecker.brokenLinks(in: site.output, basePath: "/luu-tru/"), [])
    }

    func testNewestFirstKeepsTheOldNumbering() throws {
        let site = try makeSite(count: 9, siteYML: Self.siteYML + "pagination: newest_first\n")
        try site.build()
        XCTAssertFalse(site.exists("page/1/index.html"))
        XCTAssertTrue(site.exists("page/5/index.html"))
        XCTAssertTrue(try site.page("page/5/index.html").contains("<p class=\"page-count\">Trang 5/5</p>"))
        let before = try site.snapshot()
        let (path, text) = Self.article(10)
        try site.write(path, text)
        try site.build()
        // Every page of every list shifts by one article.
        let changed = changes(before, try site.snapshot())
        XCTAssertTrue(lists(["page/2/index.html", "page/3/index.html", "page/4/index.html", "page/5/index.html"]).isSubset(of: changed))
    }

    func testUnknownPaginationIsAnErrorNamingTheLine() {
        XCTAssertThrowsError(try SiteConfig.parse("title: x\npagination: oldest\n")) { error in
            XCTAssertEqual((error as? SourceError)?.line, 2)
            XCTAssertTrue("\(error)".contains("stable"), "\(error)")
        }
        XCTAssertEqual(try SiteConfig.parse("title: x\n").pagination, .stable)
        XCTAssertEqual(try SiteConfig.parse("pagination: newest_first\n").pagination, .newestFirst)
    }
}

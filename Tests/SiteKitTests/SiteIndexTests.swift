import XCTest
@testable import SiteKit

final class SiteIndexTests: XCTestCase {
    let config = try! SiteConfig.parse(TestSite.defaultSiteYML)

    func article(_ path: String, _ title: String, day: Int, month: Int = 8, year: Int = 2023, tags: [String] = [],
                 categories: [String] = [], views: Int = 0, aliases: [String] = [], draft: Bool = false) -> Article {
        Article(sourcePath: path, format: .markdown, title: title, slug: Slug.make(title),
                date: DateParsing(timeZone: config.timeZone).date(year: year, month: month, day: day)!,
                authors: [], views: views, tags: tags, categories: categories, summary: "", aliases: aliases,
                image: nil, isDraft: draft, weight: 0, wordCount: 10, readingMinutes: 1, body: ArticleBody(html: "<p>x</p>"),
                params: [:], provenance: [:])
    }

    func testMostReadOrderAndArchives() throws {
        let articles = [
            article("a.md", "A", day: 1, month: 1, year: 2022, categories: ["Kinh tế"], views: 50),
            article("b.md", "B", day: 2, month: 1, year: 2022, categories: ["Kinh tế"], views: 900),
            article("c.md", "C", day: 3, month: 3, year: 2023, categories: ["Xã hội"], views: 300),
            article("d.md", "D", day: 4, month: 3, year: 2023, views: 300),
        ]
        let site = try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now)).site
        XCTAssertEqual(site.mostRead.map { site.articles[$0].title }, ["B", "D", "C", "A"])  // ties: newer first
        let economy = site.categories.index["kinh-te"]!
        XCTAssertEqual(site.mostReadByCategory[economy].map { site.articles[$0].title }, ["B", "A"])
        XCTAssertEqual(site.years.map(\.year), [2023, 2022])
        XCTAssertEqual(site.years[0].months.map(\.month), [3])
        XCTAssertEqual(site.years[1].articles.count, 2)
    }

    func testArchivesSplitMonthsAtMidnightInTheSiteZone() throws {
        let parse = DateParsing(timeZone: config.timeZone)
        var articles = [
            article("a.md", "A", day: 1, month: 9),
            article("b.md", "B", day: 31, month: 8),
            article("c.md", "C", day: 1, month: 8),
            article("d.md", "D", day: 31, month: 12, year: 2022),
        ]
        articles[0].date = parse.parse("2023-09-01T00:00:00+07:00")!   // the first second of September there
        articles[1].date = parse.parse("2023-08-31T23:59:59+07:00")!   // already September in UTC
        let site = try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now)).site
        XCTAssertEqual(site.years.map(\.year), [2023, 2022])
        XCTAssertEqual(site.years[0].months.map(\.month), [9, 8])
        XCTAssertEqual(site.years[0].months.map { $0.articles.map { site.articles[$0].title } }, [["A"], ["B", "C"]])
        XCTAssertEqual(site.years[1].months.map(\.month), [12])
    }

    func testSlugCollisionsGetASuffixAndAWarning() throws {
        let articles = [
            article("2023/b.md", "Cùng tên", day: 1),
            article("2023/a.md", "Cùng tên", day: 2),
        ]
        let indexed = try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now))
        let paths = Set(indexed.site.articlePaths)
        XCTAssertEqual(paths, ["2023/08/cung-ten/", "2023/08/cung-ten-2/"])
        // The file whose path sorts first keeps the plain slug.
        let first = indexed.site.articles.firstIndex { $0.sourcePath == "2023/a.md" }!
        XCTAssertEqual(indexed.site.articlePaths[first], "2023/08/cung-ten/")
        XCTAssertEqual(indexed.warnings.count, 1)
    }

    /// Articles in the listing's order (by path, as a build hands them over) or in any other give
    /// the same addresses: the path that sorts first keeps the slug, whatever the dates say.
    func testSlugsGoByPathInTheListingsOrderAndInAnyOther() throws {
        let listed = [
            article("2023/08/a.md", "Cùng tên", day: 1),
            article("2023/08/b.md", "Cùng tên", day: 9, draft: true),
            article("2023/08/c.md", "Cùng tên", day: 5),
            article("2023/08/d.md", "Cùng tên", day: 3),
        ]
        func addresses(_ articles: [Article]) throws -> [String: String] {
            let site = try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now)).site
            return Dictionary(uniqueKeysWithValues: zip(site.articles.map(\.sourcePath), site.articlePaths))
        }
        let expected = ["2023/08/a.md": "2023/08/cung-ten/", "2023/08/c.md": "2023/08/cung-ten-2/", "2023/08/d.md": "2023/08/cung-ten-3/"]
        XCTAssertEqual(try addresses(listed), expected)
        XCTAssertEqual(try addresses(listed.reversed()), expected)
        XCTAssertEqual(try addresses([listed[2], listed[0], listed[3], listed[1]]), expected)
    }

    func testDraftsAndFutureAreLeftOut() throws {
        let articles = [
            article("a.md", "A", day: 1, draft: true),
            article("b.md", "B", day: 1, year: 2030),
            article("c.md", "C", day: 1),
        ]
        XCTAssertEqual(try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now)).site.articles.map(\.title), ["C"])
        let all = try Site.index(articles, config: config, options: PublishOptions(includeDrafts: true, includeFuture: true, now: TestSite.now))
        XCTAssertEqual(all.site.articles.count, 3)
    }

    func testTwoArticlesClaimingOneAliasIsAnError() {
        let articles = [
            article("a.md", "A", day: 1, aliases: ["/tin-tuc/1.html"]),
            article("b.md", "B", day: 2, aliases: ["/tin-tuc/1.html"]),
        ]
        XCTAssertThrowsError(try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now))) { error in
            XCTAssertTrue((error as? BuildFailure)?.description.contains("/tin-tuc/1.html") ?? false)
        }
    }

    /// An alias that is an article's own address, with or without its last "/", would hide that
    /// page behind a redirect: an error. One that only looks like it is an alias like any other.
    func testAnAliasThatIsAnArticlesAddressIsAnError() throws {
        let plain = try Site.index([article("a.md", "A", day: 1), article("b.md", "B", day: 2)], config: config,
                                   options: PublishOptions(now: TestSite.now)).site
        let addressOfB = "/" + plain.articlePaths[try XCTUnwrap(plain.articles.firstIndex { $0.sourcePath == "b.md" })]
        XCTAssertTrue(addressOfB.hasSuffix("/"))
        for alias in [addressOfB, String(addressOfB.dropLast())] {
            let articles = [article("a.md", "A", day: 1, aliases: [alias]), article("b.md", "B", day: 2)]
            XCTAssertThrowsError(try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now)), alias) { error in
                XCTAssertTrue((error as? BuildFailure)?.description.contains("is the address of an article") ?? false, "\(error)")
            }
        }
        for alias in [String(addressOfB.dropFirst()), addressOfB + "index.html", addressOfB.dropLast() + "-cu/"] {
            let articles = [article("a.md", "A", day: 1, aliases: [alias]), article("b.md", "B", day: 2)]
            XCTAssertNoThrow(try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now)), alias)
        }
    }

    func testTagsDifferingInCaseOrDiacriticsShareOnePage() throws {
        let articles = [
            article("a.md", "A", day: 1, tags: ["Kinh tế"]),
            article("b.md", "B", day: 2, tags: ["Kinh tế"]),
            article("c.md", "C", day: 3, tags: ["kinh te"]),
        ]
        let site = try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now)).site
        XCTAssertEqual(site.tags.terms.count, 1)
        XCTAssertEqual(site.tags.terms[0].name, "Kinh tế")
        XCTAssertEqual(site.tags.terms[0].variants, ["kinh te"])
        XCTAssertEqual(site.tags.terms[0].articles.count, 3)
    }

    /// Each article's terms come from the same pass that groups the names: every term that lists
    /// the article, once each (two spellings of one tag are one term), in the order it names them.
    func testEachArticleHasTheTermsThatListItOnceEachInItsOrder() throws {
        let articles = [
            article("a.md", "A", day: 1, tags: ["Y tế", "Kinh tế", "kinh te"]),
            article("b.md", "B", day: 2, tags: ["Kinh tế", "Giáo dục"], categories: ["Xã hội"]),
            article("c.md", "C", day: 3, tags: ["!!!", "giáo dục"]),
        ]
        let site = try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now)).site
        let names = site.articles.indices.map { index in site.articleTags[index].map { site.tags.terms[$0].name } }
        XCTAssertEqual(site.articles.map(\.title), ["C", "B", "A"])
        XCTAssertEqual(names, [["Giáo dục"], ["Kinh tế", "Giáo dục"], ["Y tế", "Kinh tế"]], "a tag with no slug is no term")
        for (term, entry) in site.tags.terms.enumerated() {
            XCTAssertEqual(entry.articles, site.articles.indices.filter { site.articleTags[$0].contains(term) }, entry.name)
        }
        XCTAssertEqual(site.articleCategories.map { $0.map { site.categories.terms[$0].name } }, [[], ["Xã hội"], []])
        XCTAssertEqual(site.tags.indexByName["kinh te"], site.tags.indexByName["Kinh tế"])
        XCTAssertNil(site.tags.indexByName["!!!"])
    }

    func testSitemapSplitsPastTheLimit() throws {
        let articles = (1...9).map { article("\($0).md", "Bài \($0)", day: $0) }
        let site = try Site.index(articles, config: config, options: PublishOptions(now: TestSite.now)).site
        let pages = PagePlanner.plan(site, sitemapLimit: 5)
        let urls = PagePlanner.sitemapURLs(pages).count
        let parts = pages.filter { if case .sitemap = $0.kind { return true } else { return false } }
        XCTAssertEqual(parts.count, (urls + 4) / 5)
        XCTAssertTrue(pages.contains { if case .sitemapIndex(let count) = $0.kind { return count == parts.count } else { return false } })
        XCTAssertEqual(parts.first?.path, "sitemap-1.xml")
    }
}

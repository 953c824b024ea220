import XCTest
@testable import SiteKit

/// "Tin khác": articles that share rare words of their titles and leads (or rare tags) are related;
/// words every article has, and stop syllables, relate nothing; time breaks ties; the lists are
/// deterministic and the memo is used only for the same inputs.
final class RelatedArticlesTests: XCTestCase {
    let config = try! SiteConfig.parse(TestSite.defaultSiteYML)
    let options = PublishOptions(now: TestSite.now)

    func article(_ path: String, _ title: String, lead: String = "", day: Int, month: Int = 8, year: Int = 2023,
                 tags: [String] = [], categories: [String] = []) -> Article {
        Article(sourcePath: path, format: .markdown, title: title, slug: Slug.make(title),
                date: DateParsing(timeZone: config.timeZone).date(year: year, month: month, day: day)!,
                authors: [], views: 0, tags: tags, categories: categories, summary: lead, aliases: [],
                image: nil, isDraft: false, weight: 0, wordCount: 10, readingMinutes: 1, body: ArticleBody(html: "<p>x</p>"),
                params: [:], provenance: [:])
    }

    func related(_ title: String, in site: Site) -> [String] {
        let index = site.articles.firstIndex { $0.title == title }!
        return site.related[index].map { site.articles[$0].title }
    }

    func testArticlesSharingRareTitleWordsAreRelatedAndCommonWordsAreNot() throws {
        // "Lam Giang" and "tỉnh" are in every title: they say nothing about any of them.
        let articles = [
            article("a.md", "Đội tuyển bóng chuyền nữ tỉnh Lam Giang vô địch", day: 10),
            article("b.md", "Bóng chuyền nữ tỉnh Lam Giang được khen thưởng", day: 1, month: 3),   // rare pair, far in time
            article("c.md", "Tỉnh Lam Giang khai trương chợ đêm", day: 11),                       // nearest, only common words
            article("d.md", "Tỉnh Lam Giang giải ngân vốn đầu tư", day: 20),
            article("e.md", "Tỉnh Lam Giang có thêm những cây cầu mới của các xã", day: 2, month: 7),       // stop syllables only
            article("f.md", "Tỉnh Lam Giang tiếp đoàn công tác", lead: "Đội tuyển bóng đá nữ quốc gia thăm tỉnh.", day: 25),
            article("g.md", "Tỉnh Lam Giang trồng rừng", day: 5, month: 6),
        ]
        var config = self.config
        config.relatedCount = 4
        let site = try Site.index(articles, config: config, options: options).site
        let list = related("Đội tuyển bóng chuyền nữ tỉnh Lam Giang vô địch", in: site)
        // Shares "bóng chuyền nữ" (title to title), then "đội tuyển", "nữ" (title to lead); then time.
        XCTAssertEqual(list, ["Bóng chuyền nữ tỉnh Lam Giang được khen thưởng", "Tỉnh Lam Giang tiếp đoàn công tác",
                              "Tỉnh Lam Giang khai trương chợ đêm", "Tỉnh Lam Giang giải ngân vốn đầu tư"])
        // The article of common words and stop syllables only is listed by time, not before nearer ones.
        XCTAssertFalse(list.contains("Tỉnh Lam Giang có thêm những cây cầu mới của các xã"))
        for (index, list) in site.related.enumerated() {
            XCTAssertFalse(list.contains(index), "article \(index) lists itself")
            XCTAssertEqual(Set(list).count, list.count)
            XCTAssertEqual(list.count, 4)
        }
    }

    func testStopSyllablesAndNumbersRelateNothing() throws {
        let articles = [
            article("a.md", "Những điều cần biết về thuế của năm 2023", day: 10),
            article("b.md", "Những điều cần biết về lũ của năm 2023", day: 1, month: 1),  // shares "năm" and stop syllables
            article("c.md", "Giá lúa tăng", day: 11),
            article("d.md", "Thuế đất nông nghiệp được miễn", day: 1, month: 2),          // shares "thuế"
        ]
        var config = self.config
        config.relatedCount = 2
        let site = try Site.index(articles, config: config, options: options).site
        // "năm" is a word here (two titles of four have it), but "thuế" is as rare and the only one shared with d;
        // b's stop syllables and "2023" add nothing, so b and d tie and the nearer in time goes first.
        XCTAssertEqual(related("Những điều cần biết về thuế của năm 2023", in: site),
                       ["Thuế đất nông nghiệp được miễn", "Những điều cần biết về lũ của năm 2023"])
        XCTAssertTrue(StopSyllables.contains("những"))
        XCTAssertTrue(StopSyllables.contains("2023"))
        XCTAssertFalse(StopSyllables.contains("thuế"))
    }

    func testRareSharedTagsRelateThenTime() throws {
        // "Kênh Bắc Lam" is rare (2 articles), "Nông nghiệp" common (5); the titles share nothing.
        let articles = [
            article("a.md", "A", day: 10, tags: ["Nông nghiệp", "Kênh Bắc Lam"], categories: ["Kinh tế"]),
            article("b.md", "B", day: 1, tags: ["Kênh Bắc Lam"]),                              // rare tag, far in time
            article("c.md", "C", day: 9, tags: ["Nông nghiệp"], categories: ["Kinh tế"]),      // common tag + category
            article("d.md", "D", day: 11, tags: ["Nông nghiệp"]),                              // common tag, nearest
            article("e.md", "E", day: 5, tags: ["Nông nghiệp"]),                               // common tag, farther
            article("f.md", "F", day: 12, categories: ["Kinh tế"]),                            // category only
            article("g.md", "G", day: 10, month: 9, tags: ["Nông nghiệp"]),
            article("h.md", "H", day: 20, tags: ["Y tế"]),                                     // nothing shared
        ]
        var config = self.config
        config.relatedCount = 5
        let site = try Site.index(articles, config: config, options: options).site
        XCTAssertEqual(related("A", in: site), ["B", "C", "D", "E", "G"])
    }

    /// Titles of a thousand and more articles from a small vocabulary, so that words are shared
    /// by many articles (long posting lists, looked at near each article) and chunks run in parallel.
    func generated(_ count: Int) -> [Article] {
        let syllables = ["bóng", "đá", "chuyền", "lúa", "gạo", "cầu", "đường", "trường", "học", "bệnh", "viện", "giá",
                         "vàng", "xăng", "mưa", "bão", "lũ", "rừng", "thuế", "đất", "chợ", "cá", "tôm", "điện", "nước"]
        var state: UInt64 = 14
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { number in
            let title = (0..<(3 + next(4))).map { _ in syllables[next(syllables.count)] }.joined(separator: " ")
            let lead = (0..<(6 + next(6))).map { _ in syllables[next(syllables.count)] }.joined(separator: " ")
            return article("bai-\(number).md", "\(title) \(number)", lead: lead, day: 1 + next(28), month: 1 + next(12),
                           year: 2015 + next(8), tags: next(3) == 0 ? ["Tag \(next(20))"] : [])
        }
    }

    func testListsAreDeterministicWhateverTheInputOrder() throws {
        let articles = generated(1_300)
        let first = try Site.index(articles, config: config, options: options).site
        let again = try Site.index(articles, config: config, options: options).site
        let reversed = try Site.index(articles.reversed(), config: config, options: options).site
        func named(_ site: Site) -> [String: [String]] {
            Dictionary(uniqueKeysWithValues: site.articles.indices.map { index in
                (site.articles[index].sourcePath, site.related[index].map { site.articles[$0].sourcePath })
            })
        }
        XCTAssertEqual(first.related, again.related)
        XCTAssertEqual(named(first), named(reversed))
        for (index, list) in first.related.enumerated() {
            XCTAssertEqual(list.count, config.relatedCount)
            XCTAssertFalse(list.contains(index))
            XCTAssertEqual(Set(list).count, list.count)
        }
    }

    /// One article put into an indexed site (`Site.inserting`, as the preview does for a new
    /// article) gets the place, neighbours, terms, month and "Tin khác" that indexing the whole
    /// archive with it gives, from the kept terms or without them; one that would change a term
    /// is refused.
    func testAnArticlePutIntoTheSiteGetsWhatAFullIndexGivesIt() throws {
        let articles = generated(1_300)
        let site = try Site.index(articles, config: config, options: options).site
        let terms = RelatedTerms(site.relatedInput)
        let newcomers = generated(1_312).suffix(12).map { article -> Article in
            var article = article
            article.sourcePath = "moi/" + article.sourcePath  // generated(1_312) repeats the first 1,300 articles
            return article
        }
        for (number, article) in newcomers.enumerated() {
            let full = try Site.index(articles + [article], config: config, options: options).site
            for kept in [terms, nil] {
                let inserted = try XCTUnwrap(site.inserting(article, options: options, terms: kept), article.title)
                let index = inserted.index
                XCTAssertEqual(full.articles[index].sourcePath, article.sourcePath)
                XCTAssertEqual(inserted.site.articles.map(\.sourcePath), full.articles.map(\.sourcePath))
                XCTAssertEqual(inserted.site.articlePaths, full.articlePaths)
                XCTAssertEqual(inserted.site.related[index], full.related[index], "\(number): \(article.title)")
                XCTAssertEqual(inserted.site.articleTags, full.articleTags)
                XCTAssertEqual(inserted.site.tags.terms.map(\.articles), full.tags.terms.map(\.articles))
                XCTAssertEqual(inserted.site.years.map(\.articles), full.years.map(\.articles))
                XCTAssertEqual(inserted.site.mostRead, full.mostRead)
            }
        }
        var unknownTag = newcomers[0]
        unknownTag.tags = ["Chủ đề mới"]
        XCTAssertNil(site.inserting(unknownTag, options: options))
        var taken = newcomers[0]
        taken.slug = site.articles[5].slug
        taken.date = site.articles[5].date
        XCTAssertNil(site.inserting(taken, options: options))
    }

    /// A memo in memory, as `BuildCache` keeps one on disk.
    final class MemoStore: @unchecked Sendable {
        var lists: RelatedLists?
        var words: RelatedWords?
        var recalls = 0
        var keeps = 0
        var memo: RelatedMemo {
            RelatedMemo(recall: { self.recalls += 1; return self.lists }, keep: { self.keeps += 1; self.lists = $0 },
                        recallWords: { self.words }, keepWords: { self.words = $0 })
        }
    }

    /// The words of an earlier build are used for the articles it holds (words marked there show
    /// through), the new article's are cut from its title and lead, and words that do not hold
    /// together are ignored. With the words as kept, the lists are those of a full computation.
    func testKeptWordsAreUsedForTheArticlesTheyHold() throws {
        let articles = generated(300)
        let store = MemoStore()
        let before = try Site.index(articles, config: config, options: options, relatedMemo: store.memo).site
        let kept = try XCTUnwrap(store.words)
        XCTAssertEqual(kept.keys.count, 300)
        XCTAssertTrue(kept.isWhole)
        var new = generated(301)[300]
        new.sourcePath = "moi/" + new.sourcePath
        new.date = before.articles[0].date.addingTimeInterval(60)
        let full = try Site.index(articles + [new], config: config, options: options).site
        func related(words: RelatedWords) throws -> (related: [[Int]], kept: RelatedWords?) {
            let fresh = MemoStore()
            fresh.words = words
            return (try Site.index(articles + [new], config: config, options: options, relatedMemo: fresh.memo).site.related, fresh.words)
        }
        let reused = try related(words: kept)
        XCTAssertEqual(reused.related, full.related)
        XCTAssertEqual(reused.kept?.keys.count, 301)
        // Every kept article without its words: only the new article's were cut, and the lists show it.
        var marked = kept
        marked.terms = []
        marked.weightUnits = []
        marked.starts = kept.starts.map { _ in 0 }
        let fromMarked = try related(words: marked)
        XCTAssertNotEqual(fromMarked.related, full.related)
        // The new article is the newest (the first): its words, and no other article's.
        let ofNewest = { (words: RelatedWords?) in words.map { $0.starts[1] - $0.starts[0] } }
        XCTAssertGreaterThan(ofNewest(reused.kept) ?? 0, 0)
        XCTAssertEqual(ofNewest(fromMarked.kept), ofNewest(reused.kept))
        XCTAssertEqual(fromMarked.kept?.terms.count, ofNewest(reused.kept))
        // Damaged (a term past the count): ignored, every article cut again.
        var damaged = kept
        damaged.termCount = 1
        XCTAssertFalse(damaged.isWhole)
        XCTAssertEqual(try related(words: damaged).related, full.related)
    }

    func testTheMemoIsUsedOnlyForTheSameTitlesLeadsTagsCategoriesAndDates() throws {
        let articles = [
            article("a.md", "Kênh Bắc Lam dẫn nước về đồng", lead: "Nông dân vui mừng.", day: 10, tags: ["Nông nghiệp"], categories: ["Kinh tế"]),
            article("b.md", "Nạo vét kênh Bắc Lam", day: 1, tags: ["Kênh Bắc Lam"]),
            article("c.md", "Nông dân thu hoạch lúa", day: 9, tags: ["Nông nghiệp"], categories: ["Kinh tế"]),
            article("d.md", "Bệnh viện tỉnh có máy mới", day: 11, tags: ["Y tế"]),
        ]
        let store = MemoStore()
        let first = try Site.index(articles, config: config, options: options, relatedMemo: store.memo).site
        XCTAssertEqual(store.keeps, 1)
        XCTAssertEqual(store.lists?.lists, first.related)

        // A new body: the same keys, and the lists are the ones kept (not written again).
        var rewritten = articles
        rewritten[0].bodyHTML = "<p>Thân bài mới.</p>"
        store.lists?.lists = first.related.map { $0.reversed() }  // marked, to see that they are the ones used
        let recalled = try Site.index(rewritten, config: config, options: options, relatedMemo: store.memo).site
        XCTAssertEqual(recalled.related, first.related.map { $0.reversed() })
        XCTAssertEqual(store.keeps, 1)

        // Anything the scoring reads changed: computed again where it can differ, the same as without a memo.
        let changes: [(String, (inout [Article]) -> Void)] = [
            ("title", { $0[3].title = "Bệnh viện tỉnh nạo vét kênh" }),
            ("lead", { $0[3].summary = "Kênh Bắc Lam chảy qua." }),
            ("tag", { $0[3].tags = ["Nông nghiệp"] }),
            ("category", { $0[3].categories = ["Kinh tế"] }),
            ("date", { $0[1].date = $0[2].date }),
        ]
        for (name, change) in changes {
            var changed = articles
            change(&changed)
            store.lists = nil
            _ = try Site.index(articles, config: config, options: options, relatedMemo: store.memo)
            store.lists?.lists = first.related.map { $0.reversed() }
            let site = try Site.index(changed, config: config, options: options, relatedMemo: store.memo).site
            XCTAssertEqual(site.related, try Site.index(changed, config: config, options: options).site.related, name)
        }
        var fewer = config
        fewer.relatedCount = 2
        store.lists = nil
        _ = try Site.index(articles, config: config, options: options, relatedMemo: store.memo)
        let two = try Site.index(articles, config: fewer, options: options, relatedMemo: store.memo).site
        XCTAssertEqual(two.related, try Site.index(articles, config: fewer, options: options).site.related, "related_count")
        XCTAssertTrue(two.related.allSatisfy { $0.count == 2 })

        // Lists that do not fit the archive (a damaged cache) are not used.
        store.lists?.lists = first.related.map { _ in [99] }
        let damaged = try Site.index(articles, config: config, options: options, relatedMemo: store.memo).site
        XCTAssertEqual(damaged.related, try Site.index(articles, config: config, options: options).site.related)
    }

    /// The lists of an archive changed since the last build, from that build's lists, are the
    /// lists of a full computation, for every kind of change an editor makes.
    func testListsUpdatedFromAnEarlierBuildAreTheListsComputedInFull() throws {
        var articles = generated(1_300)
        let newcomers = generated(1_303).suffix(3).map { article -> Article in
            var article = article
            article.sourcePath = "moi/" + article.sourcePath
            return article
        }
        let newestDate = try Site.index(articles, config: config, options: options).site.articles[0].date
        // Articles that share no word with any other: their lists are filled by time, with the newest.
        articles += (1...4).map { number in
            var lonely = article("le-\(number).md", "Zyx\(number) Qwv\(number)", day: 1)
            lonely.date = newestDate.addingTimeInterval(Double(-3_600 * number))
            return lonely
        }
        // And two of their own words: the newest and one ten days older, which lists it.
        for (number, hours) in [(1, 2.0), (2, -240.0)] {
            var pair = article("cap-\(number).md", "Vrt Kbn", day: 1)
            pair.date = newestDate.addingTimeInterval(hours * 3_600)
            articles.append(pair)
        }
        let site = try Site.index(articles, config: config, options: options).site
        // The newest, an article that the most of the newest hundred lists, and an old one.
        let newest = site.articles[0], old = site.articles[900]
        let counts = Dictionary(site.related.prefix(100).flatMap { $0 }.map { ($0, 1) }, uniquingKeysWith: +)
        let listed = site.articles[counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key]
        XCTAssertGreaterThan(counts.values.max()!, 1)
        let later = newest.date.addingTimeInterval(3_600)
        func edit(_ article: Article, _ change: @escaping (inout Article) -> Void) -> (inout [Article]) -> Void {
            { articles in change(&articles[articles.firstIndex { $0.sourcePath == article.sourcePath }!]) }
        }
        let changes: [(String, (inout [Article]) -> Void)] = [
            ("new, the newest", { var new = newcomers[0]; new.date = later; $0.append(new) }),
            ("new, the newest, a tag of its own", { var new = newcomers[1]; new.date = later; new.tags = ["Chủ đề mới"]; $0.append(new) }),
            ("new, of a year ago", { $0.append(newcomers[2]) }),
            ("three new", { $0 += newcomers.map { var new = $0; new.date = later; return new } }),
            ("newest deleted", { $0.removeAll { $0.sourcePath == newest.sourcePath } }),
            ("listed deleted", { $0.removeAll { $0.sourcePath == listed.sourcePath } }),
            ("old deleted", { $0.removeAll { $0.sourcePath == old.sourcePath } }),
            ("newest retitled", edit(newest) { $0.title = "Giá lúa gạo tăng mạnh" }),
            ("listed retitled", edit(listed) { $0.title = "Giá lúa gạo tăng mạnh" }),
            ("old retitled", edit(old) { $0.title = "Giá lúa gạo tăng mạnh" }),
            ("listed tagged", edit(listed) { $0.tags = ["Tag 3"] }),
            ("listed moved back", edit(listed) { $0.date = old.date }),
        ]
        for (name, change) in changes {
            let store = MemoStore()
            _ = try Site.index(articles, config: config, options: options, relatedMemo: store.memo)
            var changed = articles
            change(&changed)
            let updated = try Site.index(changed, config: config, options: options, relatedMemo: store.memo).site
            let full = try Site.index(changed, config: config, options: options).site
            XCTAssertEqual(updated.related, full.related, name)
            XCTAssertEqual(store.lists?.lists, full.related, name)
        }
    }

    /// A change among the oldest `base` articles moves the rarities that every list is judged on:
    /// every list is computed again, even one that shares no word with any newer article.
    func testAChangeAmongTheOldestArticlesComputesEveryListAgain() throws {
        // Seventy articles a day apart, newest first; the oldest ten are the base. Words of their
        // own, but for "Brumx" (three of the base) and "Glorp" (three): as rare as each other.
        let start = try XCTUnwrap(DateParsing(timeZone: config.timeZone).date(year: 2024, month: 6, day: 1))
        let words = [62: "Brumx", 66: "Brumx Glorp", 67: "Glorp", 68: "Glorp", 69: "Brumx"]
        let articles = (0..<70).map { index -> Article in
            var made = article("bai-\(index).md", words[index] ?? "Riêng\(index) Khác\(index)", day: 1)
            made.date = start.addingTimeInterval(Double(-86_400 * index))
            return made
        }
        var config = self.config
        config.relatedCount = 1
        func lists(_ articles: [Article], previous: RelatedLists?) throws -> RelatedLists {
            var input = try Site.index(articles, config: config, options: options).site.relatedInput
            input.base = 10
            return RelatedUpdate.lists(input, previous: previous) { _ in RelatedTerms(input) }
        }
        let before = try lists(articles, previous: nil)
        // The two tie; the nearer in time (67) is listed by 66.
        XCTAssertEqual(before.lists[66], [67])
        // Without 62, "Brumx" is the rarer: 66 lists 69, though no newer article has its words.
        let fewer = articles.filter { $0.sourcePath != "bai-62.md" }
        let after = try lists(fewer, previous: before)
        XCTAssertEqual(after.lists[65], [68])
        XCTAssertEqual(after, try lists(fewer, previous: nil))
    }

    /// Publishing an article changes its own list and those it enters; every other list stays,
    /// so the pages that change are those that show it.
    func testANewArticleChangesOnlyTheListsItEnters() throws {
        let articles = generated(1_300)
        let site = try Site.index(articles, config: config, options: options).site
        var new = generated(1_301)[1_300]
        new.sourcePath = "moi/" + new.sourcePath
        new.date = site.articles[0].date.addingTimeInterval(60)
        let after = try Site.index(articles + [new], config: config, options: options).site
        XCTAssertEqual(after.articles[0].sourcePath, new.sourcePath)
        var entered = 0
        for article in site.articles.indices {
            let list = after.related[article + 1]
            if list.contains(0) {
                entered += 1
            } else {
                XCTAssertEqual(list, site.related[article].map { $0 + 1 }, site.articles[article].title)
            }
        }
        XCTAssertGreaterThan(entered, 0)
        XCTAssertLessThan(entered, 300)
    }

    func testArticlePagesListArticlesThatShareRareWords() throws {
        let site = try TestSite(files: [
            "content/2023/08/bong-chuyen.md": TestSite.markdown(
                title: "Đội bóng chuyền nữ Lam Giang vô địch quốc gia", date: "2023-08-10T08:00:00+07:00",
                body: "Các cô gái Lam Giang thắng ba ván."),
            "content/2023/03/bong-chuyen-ve.md": TestSite.markdown(
                title: "Bóng chuyền nữ Lam Giang lên hạng", date: "2023-03-01T08:00:00+07:00"),
            "content/2023/08/cho-dem.md": TestSite.markdown(
                title: "Lam Giang khai trương chợ đêm", date: "2023-08-11T08:00:00+07:00"),
            "content/2023/08/von-dau-tu.md": TestSite.markdown(
                title: "Lam Giang giải ngân vốn đầu tư công", date: "2023-08-09T08:00:00+07:00"),
            "content/2023/01/trong-rung.md": TestSite.markdown(
                title: "Lam Giang trồng rừng đầu năm", date: "2023-01-05T08:00:00+07:00"),
        ])
        try site.build()
        let page = try site.page("2023/08/doi-bong-chuyen-nu-lam-giang-vo-dich-quoc-gia/index.html")
        let section = try XCTUnwrap(page.components(separatedBy: "class=\"related\"").last)
        let titles = section.components(separatedBy: "<a href=").dropFirst().compactMap { $0.split(separator: ">").dropFirst().first }
            .map { String($0.prefix { $0 != "<" }) }
        // related_count 3: the far article sharing "bóng chuyền nữ" first, then the two nearest in time;
        // "Lam Giang", in every title, does not bring the January one in.
        XCTAssertEqual(Array(titles.prefix(3)), ["Bóng chuyền nữ Lam Giang lên hạng", "Lam Giang khai trương chợ đêm",
                                                 "Lam Giang giải ngân vốn đầu tư công"])
    }
}

import XCTest
@testable import SiteKit

/// The index files, their shards, and the ranking (`SearchEngine`, which search.js mirrors).
final class SearchIndexTests: XCTestCase {
    func document(_ title: String, _ body: String, day: Int = 20230801, category: Int = 0, terms: [String] = []) -> SearchDocument {
        SearchDocument(title: title, path: "bai/\(Slug.make(title))/", day: day, category: category, terms: terms,
                       bodyHTML: "<p>" + body + "</p>", snippet: body)
    }

    func engine(_ documents: [SearchDocument], options: SearchIndexBuilder.Options = SearchIndexBuilder.Options()) throws -> SearchEngine {
        let output = SearchIndexBuilder.build(documents, categories: [], options: options)
        return try SearchEngine(output.files)
    }

    func titles(_ engine: SearchEngine, _ query: String) throws -> [String] {
        try engine.search(query).hits.map { try engine.document($0.doc).title }
    }

    // MARK: - Ranking, on a fixture checked by hand. Documents are oldest first, so a tie would
    // put the later one first: each expected winner is the older document.

    let filler = "Buổi sáng có nhiều người dân đến dự và đóng góp ý kiến cho địa phương."

    func testPhraseRanksAboveScatteredWords() throws {
        let engine = try engine([
            document("Báo cáo tháng 7", "Thu ngân sách đạt kế hoạch. \(filler)"),
            document("Báo cáo tháng 8", "Ngân hàng cho vay vốn. Mua sách giáo khoa. \(filler)"),
        ])
        XCTAssertEqual(try titles(engine, "ngan sach"), ["Báo cáo tháng 7", "Báo cáo tháng 8"])
        XCTAssertEqual(try titles(engine, "Ngân sách"), ["Báo cáo tháng 7", "Báo cáo tháng 8"])
        // Words in the other order are not the phrase.
        let reversed = try engine.search("sach ngan")
        XCTAssertEqual(reversed.hits.count, 2)
        XCTAssertEqual(reversed.hits[0].score, reversed.hits[1].score, accuracy: 0.5)
    }

    func testTitleRanksAboveBody() throws {
        let engine = try engine([
            document("Nông dân thu hoạch lúa", "Vụ mùa năm nay được giá. \(filler)"),
            document("Vụ mùa được giá", "Nông dân thu hoạch lúa, bán lúa tại ruộng. \(filler)"),
        ])
        XCTAssertEqual(try titles(engine, "lua"), ["Nông dân thu hoạch lúa", "Vụ mùa được giá"])
    }

    func testTagRanksAboveBody() throws {
        let engine = try engine([
            document("Hội nghị sơ kết", "Các đại biểu thảo luận. \(filler)", terms: ["Chuyển đổi số"]),
            document("Hội nghị tổng kết", "Các đại biểu thảo luận về chuyển đổi số. \(filler)"),
        ])
        XCTAssertEqual(try titles(engine, "chuyen doi so"), ["Hội nghị sơ kết", "Hội nghị tổng kết"])
    }

    func testExactDiacriticsRankAboveFolded() throws {
        let engine = try engine([
            document("Tin thứ nhất", "Chuyện tình của đôi bạn trẻ. \(filler)"),
            document("Tin thứ hai", "Chuyện tỉnh của đôi bạn trẻ. \(filler)"),
        ])
        XCTAssertEqual(try titles(engine, "tình"), ["Tin thứ nhất", "Tin thứ hai"])
        XCTAssertEqual(try titles(engine, "tỉnh"), ["Tin thứ hai", "Tin thứ nhất"])
        XCTAssertEqual(try titles(engine, "TỈNH".decomposedStringWithCanonicalMapping), ["Tin thứ hai", "Tin thứ nhất"])
        // Without diacritics both spellings are equal: the newer article wins the tie.
        let folded = try engine.search("tinh")
        XCTAssertEqual(folded.hits.map(\.doc), [1, 0])
        XCTAssertEqual(folded.hits[0].score, folded.hits[1].score)
    }

    func testEveryWordIsRequiredWhenSomeArticleHasThemAll() throws {
        let engine = try engine([
            document("Tỉnh ủy họp", "Ban Thường vụ Tỉnh ủy họp phiên thường kỳ. \(filler)"),
            document("Tỉnh đoàn ra quân", "Thanh niên tình nguyện ra quân. \(filler)"),
            document("Họp báo", "Họp báo thường kỳ. \(filler)"),
        ])
        let result = try engine.search("tinh uy hop")
        XCTAssertTrue(result.complete)
        XCTAssertEqual(result.hits.map(\.doc), [0])
        // No article has "xyzw": the best partial matches are shown, flagged.
        let partial = try engine.search("tinh uy xyzw")
        XCTAssertFalse(partial.complete)
        XCTAssertEqual(partial.hits.first?.doc, 0)
        XCTAssertEqual(partial.hits.first?.matched, 2)
        XCTAssertTrue(try engine.search("qqqq zzzz").hits.isEmpty)
        XCTAssertTrue(try engine.search(" – ").hits.isEmpty)
    }

    func testFiltersByYearAndCategory() throws {
        let output = SearchIndexBuilder.build([
            document("Lúa 2022", "Lúa tốt.", day: 20220105, category: 1),
            document("Lúa 2023 một", "Lúa tốt.", day: 20230105, category: 2),
            document("Lúa 2023 hai", "Lúa tốt.", day: 20231231, category: 1),
        ], categories: [.init(name: "Kinh tế", slug: "kinh-te", path: "chuyen-muc/kinh-te/"),
                        .init(name: "Xã hội", slug: "xa-hoi", path: "chuyen-muc/xa-hoi/")])
        let engine = try SearchEngine(output.files)
        XCTAssertEqual(engine.years.map(\.year), [2022, 2023])
        XCTAssertEqual(try engine.search("lua", year: 2023).hits.map(\.doc), [2, 1])
        XCTAssertEqual(try engine.search("lua", category: 1).hits.map(\.doc), [2, 0])
        XCTAssertEqual(try engine.search("lua", year: 2023, category: 2).hits.map(\.doc), [1])
        XCTAssertEqual(try engine.document(1), SearchEngine.Document(title: "Lúa 2023 một", path: "bai/lua-2023-mot/", day: 20230105,
                                                                    category: 2, snippet: "Lúa tốt."))
    }

    // MARK: - Files and shards

    /// A few hundred generated documents, enough to fill several small shards.
    func generated(_ count: Int) -> [SearchDocument] {
        let syllables = ["tỉnh", "ủy", "ngân", "sách", "nông", "dân", "lúa", "đường", "giao", "thông", "học", "sinh",
                         "bệnh", "viện", "du", "lịch", "kênh", "bắc", "lam", "tình", "tinh", "mưa", "lũ", "cầu", "2023", "3/2"]
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        return (0..<count).map { index in
            let body = (0..<(40 + next() % 40)).map { _ in syllables[next() % syllables.count] }.joined(separator: " ")
            let title = (0..<6).map { _ in syllables[next() % syllables.count] }.joined(separator: " ")
            return document("\(index) \(title)", body, day: 20150101 + (index / 40) * 10000 + 101)
        }
    }

    func testShardsHoldTheirTokensAndListsRoundTrip() throws {
        var options = SearchIndexBuilder.Options()
        options.targetShardBytes = 512
        options.largeListBytes = 120
        let documents = generated(300)
        let output = SearchIndexBuilder.build(documents, categories: [], options: options)
        let engine = try SearchEngine(output.files)
        XCTAssertGreaterThan(engine.segments.count, 3)
        XCTAssertEqual(engine.segments.map(\.documentCount).reduce(0, +), 300)
        XCTAssertTrue(engine.segments.contains { $0.shardCount > 4 })
        XCTAssertTrue(engine.segments.allSatisfy { $0.shardCount & ($0.shardCount - 1) == 0 }, "a power of two")
        XCTAssertTrue(engine.segments.contains { !$0.largeSyllables.isEmpty })
        XCTAssertTrue(engine.segments.contains { !$0.largePairs.isEmpty })
        for segment in engine.segments {
            let own = output.files.map(\.path).filter { $0.hasPrefix(segment.folder + "index/w") || $0.hasPrefix(segment.folder + "index/p") }
            XCTAssertEqual(output.files.filter { $0.path.hasPrefix(segment.folder + "index/") }.count, segment.shardCount + own.count)
            XCTAssertEqual(own.count, segment.largeSyllables.count + segment.largePairs.count)
            XCTAssertEqual(output.files.filter { $0.path.hasPrefix(segment.folder + "docs/") }.count,
                           (segment.documentCount + engine.chunkSize - 1) / engine.chunkSize)
            XCTAssertEqual(try engine.lengths(segment).count, segment.documentCount)
        }

        // Each syllable is in the shard its folded form hashes to, in the segment of each document
        // holding it, with every spelling, and its lists hold exactly the documents that contain it.
        var expected: [String: [String: Set<Int>]] = [:]
        for (doc, document) in documents.enumerated() {
            for token in SearchText.syllables(document.title + " | " + SearchText.plainText(fromHTML: document.bodyHTML)) {
                expected[token.folded, default: [:]][token.exact, default: []].insert(doc)
            }
        }
        var found: [String: [String: Set<Int>]] = [:]
        for segment in engine.segments {
            let names = (0..<segment.shardCount).map(String.init) + segment.largeSyllables.map { "w" + $0 }
            for name in names {
                for (folded, spellings) in try engine.shard(file: name, in: segment).syllables {
                    XCTAssertEqual(engine.file(syllable: folded, in: segment), name, folded)
                    for spelling in spellings {
                        XCTAssertEqual(spelling.postings.map(\.doc), spelling.postings.map(\.doc).sorted())
                        XCTAssertTrue(spelling.postings.allSatisfy { $0.tf > 0 || $0.flags != 0 })
                        found[folded, default: [:]][spelling.exact, default: []].formUnion(spelling.postings.map { segment.first + $0.doc })
                    }
                }
            }
        }
        XCTAssertEqual(found, expected)
        let last = try XCTUnwrap(engine.segments.last)
        XCTAssertEqual(try engine.shard(file: engine.file(syllable: "tinh", in: last), in: last).syllables["tinh"]?.map(\.exact),
                       ["tinh", "tình", "tỉnh"].filter { expected["tinh"]?[$0]?.contains { $0 >= last.first } ?? false })

        // A pair is in the shard of its hash (or its own file); "kenh bac" occurs wherever both words are adjacent.
        let hash = SearchIndexBuilder.fnv1a("kenh bac")
        var withPair: Set<Int> = []
        for segment in engine.segments {
            let key = UInt64(hash) >> UInt64(segment.shardCount.trailingZeroBitCount)
            let lists = try engine.shard(file: engine.file(pair: "kenh bac", in: segment), in: segment).pairs[key] ?? []
            withPair.formUnion(lists.flatMap { $0.map { segment.first + $0.doc } })
        }
        XCTAssertEqual(withPair, Set(documents.indices.filter { documents[$0].bodyHTML.contains("kênh bắc") || documents[$0].title.contains("kênh bắc") }))
    }

    func testOutputIsDeterministic() {
        let documents = generated(120)
        let first = SearchIndexBuilder.build(documents, categories: [])
        let second = SearchIndexBuilder.build(documents, categories: [])
        XCTAssertEqual(first.files.map(\.path), second.files.map(\.path))
        XCTAssertEqual(first.files.map(\.bytes), second.files.map(\.bytes))
    }

    func testMetaAndDocumentsAreJSON() throws {
        let output = SearchIndexBuilder.build([document("Tiêu đề \"trích\" \\ <b>", "Nội dung\u{2028}mới", category: 1)],
                                              categories: [.init(name: "Kinh tế", slug: "kinh-te", path: "chuyen-muc/kinh-te/")])
        let files = Dictionary(uniqueKeysWithValues: output.files.map { ($0.path, $0.bytes) })
        let meta = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(files["meta.json"]!)) as? [String: Any])
        XCTAssertEqual(meta["docs"] as? Int, 1)
        XCTAssertEqual(meta["format"] as? Int, 2)
        let segments = try XCTUnwrap(meta["segments"] as? [[Any]])
        XCTAssertEqual(segments.count, 1)
        XCTAssertEqual(segments[0][1] as? Int, 1)
        XCTAssertEqual(segments[0][2] as? Int, 1, "one shard")
        let folder = "s/\(try XCTUnwrap(segments[0][0] as? String))/"
        let chunk = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try XCTUnwrap(files[folder + "docs/0.json"]))) as? [[Any]])
        XCTAssertEqual(chunk[0][0] as? String, "Tiêu đề \"trích\" \\ <b>")
        XCTAssertEqual(chunk[0][3] as? String, "kinh-te")
        XCTAssertEqual(chunk[0][4] as? String, "Nội dung\u{2028}mới")
        XCTAssertEqual(String(decoding: try XCTUnwrap(files[folder + "cats.txt"]), as: UTF8.self), "kinh-te\n1\n")
        XCTAssertEqual(try SearchEngine(output.files).document(0).category, 1)
    }

    func testEmptyArchive() throws {
        let engine = try engine([])
        XCTAssertEqual(engine.documentCount, 0)
        XCTAssertTrue(try engine.search("tinh").hits.isEmpty)
    }

    // MARK: - In the site

    func testSiteBuildWritesSearchPageAndIndex() throws {
        let site = try TestSite(files: [
            "content/2023/08/tinh-uy.md": "---\ntitle: \"Ban Thường vụ Tỉnh ủy họp\"\ndate: 2023-08-01\ntags: [\"Tỉnh ủy\"]\n---\nNội dung về ngân sách.\n",
            "content/2023/09/lua.md": "---\ntitle: \"Nông dân thu hoạch lúa\"\ndate: 2023-09-01\n---\nLúa được mùa.\n",
        ])
        try site.build()
        let page = try String(contentsOf: site.output.appendingPathComponent("tim-kiem/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<noscript>"))
        XCTAssertTrue(page.contains("id=\"search-input\""))
        XCTAssertTrue(page.contains("aria-live=\"polite\""))
        XCTAssertTrue(page.contains("data-meta=\"/luu-tru/tim-kiem/meta.json\""))
        XCTAssertTrue(page.range(of: "src=\"/luu-tru/assets/search\\.[0-9a-f]{12}\\.js\"", options: .regularExpression) != nil)
        XCTAssertTrue(page.contains("Không tìm thấy kết quả"))
        XCTAssertTrue(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("assets/search.js").path))
        let article = try String(contentsOf: site.output.appendingPathComponent("2023/08/ban-thuong-vu-tinh-uy-hop/index.html"), encoding: .utf8)
        XCTAssertTrue(article.contains("action=\"/luu-tru/tim-kiem/\""))

        var files: [String: [UInt8]] = [:]
        let folder = site.output.appendingPathComponent("tim-kiem")
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where !path.hasSuffix(".html") {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try FileBytes.read(folder.appendingPathComponent(path).path)
            }
        }
        let engine = try SearchEngine(files: files)
        let hit = try XCTUnwrap(try engine.search("tinh uy").hits.first)
        XCTAssertEqual(try engine.document(hit.doc).path, "2023/08/ban-thuong-vu-tinh-uy-hop/")
        XCTAssertEqual(try engine.search("ngan sach").hits.count, 1)
        XCTAssertEqual(try engine.search("lua").hits.map { try engine.document($0.doc).title }, ["Nông dân thu hoạch lúa"])
    }

    func testSearchCanBeTurnedOffOrMoved() throws {
        let files = ["content/2023/08/a.md": "---\ntitle: \"Bài A\"\ndate: 2023-08-01\n---\nChữ.\n"]
        let off = try TestSite(files: files, siteYML: TestSite.defaultSiteYML + "\nsearch: false\n")
        try off.build()
        XCTAssertFalse(FileManager.default.fileExists(atPath: off.output.appendingPathComponent("tim-kiem").path))
        let home = try String(contentsOf: off.output.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertFalse(home.contains("role=\"search\""))

        let moved = try TestSite(files: files, siteYML: TestSite.defaultSiteYML + "\nsearch_path: /tim/\n")
        try moved.build()
        XCTAssertTrue(FileManager.default.fileExists(atPath: moved.output.appendingPathComponent("tim/meta.json").path))
        let movedHome = try String(contentsOf: moved.output.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(movedHome.contains("action=\"/luu-tru/tim/\""))

        XCTAssertThrowsError(try SiteConfig.parse("search_path: ../x\n"))
        XCTAssertThrowsError(try SiteConfig.parse("search: maybe\n"))
    }
}

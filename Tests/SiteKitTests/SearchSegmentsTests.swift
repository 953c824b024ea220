import XCTest
@testable import SiteKit

/// The search index as segments (issue 12, part 2): publishing an article rewrites a few small
/// files, editing one rewrites only lists of its own segment, and the ranking does not depend on
/// how the documents fall into segments.
final class SearchSegmentsTests: XCTestCase {
    static let words = ["tỉnh", "ủy", "ngân", "sách", "nông", "dân", "lúa", "đường", "giao", "thông", "học", "sinh", "bệnh",
                        "viện", "du", "lịch", "kênh", "bắc", "lam", "tình", "tinh", "mưa", "lũ", "cầu", "2023", "3/2", "xã", "hội"]

    /// `count` articles, oldest first, each one's text drawn from its own number (so that
    /// appending one leaves the others as they were).
    func articles(_ range: Range<Int>, edited: Int? = nil) -> [SearchDocument] {
        range.map { index in
            var state = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
            func next() -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int(state >> 33)
            }
            func text(_ count: Int) -> String { (0..<count).map { _ in Self.words[next() % Self.words.count] }.joined(separator: " ") }
            let body = text(20 + next() % 80) + (index == edited ? " cầu kênh mới" : "")
            return SearchDocument(title: text(3 + next() % 5), path: "bai/\(index)/", day: 20150101 + index / 100 * 10000,
                                  category: index % 3, terms: next() % 3 == 0 ? [text(2)] : [], bodyHTML: "<p>\(body)</p>", snippet: "")
        }
    }

    let categories: [SearchIndexBuilder.Category] = [.init(name: "A", slug: "a", path: "a/"), .init(name: "B", slug: "b", path: "b/")]

    func files(_ documents: [SearchDocument], options: SearchIndexBuilder.Options = .init()) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: SearchIndexBuilder.build(documents, categories: categories, options: options).files.map { ($0.path, $0.bytes) })
    }

    /// Paths added, removed or with other bytes.
    func changed(_ before: [String: [UInt8]], _ after: [String: [UInt8]]) -> Set<String> {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
    }

    func testSegmentsCoverTheSlicesInOrderAndAreFew() {
        var state: UInt64 = 3
        let hashes = (0..<20_000).map { _ -> UInt64 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        let slices = SearchIndexBuilder.sliceRanges(pathHashes: hashes, bits: 3)
        let segments = SearchIndexBuilder.segmentRanges(slices: slices, pathHashes: hashes, sliceBits: 3, topLevel: 11, maxDocuments: 1 << 16)
        XCTAssertEqual(segments.first?.lowerBound, 0)
        XCTAssertEqual(segments.last?.upperBound, slices.count)
        for (a, b) in zip(segments, segments.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
        // About two a level over log2(2,500 slices) ≈ 11 levels.
        XCTAssertLessThan(segments.count, 40)
        XCTAssertGreaterThan(segments.count, 3)
        // A cap on documents cuts a top chunk.
        let capped = SearchIndexBuilder.segmentRanges(slices: slices, pathHashes: hashes, sliceBits: 3, topLevel: 30, maxDocuments: 1000)
        for segment in capped { XCTAssertLessThan(slices[segment].reduce(0) { $0 + $1.count }, 1000 + 32) }
    }

    func testPublishingAnArticleRewritesAFewFilesOfTheNewestSegments() throws {
        var before = files(articles(0..<400))
        var counts: [Int] = []
        for count in 401...440 {
            let after = files(articles(0..<count))
            let paths = changed(before, after)
            XCTAssertTrue(paths.contains("meta.json"))
            // Every segment that kept its name and size kept its bytes.
            let oldEngine = try SearchEngine(files: before), newEngine = try SearchEngine(files: after)
            for segment in newEngine.segments where oldEngine.segments.contains(where: { $0.name == segment.name && $0.documentCount == segment.documentCount }) {
                XCTAssertFalse(paths.contains { $0.hasPrefix(segment.folder) }, "segment \(segment.name) was rewritten")
            }
            XCTAssertEqual(newEngine.documentCount, count)
            counts.append(paths.filter { after[$0] != nil }.count)
            before = after
        }
        counts.sort()
        XCTAssertLessThanOrEqual(counts[counts.count / 2], 6, "median files written: \(counts)")
        XCTAssertLessThan(counts.last!, files(articles(0..<440)).count / 2, "even a merge rewrites part of the index: \(counts)")
    }

    func testEditingAnOldArticleRewritesOnlyListsOfItsSegment() throws {
        var options = SearchIndexBuilder.Options()
        options.targetShardBytes = 512
        let before = files(articles(0..<400), options: options)
        let after = files(articles(0..<400, edited: 10), options: options)
        let engine = try SearchEngine(files: after)
        let segment = try XCTUnwrap(engine.segment(of: 10))
        let paths = changed(before, after)
        XCTAssertEqual(paths.filter { !$0.hasPrefix(segment.folder) }, ["meta.json"])
        let segmentFiles = after.keys.filter { $0.hasPrefix(segment.folder + "index/") }
        XCTAssertGreaterThan(segmentFiles.count, 4)
        XCTAssertLessThan(paths.filter { $0.hasPrefix(segment.folder + "index/") }.count, segmentFiles.count,
                          "lists the edit did not touch keep their bytes")
        XCTAssertEqual(try engine.search("cầu kênh mới").hits.first?.doc, 10)
    }

    func testRankingDoesNotDependOnTheSegments() throws {
        let documents = articles(0..<600)
        var one = SearchIndexBuilder.Options()
        one.sliceBits = 20
        let single = try SearchEngine(files: files(documents, options: one))
        let segmented = try SearchEngine(files: files(documents))
        XCTAssertEqual(single.segments.count, 1)
        XCTAssertGreaterThan(segmented.segments.count, 4)
        for query in ["tinh uy", "Tỉnh ủy", "tình", "ngân sách", "kenh bac lam", "lúa mưa lũ", "3/2", "xyz tinh", "du lịch"] {
            for (year, category) in [(nil, nil), (2017, nil), (nil, 2)] as [(Int?, Int?)] {
                let a = try single.search(query, year: year, category: category), b = try segmented.search(query, year: year, category: category)
                XCTAssertFalse(a.hits.isEmpty, query)
                XCTAssertEqual(a.hits, b.hits, query)
                XCTAssertEqual(a.complete, b.complete, query)
            }
        }
        XCTAssertEqual(try single.document(599), try segmented.document(599))
    }
}

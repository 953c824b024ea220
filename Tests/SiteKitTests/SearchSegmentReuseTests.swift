import XCTest
@testable import SiteKit

/// A cached build with the last build's files at hand (issue 12, part 2): a segment whose slices
/// did not change keeps its files without reading them, and one whose articles were edited has
/// only the files their lists and documents are in patched. Whatever was kept or patched, the
/// index is, byte for byte, the one a build without any cache writes.
final class SearchSegmentReuseTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-search-reuse-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    var cache: SearchTokenCache { SearchTokenCache(folder: folder) }

    let categories: [SearchIndexBuilder.Category] = [.init(name: "A", slug: "a", path: "a/"), .init(name: "B", slug: "b", path: "b/"),
                                                     .init(name: "C", slug: "c", path: "c/")]

    /// Small slices and levels, so that a few hundred articles make several segments; small
    /// shards and list files, so that edits move lists across both limits now and then.
    func options(largeListBytes: Int = 200) -> SearchIndexBuilder.Options {
        var options = SearchIndexBuilder.Options()
        options.sliceBits = 2
        options.topLevel = 4
        options.targetShardBytes = 512
        options.largeListBytes = largeListBytes
        options.chunkSize = 4
        options.permalink = ":year/:month/:slug/"
        return options
    }

    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
    }

    static let words = SearchSegmentsTests.words + ["Tỉnh", "ỦY", "Lúa", "mới", "cũ", "chợ", "cá", "tôm"]

    func text(_ count: Int, _ random: inout Random) -> String {
        (0..<count).map { _ in Self.words[random.next(Self.words.count)] }.joined(separator: " ")
    }

    func articles(_ count: Int) -> [SearchDocument] {
        var random = Random(state: 5)
        return (0..<count).map { index in
            SearchDocument(title: "Bài \(index) " + text(3, &random), path: "bai/\(index)/", day: 20150101 + index / 50 * 10000,
                           category: index % 4, terms: index % 5 == 0 ? [text(2, &random)] : [],
                           bodyHTML: "<p>\(text(10 + random.next(60), &random))</p>", snippet: text(6, &random))
        }
    }

    /// A build with the cache and the files of `last`; the whole index it stands for (written and
    /// kept files), by path.
    func build(_ documents: [SearchDocument], after last: [String: [UInt8]], options: SearchIndexBuilder.Options)
        -> (output: SearchIndexBuilder.Output, whole: [String: [UInt8]]) {
        let previous = SearchIndexBuilder.PreviousFiles(last.map { OutputFile(path: $0.key, bytes: $0.value) })
        let output = SearchIndexBuilder.build(documents, categories: categories, options: options, cache: cache, previous: previous)
        var whole: [String: [UInt8]] = [:]
        for file in output.files { whole[file.path] = file.bytes }
        for path in output.kept {
            XCTAssertNil(whole[path], "\(path) both kept and written")
            whole[path] = last[path]
        }
        return (output, whole)
    }

    func clean(_ documents: [SearchDocument], options: SearchIndexBuilder.Options) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: SearchIndexBuilder.build(documents, categories: categories, options: options).files.map { ($0.path, $0.bytes) })
    }

    /// The stats that describe the index (not how it was built).
    func figures(_ stats: SearchIndexBuilder.Stats) -> [Int] {
        [stats.documents, stats.segments, stats.syllables, stats.pairs, stats.postings, stats.shards, stats.shardBytes, stats.docBytes,
         stats.otherBytes, stats.textBytes]
    }

    func assertSame(_ whole: [String: [UInt8]], _ clean: [String: [UInt8]], _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Set(whole.keys), Set(clean.keys), message, file: file, line: line)
        for (path, bytes) in clean where whole[path] != bytes {
            XCTFail("\(message): \(path) differs from a clean build", file: file, line: line)
        }
    }

    func segmentOf(_ path: String) -> String? {
        path.hasPrefix("s/") ? String(path.dropFirst(2).prefix { $0 != "/" }) : nil
    }

    func testAnUnchangedIndexIsKeptWhole() {
        let documents = articles(300), options = options()
        let first = build(documents, after: [:], options: options)
        XCTAssertTrue(first.output.kept.isEmpty)
        let second = build(documents, after: first.whole, options: options)
        XCTAssertEqual(second.output.files.map(\.path), ["meta.json"], "only meta.json is handed over again")
        XCTAssertEqual(second.output.stats.tokenisedSlices, 0)
        XCTAssertEqual(figures(second.output.stats), figures(first.output.stats), "the stats of a kept index are those of the merged one")
        assertSame(second.whole, clean(documents, options: options), "unchanged")
    }

    /// An edited body: the other segments' files are all kept, and in its own segment only the
    /// files holding lists or documents of the edited slice are handed over.
    func testAnEditPatchesOnlyTheFilesItTouches() throws {
        var documents = articles(400)
        let options = options(largeListBytes: 100_000)
        let first = build(documents, after: [:], options: options)
        XCTAssertGreaterThan(Set(first.whole.keys.compactMap(segmentOf)).count, 3, "several segments")
        // A document in the middle of the largest segment.
        let meta = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try XCTUnwrap(first.whole["meta.json"]))) as? [String: Any])
        let sizes = try XCTUnwrap(meta["segments"] as? [[Any]]).map { try XCTUnwrap($0[1] as? Int) }
        let largest = try XCTUnwrap(sizes.indices.max { sizes[$0] < sizes[$1] })
        XCTAssertGreaterThan(sizes[largest], 30)
        documents[sizes[..<largest].reduce(0, +) + sizes[largest] / 2].bodyHTML += "<p>kênh bắc lam</p>"
        let edited = build(documents, after: first.whole, options: options)
        assertSame(edited.whole, clean(documents, options: options), "edit")
        XCTAssertEqual(edited.output.stats.tokenisedSlices, 1)
        let written = Set(edited.output.files.map(\.path)).subtracting(["meta.json"])
        let segments = Set(written.compactMap(segmentOf))
        XCTAssertEqual(segments.count, 1, "one segment: \(written.sorted())")
        let segment = try XCTUnwrap(segments.first)
        let segmentFiles = first.whole.keys.filter { segmentOf($0) == segment }
        XCTAssertLessThan(written.count, segmentFiles.count / 2, "a few of its \(segmentFiles.count) files: \(written.sorted())")
        for path in first.whole.keys where segmentOf(path) != segment && path != "meta.json" {
            XCTAssertTrue(edited.output.kept.contains(path), "\(path) of another segment is kept")
        }
        // The edited document's chunk, and a shard holding "kênh".
        XCTAssertFalse(written.contains { $0.contains("/docs/") }, "its entry (title, path, date, snippet) did not change")
        XCTAssertTrue(written.contains { $0.hasSuffix("/lengths.bin") }, "its length did")
        XCTAssertTrue(written.contains { $0.contains("/index/") }, "the shards of its new words")
    }

    /// Many changes in turn, each checked against a clean build: edits of bodies, titles, terms
    /// and categories (patched, or merged where a list crosses a limit), additions and deletions.
    func testEveryChangeInTurnGivesTheFilesOfACleanBuild() {
        var documents = articles(360)
        let options = options()
        var last = build(documents, after: [:], options: options).whole
        var random = Random(state: 99)
        var patched = 0
        for step in 0..<40 {
            let index = random.next(documents.count)
            let name: String
            switch step % 8 {
            case 0, 1, 2:
                name = "body \(index)"
                documents[index].bodyHTML += "<p>\(text(1 + random.next(12), &random))</p>"
            case 3:
                name = "body rewritten \(index)"
                documents[index].bodyHTML = "<p>\(text(random.next(5), &random))</p>"
            case 4:
                name = "terms \(index)"
                documents[index].terms = [text(2, &random)]
            case 5:
                name = "category \(index)"
                documents[index].category = (documents[index].category + 1) % 4
            case 6:
                name = "added \(step)"
                documents.append(SearchDocument(title: "Bài mới \(step)", path: "moi/\(step)/", day: 20250101 + step,
                                                bodyHTML: "<p>\(text(30, &random))</p>"))
            default:
                name = "deleted \(index)"
                documents.remove(at: index)
            }
            let result = build(documents, after: last, options: options)
            assertSame(result.whole, clean(documents, options: options), "step \(step): \(name)")
            XCTAssertEqual(figures(result.output.stats),
                           figures(SearchIndexBuilder.build(documents, categories: categories, options: options).stats), "step \(step): \(name)")
            if result.output.kept.count > 0 && step % 8 < 6 { patched += 1 }
            last = result.whole
        }
        XCTAssertGreaterThan(patched, 10, "most edits keep files")
    }

    /// A file of the last build that is no longer as written (by a hand, a disk) is not patched:
    /// its segment is merged again.
    func testAFileNoLongerAsWrittenIsWrittenAgain() throws {
        var documents = articles(300)
        let options = options(largeListBytes: 100_000)
        var last = build(documents, after: [:], options: options).whole
        documents[100].bodyHTML += "<p>cầu mới</p>"
        for path in last.keys where path.contains("/index/") || path.hasSuffix("lengths.bin") { last[path]![0] ^= 0x55 }
        let result = build(documents, after: last, options: options)
        assertSame(result.whole, clean(documents, options: options), "damaged output")
    }
}

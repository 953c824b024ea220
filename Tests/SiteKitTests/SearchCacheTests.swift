import XCTest
@testable import SiteKit

/// The search index built with tokenised slices read back from the cache must be, byte for byte,
/// the index built from scratch, after any change to the archive; and a damaged or foreign
/// cache file must cost time, never correctness.
final class SearchCacheTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-search-cache-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    var cache: SearchTokenCache { SearchTokenCache(folder: folder) }

    /// Slices of about four documents, so that a small archive has many; small shards and
    /// large-list files too, so that every kind of file is compared.
    var options: SearchIndexBuilder.Options {
        var options = SearchIndexBuilder.Options()
        options.sliceBits = 2
        options.permalink = ":year/:month/:slug/"
        options.targetShardBytes = 1024
        options.largeListBytes = 300
        return options
    }

    let categories = [SearchIndexBuilder.Category(name: "Kinh tế", slug: "kinh-te", path: "chuyen-muc/kinh-te/"),
                      SearchIndexBuilder.Category(name: "Xã hội", slug: "xa-hoi", path: "chuyen-muc/xa-hoi/")]

    /// Documents with everything tokenising reads: titles, terms, editors' summaries, entities,
    /// words repeated often (large term frequencies), paths that search.js derives and others.
    func documents(_ count: Int, seed: UInt64 = 11) -> [SearchDocument] {
        let syllables = ["tỉnh", "ủy", "Tỉnh", "ngân", "sách", "nông", "dân", "lúa", "đường", "giao", "thông", "học", "sinh",
                         "bệnh", "viện", "kênh", "bắc", "LAM", "tình", "tinh", "mưa", "lũ", "cầu", "2023", "3/2", "&amp;"]
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        return (0..<count).map { index in
            var body = (0..<(20 + next() % 30)).map { _ in syllables[next() % syllables.count] }.joined(separator: " ")
            if index % 7 == 0 { body += " " + Array(repeating: "lúa", count: 9 + next() % 20).joined(separator: " ") }
            let title = "Bài \(index) " + (0..<4).map { _ in syllables[next() % syllables.count] }.joined(separator: " ")
            let day = 20200101 + (index / 30) * 10000 + (index % 28)
            let path = index % 5 == 0 ? "tin-cu/\(index).html" : "\(day / 10000)/\(String(format: "%02d", day / 100 % 100))/\(Slug.make(title))/"
            return SearchDocument(title: title, path: path, day: day, category: index % 3,
                                  terms: index % 4 == 0 ? ["Tỉnh ủy", "Nguyễn Thu Hà"] : [],
                                  summary: index % 6 == 0 ? "Tóm tắt của biên tập viên về \(title)" : "",
                                  bodyHTML: "<p>" + body + "</p><p>Đoạn hai.</p>", snippet: body)
        }
    }

    func build(_ documents: [SearchDocument], cache: SearchTokenCache?, options: SearchIndexBuilder.Options? = nil) -> SearchIndexBuilder.Output {
        SearchIndexBuilder.build(documents, categories: categories, options: options ?? self.options, cache: cache)
    }

    func assertSameFiles(_ output: SearchIndexBuilder.Output, _ expected: SearchIndexBuilder.Output, _ message: String,
                         file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(output.files.map(\.path), expected.files.map(\.path), message, file: file, line: line)
        for (a, b) in zip(output.files, expected.files) where a.bytes != b.bytes {
            XCTFail("\(message): \(a.path) differs from a build without the cache", file: file, line: line)
        }
    }

    var cacheFiles: [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] }

    func testColdAndUnchangedBuildsMatchABuildWithoutCache() {
        let documents = documents(120)
        let clean = build(documents, cache: nil)
        XCTAssertGreaterThan(clean.stats.slices, 10)
        XCTAssertEqual(clean.stats.tokenisedSlices, clean.stats.slices)
        XCTAssertTrue(cacheFiles.isEmpty, "no cache, no files")

        let cold = build(documents, cache: cache)
        assertSameFiles(cold, clean, "cold")
        XCTAssertEqual(cold.stats.tokenisedSlices, cold.stats.slices)
        XCTAssertEqual(cacheFiles.count, cold.stats.slices + cold.stats.segments, "a file per slice and a record per segment")

        let warm = build(documents, cache: cache)
        assertSameFiles(warm, clean, "unchanged")
        XCTAssertEqual(warm.stats.tokenisedSlices, 0)
    }

    /// Each change, applied in turn to the same cache: a rebuild tokenises the slice or two it
    /// touches, gives the files of a clean build, and leaves only the files of current slices.
    func testEveryKindOfChangeGivesTheFilesOfACleanBuild() {
        var documents = documents(150)
        _ = build(documents, cache: cache)
        let changes: [(name: String, slices: Int, change: (inout [SearchDocument]) -> Void)] = [
            ("body edited", 1, { $0[40].bodyHTML += "<p>Một câu mới thêm vào cuối bài.</p>" }),
            ("title edited", 1, { $0[41].title = "Tiêu đề mới hẳn về kênh Bắc Lam" }),
            ("terms edited", 1, { $0[42].terms = ["Giao thông"] }),
            ("summary edited", 1, { $0[43].summary = "Một tóm tắt khác" }),
            ("snippet edited", 1, { $0[44].snippet = "Một đoạn trích khác, dài hơn một chút." }),
            ("added in the middle", 1, { $0.insert(SearchDocument(title: "Bài chen giữa", path: "2021/01/bai-chen-giua/", day: 20210115,
                                                                   bodyHTML: "<p>Nông dân thu hoạch lúa</p>"), at: 60) }),
            ("added at the end", 1, { $0.append(SearchDocument(title: "Bài mới nhất", path: "2026/01/bai-moi-nhat/", day: 20260101,
                                                                bodyHTML: "<p>Mưa lũ ở tỉnh</p>")) }),
            ("deleted", 2, { $0.remove(at: 90) }),
            ("renamed", 2, { $0[100].path = "bai-doi-ten/" }),
            ("moved to another date", 2, { let moved = $0.remove(at: 110); $0.insert(moved, at: 20) }),
            ("category changed", 0, { $0[120].category = 2 }),
            ("first deleted", 2, { $0.removeFirst() }),
            ("last deleted", 2, { $0.removeLast() }),
        ]
        for (name, slices, change) in changes {
            change(&documents)
            let clean = build(documents, cache: nil)
            let cached = build(documents, cache: cache)
            assertSameFiles(cached, clean, name)
            XCTAssertLessThanOrEqual(cached.stats.tokenisedSlices, slices, name)
            XCTAssertEqual(cacheFiles.count, cached.stats.slices + cached.stats.segments,
                           "\(name): the files of slices and segments gone are removed")
        }
    }

    func testOptionsOfTheEntriesInvalidateEverySlice() {
        let documents = documents(60)
        _ = build(documents, cache: cache)
        var options = options
        options.permalink = "bai-viet/:slug/"
        let moved = build(documents, cache: cache, options: options)
        XCTAssertEqual(moved.stats.tokenisedSlices, moved.stats.slices)
        assertSameFiles(moved, build(documents, cache: nil, options: options), "permalink")
        options.snippetLength = 40
        let shorter = build(documents, cache: cache, options: options)
        XCTAssertEqual(shorter.stats.tokenisedSlices, shorter.stats.slices)
        assertSameFiles(shorter, build(documents, cache: nil, options: options), "snippet length")
    }

    /// The keys of the slices of `documents`, and the file of the first one.
    func firstSlice(_ documents: [SearchDocument]) -> (key: UInt64, file: URL) {
        let hashes = SearchIndexBuilder.documentHashes(documents, content: true)
        let ranges = SearchIndexBuilder.sliceRanges(pathHashes: hashes.map(\.path), bits: options.sliceBits)
        let key = SearchIndexBuilder.sliceKeys(hashes, ranges: ranges, options: options)[0]
        return (key, folder.appendingPathComponent(cache.fileName(key)))
    }

    func testDamagedOrForeignCacheFilesAreIgnored() throws {
        let documents = documents(80)
        let clean = build(documents, cache: nil)
        let (key, file) = firstSlice(documents)
        let damages: [(name: String, damage: (inout [UInt8]) throws -> Void)] = [
            ("a byte flipped", { $0[$0.count / 2] ^= 0x20 }),
            ("truncated", { $0.removeLast($0.count / 2) }),
            ("only the header", { $0.removeLast($0.count - SearchTokenCache.headerSize) }),
            ("empty", { $0 = [] }),
            ("text", { $0 = Array("hỏng".utf8) }),
            ("another format version", { $0[8] &+= 1 }),
            ("another slice's file", { bytes in
                let other = try XCTUnwrap(self.cacheFiles.first { $0 != file.lastPathComponent })
                bytes = try FileBytes.read(self.folder.appendingPathComponent(other).path)
            }),
        ]
        for (name, damage) in damages {
            try? FileManager.default.removeItem(at: folder)
            _ = build(documents, cache: cache)
            var bytes = try FileBytes.read(file.path)
            try damage(&bytes)
            try FileBytes.write(bytes, to: file.path)
            let rebuilt = build(documents, cache: cache)
            assertSameFiles(rebuilt, clean, name)
            XCTAssertEqual(rebuilt.stats.tokenisedSlices, 1, name)
            XCTAssertNotNil(cache.read(key), "\(name): the slice is cached again")
        }
    }

    /// Files with a correct checksum whose content is not what sitegen writes: a directory that
    /// does not parse, or postings that do not (found only while merging: every slice is then
    /// tokenised again).
    func testIntactFilesWithForeignContentAreIgnored() throws {
        let documents = documents(80)
        let clean = build(documents, cache: nil)
        let (key, _) = firstSlice(documents)

        _ = build(documents, cache: cache)
        cache.write(Array("không phải một lát cắt".utf8), key: key)
        let foreignDirectory = build(documents, cache: cache)
        assertSameFiles(foreignDirectory, clean, "foreign directory")
        XCTAssertEqual(foreignDirectory.stats.tokenisedSlices, 1)

        var payload = try XCTUnwrap(cache.read(key))
        let postings = try SearchIndexBuilder.SliceCoding.directory(payload).wordPostings.lowerBound
        XCTAssertLessThan(postings, payload.count)
        // Varints that never end.
        for index in postings..<payload.count { payload[index] = 0xFF }
        XCTAssertNoThrow(try SearchIndexBuilder.SliceCoding.directory(payload), "the directory still parses")
        cache.write(payload, key: key)
        let foreignPostings = build(documents, cache: cache)
        assertSameFiles(foreignPostings, clean, "foreign postings")
        XCTAssertEqual(foreignPostings.stats.tokenisedSlices, foreignPostings.stats.slices)
        XCTAssertEqual(build(documents, cache: cache).stats.tokenisedSlices, 0, "the cache is whole again")
    }

    func testSlicesAreCutByPathAlone() {
        let documents = documents(200)
        let hashes = SearchIndexBuilder.documentHashes(documents, content: false)
        let ranges = SearchIndexBuilder.sliceRanges(pathHashes: hashes.map(\.path), bits: 2)
        XCTAssertEqual(ranges.first?.lowerBound, 0)
        XCTAssertEqual(ranges.last?.upperBound, documents.count)
        for (range, next) in zip(ranges, ranges.dropFirst()) {
            XCTAssertEqual(range.upperBound, next.lowerBound)
            XCTAssertTrue(hashes[range.upperBound - 1].path & 3 == 0 || range.count == 16, "a boundary, or the longest slice")
        }
        // Removing a document moves no boundary but its own.
        var fewer = hashes
        fewer.remove(at: 100)
        let after = SearchIndexBuilder.sliceRanges(pathHashes: fewer.map(\.path), bits: 2)
        let shift = { (range: Range<Int>) in range.lowerBound > 100 ? (range.lowerBound - 1)..<(range.upperBound - 1) : range }
        XCTAssertGreaterThanOrEqual(Set(after).intersection(ranges.map(shift)).count, ranges.count - 2)
    }
}

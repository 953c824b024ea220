import Foundation
import XCTest
@testable import SiteKit

/// search.js and SearchEngine rank alike: the same index, the same queries, the same order.
/// Runs templates/assets/search.js under Node (Tests/browser/search-parity.js); skipped without Node.
final class SearchParityTests: XCTestCase {
    func node() throws -> URL {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent("node")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip("node is not installed; the browser test covers search.js")
    }

    /// The index's files in a new temporary folder, as the site would serve them.
    func written(_ files: [OutputFile]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-parity-\(UUID().uuidString)")
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
        return folder
    }

    /// Runs Node with `arguments` and decodes the JSON it prints; it must exit 0.
    func nodeOutput(_ node: URL, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        let process = Process()
        process.executableURL = node
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, file: file, line: line)
        return try JSONSerialization.jsonObject(with: data)
    }

    /// search-parity.js's results for each query: the documents and paths it found.
    func parityResults(_ node: URL, _ folder: URL, _ queries: [String], filters: [String] = []) throws -> [String: [String: Any]] {
        let script = TestSite.repositoryRoot.appendingPathComponent("Tests/browser/search-parity.js").path
        return try XCTUnwrap(try nodeOutput(node, [script, folder.path] + filters + queries) as? [String: [String: Any]])
    }

    func testJavaScriptRanksLikeSwift() throws {
        let node = try node()
        let words = ["tỉnh", "ủy", "ngân", "sách", "nông", "dân", "lúa", "đường", "giao", "thông", "học", "sinh", "tình",
                     "tinh", "kênh", "bắc", "lam", "3/2", "Ngô", "Chí", "Cường", "đồng", "động", "dòng", "2023", "mưa", "lũ"]
        var state: UInt64 = 11
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        func text(_ count: Int) -> String {
            (0..<count).map { _ in words[next() % words.count] + (next() % 9 == 0 ? "," : "") }.joined(separator: " ")
        }
        let documents = (0..<400).map { index in
            SearchDocument(title: text(6), path: "p/\(index)/", day: 20150101 + index / 50 * 10000, category: index % 3,
                           terms: next() % 4 == 0 ? [text(2)] : [], bodyHTML: "<p>\(text(30 + next() % 60))</p>", snippet: "")
        }
        var options = SearchIndexBuilder.Options()
        options.targetShardBytes = 1024
        options.largeListBytes = 200
        let output = SearchIndexBuilder.build(documents, categories: [
            .init(name: "A", slug: "a", path: "a/"), .init(name: "B", slug: "b", path: "b/"),
        ], options: options)
        let folder = try written(output.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = try SearchEngine(output.files)
        XCTAssertGreaterThan(engine.segments.count, 3, "queries cross segments")
        XCTAssertTrue(engine.segments.contains { $0.shardCount > 2 })
        XCTAssertTrue(engine.segments.contains { !$0.largeSyllables.isEmpty })

        let queries = ["tinh uy", "Tỉnh ủy", "tình", "TỈNH", "ngân sách", "sach ngan", "kenh 3/2", "Ngô Chí Cường", "dong",
                       "đồng", "lúa mưa lũ", "xyz", "tinh xyz", "2023", "giao thông đường"]
        for (year, category) in [(nil, nil), (2017, nil), (nil, 2), (2018, 1)] as [(Int?, Int?)] {
            let filters = (year.map { ["--year", String($0)] } ?? []) + (category.map { ["--cat", String($0)] } ?? [])
            let results = try parityResults(node, folder, queries, filters: filters)
            for query in queries {
                let swift = try engine.search(query, year: year, category: category)
                let js = try XCTUnwrap(results[query])
                XCTAssertEqual(js["docs"] as? [Int], swift.hits.map(\.doc), "\(query) year \(year ?? 0) category \(category ?? 0)")
                XCTAssertEqual(js["complete"] as? Bool, swift.complete, query)
                // The first page's documents, read from their segments' chunks as the page does.
                XCTAssertEqual(js["paths"] as? [String], try swift.hits.prefix(10).map { try engine.document($0.doc).path }, query)
            }
        }
    }

    /// Issue 16, item 6: words that name properties of `Object` ("constructor", "__proto__") are
    /// words like any other in search.js, in the index and in the query.
    func testWordsThatNamePropertiesOfObjectAreSearchedLikeAnyOther() throws {
        let node = try node()
        let words = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype", "tỉnh", "ủy"]
        let documents = (0..<40).map { index in
            SearchDocument(title: "\(words[index % words.count]) \(words[(index + 3) % words.count])", path: "p/\(index)/",
                           day: 20230101 + index, category: 0, terms: [], bodyHTML: "<p>\(words[(index * 5) % words.count]) constructor</p>",
                           snippet: "")
        }
        var options = SearchIndexBuilder.Options()
        options.targetShardBytes = 256
        let output = SearchIndexBuilder.build(documents, categories: [.init(name: "A", slug: "a", path: "a/")], options: options)
        let folder = try written(output.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = try SearchEngine(output.files)
        let queries = ["constructor", "__proto__ constructor", "toString", "hasOwnProperty valueOf", "prototype", "tinh constructor"]
        let results = try parityResults(node, folder, queries)
        for query in queries {
            let swift = try engine.search(query, year: nil, category: nil)
            XCTAssertFalse(swift.hits.isEmpty, query)
            XCTAssertEqual(try XCTUnwrap(results[query])["docs"] as? [Int], swift.hits.map(\.doc), query)
        }
    }

    func testJavaScriptDerivesPathsLikeSwift() throws {
        let node = try node()
        let titles = ["Mở rộng Kênh Bắc Lam giai đoạn 2 phục vụ tưới cho vùng màu", "ĐỒNG CHÍ “Tỉnh ủy” – 3/2, 100%!",
                      "Straße và Œuvre: ﬁ", String(repeating: "Dài quá ", count: 20), "Ứng phó bão số 3 (Yagi)"]
        let script = """
        const s = require(\(String(reflecting: TestSite.repositoryRoot.appendingPathComponent("templates/assets/search.js").path)));
        const titles = JSON.parse(process.argv[1]);
        process.stdout.write(JSON.stringify(titles.map((t) => s.documentPath([t, 0, 20230816], { permalink: ':year/:month/:slug/' }))));
        """
        let titlesJSON = String(decoding: try JSONSerialization.data(withJSONObject: titles), as: UTF8.self)
        let paths = try XCTUnwrap(try nodeOutput(node, ["-e", script, titlesJSON]) as? [String])
        for (title, path) in zip(titles, paths) {
            guard let swift = SearchIndexBuilder.derivedPath(title: title, day: 20230816, pattern: ":year/:month/:slug/") else { continue }
            XCTAssertEqual(path, swift, title)
            XCTAssertEqual(swift, "2023/08/" + Slug.make(title) + "/", title)
        }
    }
}

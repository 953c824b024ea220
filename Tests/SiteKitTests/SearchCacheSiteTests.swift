import XCTest
@testable import SiteKit

/// `sitegen build` keeps the search index's tokenised slices in `.sitegen-cache/search/`: after
/// every kind of change an editor makes, a rebuild must write the search files a clean build
/// (`--no-cache`) writes.
final class SearchCacheSiteTests: XCTestCase {
    func files() -> [String: String] {
        var files = WholeSiteTests.sampleFiles()
        for day in 1...6 {
            files["content/2024/03/bai-\(day).md"] = TestSite.markdown(
                title: "Bản tin nông nghiệp số \(day)", date: "2024-03-0\(day)", tags: day % 2 == 0 ? ["Nông nghiệp"] : ["Y tế"],
                categories: ["Kinh tế"], author: "Nguyễn Thu Hà", views: 100 * day, body: "Đoạn \(day) về mùa vụ lúa hè thu.")
        }
        return files
    }

    /// The files below the search folder, relative path → bytes.
    func searchFiles(_ site: TestSite) throws -> [String: Data] {
        try site.snapshot().filter { $0.key.hasPrefix("tim-kiem/") }
    }

    func assertCachedSearchMatchesClean(_ name: String, file: StaticString = #filePath, line: UInt = #line,
                                        _ change: (TestSite) throws -> Void) throws {
        let cached = try TestSite(files: files())
        try cached.build()
        try change(cached)
        try cached.build()

        let clean = try TestSite(files: files())
        try change(clean)
        try clean.build(cache: false)
        let cachedFiles = try searchFiles(cached), cleanFiles = try searchFiles(clean)
        XCTAssertGreaterThan(cleanFiles.count, 3, name, file: file, line: line)
        XCTAssertEqual(Set(cachedFiles.keys), Set(cleanFiles.keys), name, file: file, line: line)
        for (path, bytes) in cleanFiles where cachedFiles[path] != bytes {
            XCTFail("\(name): \(path) differs from a clean build", file: file, line: line)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: clean.root.appendingPathComponent(".sitegen-cache/search").path),
                       "\(name): a build without the cache keeps none", file: file, line: line)
    }

    func testEditedArticle() throws {
        try assertCachedSearchMatchesClean("edit") { site in
            try site.write("content/2024/03/bai-3.md", TestSite.markdown(
                title: "Bản tin nông nghiệp số 3", date: "2024-03-03", tags: ["Y tế"], categories: ["Kinh tế"],
                author: "Nguyễn Thu Hà", views: 300, body: "Đoạn 3 về mùa vụ lúa hè thu.\n\nMột đoạn mới về kênh Bắc Lam."))
        }
    }

    func testEditedTitleAndTags() throws {
        try assertCachedSearchMatchesClean("title") { site in
            try site.write("content/2024/03/bai-4.md", TestSite.markdown(
                title: "Tiêu đề mới hẳn", date: "2024-03-04", tags: ["Giáo dục"], categories: ["Xã hội"], views: 400))
        }
    }

    func testAddedArticle() throws {
        try assertCachedSearchMatchesClean("add") { site in
            try site.write("content/2024/04/moi.md", TestSite.markdown(title: "Bài mới về lúa", date: "2024-04-01", tags: ["Nông nghiệp"]))
        }
    }

    func testAddedArticleInThePast() throws {
        try assertCachedSearchMatchesClean("add in the past") { site in
            try site.write("content/2020/01/cu.md", TestSite.markdown(title: "Bài cũ về tỉnh ủy", date: "2020-01-01"))
        }
    }

    func testDeletedArticle() throws {
        try assertCachedSearchMatchesClean("delete") { site in try site.remove("content/2024/03/bai-2.md") }
    }

    func testRenamedArticle() throws {
        try assertCachedSearchMatchesClean("rename") { site in
            let text = try String(contentsOf: site.root.appendingPathComponent("content/2024/03/bai-5.md"), encoding: .utf8)
            try site.remove("content/2024/03/bai-5.md")
            try site.write("content/2024/03/bai-nam.md", text.replacingOccurrences(of: "Bản tin nông nghiệp số 5", with: "Bản tin số năm"))
        }
    }

    func testSettingsChanged() throws {
        try assertCachedSearchMatchesClean("site.yml") { site in
            try site.write("site.yml", TestSite.defaultSiteYML + "\npermalinks:\n  article: /bai-viet/:slug/\n")
        }
    }

    func testTheCacheKeepsOnlyCurrentSlices() throws {
        let site = try TestSite(files: files())
        try site.build()
        let folder = site.root.appendingPathComponent(".sitegen-cache/search")
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertGreaterThan(before.count, 1, "slices of a few articles")
        try site.write("content/2024/03/bai-1.md", TestSite.markdown(title: "Số một sửa", date: "2024-03-01"))
        try site.build()
        let after = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(after.count, before.count)
        XCTAssertEqual(Set(after).subtracting(before).count, 1, "one slice changed")
    }

    func testADamagedSearchCacheIsIgnored() throws {
        let site = try TestSite(files: files())
        try site.build()
        let folder = site.root.appendingPathComponent(".sitegen-cache/search")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let path = folder.appendingPathComponent(name).path
            var bytes = try FileBytes.read(path)
            bytes[bytes.count - 3] ^= 0xFF
            try FileBytes.write(bytes, to: path)
        }
        // A change search does not see: the damaged slice is looked up again.
        try site.write("data/views.csv", "slug,views\nban-tin-nong-nghiep-so-1,99999\n")
        try site.build()
        let clean = try TestSite(files: files())
        try clean.write("data/views.csv", "slug,views\nban-tin-nong-nghiep-so-1,99999\n")
        try clean.build(cache: false)
        XCTAssertEqual(try searchFiles(site), try searchFiles(clean))
    }
}

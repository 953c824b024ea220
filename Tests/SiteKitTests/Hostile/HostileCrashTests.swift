import Foundation
import XCTest
@testable import SiteKit

/// Issue 16, items 1–7: hostile content, data and cache files that used to crash or hang a build.
/// Each test writes the hostile file inline into a small site and builds it.
final class HostileCrashTests: XCTestCase {
    static let article = TestSite.markdown(title: "Hội nghị Ban Chấp hành", date: "2023-08-01", tags: ["Tỉnh ủy"])
    static let articleSlug = "hoi-nghi-ban-chap-hanh"

    // 1. Views from data files are range-checked, never trapped on.

    func testMostNegativeViewsInCSVAreAnErrorWithTheLine() throws {
        let site = try TestSite(files: ["content/2023/08/a.md": Self.article,
                                        "data/views.csv": "slug,views\nkhac,5\n\(Self.articleSlug),-9223372036854775808\n"])
        let errors = site.buildErrors()
        XCTAssertEqual(errors.map(\.path), ["data/views.csv"])
        XCTAssertEqual(errors.first?.line, 3)
        XCTAssertTrue(errors.first?.message.contains("out of range") ?? false, "\(errors)")
    }

    func testNegativeViewsInJSONAreAnErrorWithTheLine() throws {
        let site = try TestSite(files: ["content/2023/08/a.md": Self.article,
                                        "data/views.json": "{\n  \"khac\": 5,\n  \"\(Self.articleSlug)\": -9223372036854775808\n}\n"])
        let errors = site.buildErrors()
        XCTAssertEqual(errors.map(\.description), ["data/views.json:3: views -9223372036854775808 out of range (0 to 1000000000000)"])
        let rows = try TestSite(files: ["content/2023/08/a.md": Self.article,
                                        "data/views.json": "[\n{\"slug\": \"\(Self.articleSlug)\", \"views\": -1}\n]"])
        XCTAssertEqual(rows.buildErrors().map(\.description), ["data/views.json:2: views -1 out of range (0 to 1000000000000)"])
    }

    func testViewsAtTheLimitAreFormatted() throws {
        let site = try TestSite(files: ["content/2023/08/a.md": Self.article,
                                        "data/views.csv": "\(Self.articleSlug),1000000000000\n"])
        try site.build()
        XCTAssertTrue(try site.page("2023/08/\(Self.articleSlug)/index.html").contains("1.000.000.000.000"))
    }

    // 2. A stale file one character deep used to trap in NSString.deletingLastPathComponent.

    func testRemovingAnAliasInAOneCharacterFolderRemovesItsPage() throws {
        let withAlias = TestSite.markdown(title: "Hội nghị Ban Chấp hành", date: "2023-08-01", extra: "aliases: [\"/t/123.html\", \"/x.html\"]")
        let site = try TestSite(files: ["content/2023/08/a.md": withAlias])
        try site.build()
        XCTAssertTrue(site.exists("t/123.html"))
        XCTAssertTrue(site.exists("x.html"))
        try site.write("content/2023/08/a.md", Self.article)
        let report = try site.build()
        XCTAssertFalse(site.exists("t/123.html"))
        XCTAssertFalse(site.exists("t"))
        XCTAssertFalse(site.exists("x.html"))
        XCTAssertGreaterThanOrEqual(report.write.removed, 2)
        XCTAssertNil(Manifest.read(from: site.output).entries["t/123.html"])
    }
}

extension HostileCrashTests {
    // 3. YAML "billion laughs": nine nested anchors in 384 bytes of front matter.

    static let billionLaughs: String = {
        var lines = ["---", "title: \"Cười\"", "date: 2023-08-01", "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            lines.append("a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ","))]")
        }
        lines += ["---", "", "Nội dung."]
        return lines.joined(separator: "\n")
    }()

    func testBillionLaughsInFrontMatterIsRefusedWithTheLine() throws {
        let site = try TestSite(files: ["content/2023/08/cuoi.md": Self.billionLaughs, "content/2023/08/a.md": Self.article])
        let errors = site.buildErrors()
        XCTAssertEqual(errors.count, 1, "\(errors)")
        XCTAssertEqual(errors.first?.path, "content/2023/08/cuoi.md")
        XCTAssertNotNil(errors.first?.line)
        XCTAssertTrue(errors.first?.message.contains("aliases") ?? false, "\(errors)")
        // Nothing of it reached the cache either.
        let cache = site.root.appendingPathComponent(".sitegen-cache")
        let sizes = try FileManager.default.subpathsOfDirectory(atPath: cache.path).map {
            (try FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent($0).path)[.size] as? Int) ?? 0
        }
        XCTAssertLessThan(sizes.reduce(0, +), 1_000_000)
    }

    func testSmallAliasesAndDeepNestingLimits() throws {
        // A few aliases are fine; nesting past the limit is an error with the key's line.
        let fine = TestSite.markdown(title: "Bí danh", date: "2023-08-01", extra: "base: &b [\"x\"]\nmore: *b")
        let deep = "---\ntitle: \"Sâu\"\ndate: 2023-08-01\nx: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n---\n"
        let site = try TestSite(files: ["content/2023/08/fine.md": fine, "content/2023/08/deep.md": deep])
        let errors = site.buildErrors()
        XCTAssertEqual(errors.map(\.path), ["content/2023/08/deep.md"])
        XCTAssertEqual(errors.first?.line, 4)
        XCTAssertTrue(errors.first?.message.contains("nested") ?? false, "\(errors)")
    }

    func testHugeFrontMatterIsRefusedBeforeItIsParsed() throws {
        let huge = "---\ntitle: \"Lớn\"\ndate: 2023-08-01\nx: \"" + String(repeating: "a", count: 300_000) + "\"\n---\n"
        let errors = (try TestSite(files: ["content/2023/08/lon.md": huge])).buildErrors()
        XCTAssertEqual(errors.map(\.path), ["content/2023/08/lon.md"])
        XCTAssertTrue(errors.first?.message.contains("limit") ?? false, "\(errors)")
    }

    // 4. Symbolic link loops, links out of the site, and skipped files are warned about.

    func testSymbolicLinkLoopsEndAndEachArticleIsReadOnce() throws {
        let site = try TestSite(files: ["content/x/a.md": Self.article])
        let folder = site.root.appendingPathComponent("content/x")
        XCTAssertEqual(symlink(".", folder.appendingPathComponent("l1").path), 0)
        XCTAssertEqual(symlink(".", folder.appendingPathComponent("l2").path), 0)
        XCTAssertEqual(symlink("..", folder.appendingPathComponent("up").path), 0)
        let report = try site.build()
        XCTAssertEqual(report.articles, 1)
        let skipped = report.warnings.filter { $0.message.contains("loop") }.map(\.path).sorted()
        XCTAssertEqual(skipped, ["content/x/l1", "content/x/l2", "content/x/up"])
    }

    func testLinksOutOfTheSiteDanglingLinksAndBadNamesAreSkippedWithAWarning() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data(TestSite.markdown(title: "Bí mật", date: "2023-08-01").utf8).write(to: outside.appendingPathComponent("secret.md"))
        let site = try TestSite(files: ["content/a.md": Self.article, "elsewhere/b.md": TestSite.markdown(title: "Trong site", date: "2023-08-02")])
        let content = site.root.appendingPathComponent("content")
        XCTAssertEqual(symlink(outside.path, content.appendingPathComponent("etc").path), 0)
        XCTAssertEqual(symlink("../elsewhere", content.appendingPathComponent("inside").path), 0)
        XCTAssertEqual(symlink("missing.md", content.appendingPathComponent("dangling.md").path), 0)
        let badName = content.path + "/bad\u{FF}.md"  // not UTF-8 once written as bytes
        var raw = Array(content.path.utf8) + Array("/bad".utf8) + [0xFF] + Array(".md".utf8) + [0]
        let fd = raw.withUnsafeMutableBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        XCTAssertGreaterThanOrEqual(fd, 0, badName)
        close(fd)
        let report = try site.build()
        XCTAssertEqual(report.articles, 2)  // a.md and the link inside the site folder
        XCTAssertFalse(try site.snapshot().keys.contains { $0.contains("bi-mat") })
        let warned = report.warnings.map(\.description)
        XCTAssertTrue(warned.contains { $0.hasPrefix("content/etc: skipped: a symbolic link that leads outside the site folder") }, "\(warned)")
        XCTAssertTrue(warned.contains { $0.hasPrefix("content/dangling.md: skipped: a symbolic link to nothing") }, "\(warned)")
        XCTAssertTrue(warned.contains { $0.contains("not valid UTF-8") }, "\(warned)")
    }

    func testSiteYMLCanAllowContentLinksOutOfTheSiteFolder() throws {
        // Years of an archive kept on another disk, linked in: a page bundle with its photo, and a loop.
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-disk-\(UUID().uuidString)")
        let bundle = outside.appendingPathComponent("khai-mac")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data(TestSite.markdown(title: "Khai mạc hội chợ", date: "2022-05-01", extra: "image: anh.jpg").utf8)
            .write(to: bundle.appendingPathComponent("index.md"))
        try Data(try TestPhotos.jpeg(300, 200)).write(to: bundle.appendingPathComponent("anh.jpg"))
        XCTAssertEqual(symlink(".", outside.appendingPathComponent("loop").path), 0)
        for allowed in [false, true] {
            let site = try TestSite(files: ["content/a.md": Self.article],
                                    siteYML: TestSite.defaultSiteYML + (allowed ? "\nallow_outside_links: true\n" : ""))
            XCTAssertEqual(symlink(outside.path, site.root.appendingPathComponent("content/2022").path), 0)
            let report = try site.build()
            let warned = report.warnings.map(\.description)
            XCTAssertEqual(report.articles, allowed ? 2 : 1, "\(warned)")
            XCTAssertEqual(site.exists("2022/05/khai-mac-hoi-cho/index.html"), allowed)
            XCTAssertEqual(report.images, allowed ? 1 : 0)
            XCTAssertEqual(warned.contains { $0.hasPrefix("content/2022: skipped: a symbolic link that leads outside the site folder") }, !allowed, "\(warned)")
            XCTAssertEqual(warned.contains { $0.hasPrefix("content/2022/loop: skipped: a symbolic link back to a folder above it") }, allowed, "\(warned)")
        }
    }

    func testFoldersDeeperThanTheLimitAreWarnedAbout() throws {
        let deep = (0..<70).map { "d\($0)" }.joined(separator: "/")
        let site = try TestSite(files: ["content/a.md": Self.article, "content/\(deep)/b.md": TestSite.markdown(title: "Sâu", date: "2023-08-01")])
        let report = try site.build()
        XCTAssertEqual(report.articles, 1)
        XCTAssertTrue(report.warnings.contains { $0.message.contains("nested more than 64") }, "\(report.warnings)")
    }
}

extension HostileCrashTests {
    // 7. A damaged cache is discarded with a warning: never trusted, never fatal.

    static func archive() -> [String: String] {
        var files: [String: String] = [:]
        for index in 0..<12 {
            files["content/2023/0\(index % 9 + 1)/bai-\(index).md"] = TestSite.markdown(
                title: "Bài số \(index) về Lê Hồng Hải", date: "2023-0\(index % 9 + 1)-1\(index % 10)", tags: ["Tỉnh ủy", "Thẻ \(index % 3)"],
                author: "Tác giả \(index % 4)", views: 100 * index, body: "Đoạn \(index) nói về đường giao thông.")
        }
        return files
    }

    func testAFlippedByteAnywhereInTheCacheNeverChangesThePages() throws {
        let site = try TestSite(files: Self.archive())
        try site.build()
        let cache = site.root.appendingPathComponent(".sitegen-cache")
        let names = try FileManager.default.subpathsOfDirectory(atPath: cache.path).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: cache.appendingPathComponent($0).path, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
        XCTAssertTrue(names.contains("state") && names.contains("related") && names.contains { $0.hasPrefix("articles-") }, "\(names)")
        var edit = 0
        // Each kind of cache file (the state, the related lists, two article shards), flipped in
        // its seal, its middle and its end: a few builds each, as a test must stay short.
        let shards = names.filter { $0.hasPrefix("articles-") }.prefix(2)
        // And the body files of the two shards the edits below rewrite: those read a body of every
        // other article in them (a body file read nowhere can do no harm, and says nothing).
        let bodies = ["2023/01/bai-0.md", "2023/02/bai-1.md"].map { "bodies-\(BuildCache.shard(of: $0))" }
        for name in names where name == "state" || name == "related" || shards.contains(name) || bodies.contains(name) {
            let url = cache.appendingPathComponent(name)
            let original = try Data(contentsOf: url)
            for position in Set([3, original.count / 2, original.count - 2]) where position < original.count {
                var bytes = original
                bytes[position] ^= 0x5A
                try bytes.write(to: url)
                // Two edits, as an editor would make, so the cache is read and not just skipped.
                edit += 1
                try site.write("content/2023/01/bai-0.md", TestSite.markdown(title: "Bài số 0 về Lê Hồng Hải", date: "2023-01-10", body: "Sửa \(edit)."))
                try site.write("content/2023/02/bai-1.md", TestSite.markdown(title: "Bài số 1 về Lê Hồng Hải", date: "2023-02-11", body: "Sửa \(edit)."))
                let report = try site.build()
                let cached = try site.snapshot()
                let fresh = try TestSite(files: [:])
                try FileManager.default.removeItem(at: fresh.root)
                try FileManager.default.copyItem(at: site.root, to: fresh.root)
                try FileManager.default.removeItem(at: fresh.root.appendingPathComponent(".sitegen-cache"))
                try fresh.build(cache: false)
                XCTAssertEqual(cached, try fresh.snapshot(), "\(name) flipped at \(position)")
                // A flipped byte of a body file is found when that body is read: not when it is in the
                // body an edit replaces.
                if !name.hasPrefix("bodies-") || report.warnings.contains(where: { $0.path.hasPrefix(".sitegen-cache/bodies-") }) {
                    XCTAssertTrue(report.warnings.contains { $0.path == ".sitegen-cache/" + name && $0.message.contains("damaged") },
                                  "\(name) at \(position): \(report.warnings)")
                }
                try? FileManager.default.removeItem(at: fresh.root)
            }
            try site.build()  // the cache heals
        }
    }

    func testACountReadFromTheCacheIsBoundedByItsBytes() throws {
        // A sealed file (its checksum right) that claims 824,633,720,864 warnings.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = BuildCache(folder: folder)
        cache.write(BuildCache.State(inputs: 1, nextDue: 0, articles: 0, pages: 0, warnings: [], signatures: [:]))
        var payload = try XCTUnwrap(BuildCache.unseal(try FileBytes.read(folder.appendingPathComponent("state").path)))
        let warningsCount = 8 * 5  // generator, inputs, nextDue, articles, pages
        withUnsafeBytes(of: Int64(824_633_720_864).littleEndian) { payload.replaceSubrange(warningsCount..<warningsCount + 8, with: $0) }
        var sealed: [UInt8] = []
        for word in [UInt64(payload.count), ContentHash.of(payload)] { withUnsafeBytes(of: word.littleEndian) { sealed += $0 } }
        try FileBytes.write(sealed + payload, to: folder.appendingPathComponent("state").path)
        XCTAssertNil(cache.readState())
        XCTAssertEqual(cache.damaged.names, ["state"])
        var reader = BinaryReader(payload)
        for _ in 0..<5 { _ = try reader.uint64() }
        XCTAssertThrowsError(try reader.count())
    }

    func testALengthNearIntMaxInTheCacheIsAnErrorNotATrap() throws {
        // Found by the cache fuzzer in CI: a length of Int64.max made `offset + count` overflow.
        var reader = BinaryReader([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f] + Array("smtsmtses\nab 79 \u{0}".utf8))
        XCTAssertThrowsError(try reader.string())
        var enriched = BinaryReader([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f] + Array("smtsmtses\nab 79 \u{0}".utf8))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-bodies-\(UUID().uuidString)").path
        try FileBytes.write([UInt8](), to: path)
        defer { unlink(path) }
        let bodies = try XCTUnwrap(BodyFile(path: path, name: "bodies-0", damaged: DamagedFiles()))
        XCTAssertThrowsError(try enriched.enriched(bodies: bodies))
    }
}

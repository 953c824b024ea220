import Foundation
import SiteKit
import XCTest
@testable import SiteServer

final class RequestRulesTests: XCTestCase {
    func testPaths() {
        let allowed = ["/", "/2023/08/slug/", "/assets/style.css", "/chu-de/n%C3%B4ng-nghi%E1%BB%87p/", "/a..b.html", "/page/2/"]
        for path in allowed {
            guard case .allowed = RequestRules.check(rawPath: path) else { return XCTFail("\(path) refused") }
        }
        let bad = ["/../x", "/a/../../x", "/%2e%2e/x", "/%2E%2e/x", "/.%2e/x", "/a/%2e/b", "/./x", "/a%2fb", "/a%2F..%2Fb",
                   "/a\\b", "/a%5cb", "/a%5Cb", "/a%00b", "/%zz", "/%", "x/y", "*"]
        for path in bad {
            guard case .badRequest = RequestRules.check(rawPath: path) else { return XCTFail("\(path) allowed") }
        }
        for path in ["/.sitegen-manifest", "/.sitegen-staging/index.html", "//evil.example/", "/a//b", "/%2esecret"] {
            XCTAssertEqual(RequestRules.check(rawPath: path), .notFound, path)
        }
    }

    func testHosts() {
        XCTAssertEqual(RequestRules.hostName("Example.org:8080"), "example.org")
        XCTAssertEqual(RequestRules.hostName("[::1]:8080"), "::1")
        XCTAssertEqual(RequestRules.hostName("localhost."), "localhost")
        XCTAssertNil(RequestRules.hostName("a@b"))
        XCTAssertNil(RequestRules.hostName("[::1"))
        XCTAssertNil(RequestRules.hostName("x:y"))
        let loopback = "127.0.0.1"
        for host in ["localhost", "localhost:1", "127.0.0.1:8080", "127.1.2.3", "[::1]", "a.localhost"] {
            XCTAssertTrue(RequestRules.isAllowed(host: host, listeningOn: loopback, extraHosts: []), host)
        }
        for host in ["evil.example", "127.0.0.1.evil.example", "192.168.1.5", "localhost.evil", "", "256.0.0.1"] {
            XCTAssertFalse(RequestRules.isAllowed(host: host, listeningOn: loopback, extraHosts: []), host)
        }
        XCTAssertFalse(RequestRules.isAllowed(host: nil, listeningOn: loopback, extraHosts: []))
        // Listening everywhere (--host 0.0.0.0): IP literals and named hosts only.
        XCTAssertTrue(RequestRules.isAllowed(host: "192.168.1.5:8080", listeningOn: "0.0.0.0", extraHosts: []))
        XCTAssertFalse(RequestRules.isAllowed(host: "rebind.evil.example", listeningOn: "0.0.0.0", extraHosts: []))
        XCTAssertTrue(RequestRules.isAllowed(host: "may-bien-tap:8080", listeningOn: "0.0.0.0", extraHosts: ["may-bien-tap"]))
        XCTAssertTrue(RequestRules.isAllowed(host: "192.168.1.5", listeningOn: "192.168.1.5", extraHosts: []))
    }

    func testInjection() {
        let tag = String(decoding: LiveReload.tag, as: UTF8.self)
        XCTAssertEqual(String(decoding: LiveReload.inject(into: Array("<p>x</p></BODY></html>".utf8)), as: UTF8.self),
                       "<p>x</p>\(tag)</BODY></html>")
        // The last </body>, not one quoted earlier in the page.
        XCTAssertEqual(String(decoding: LiveReload.inject(into: Array("<pre>&lt;/body></pre></body>".utf8)), as: UTF8.self),
                       "<pre>&lt;/body></pre>\(tag)</body>")
        XCTAssertEqual(String(decoding: LiveReload.inject(into: Array("<p>no end".utf8)), as: UTF8.self), "<p>no end\(tag)")
        XCTAssertEqual(String(decoding: LiveReload.inject(into: []), as: UTF8.self), tag)
    }

    func testEventFormat() {
        let problem = PreviewState.Problem(SourceError(path: "content/a.md", line: 3, message: "bad\ndate"))
        let text = LiveReload.format(.error(generation: 2, problems: [problem]), id: "x-2")
        XCTAssertTrue(text.hasPrefix("id: x-2\nevent: error\ndata: {"))
        XCTAssertEqual(text.components(separatedBy: "\n").count, 5, "one data line only: \(text)")
        XCTAssertTrue(text.hasSuffix("}\n\n"))
    }
}

final class FileWatcherTests: XCTestCase {
    final class Batches: @unchecked Sendable {
        private let lock = NSLock()
        private var batches: [FileWatcher.Batch] = []
        func add(_ batch: FileWatcher.Batch) { lock.withLock { batches.append(batch) } }
        var all: [FileWatcher.Batch] { lock.withLock { batches } }
        var files: Set<String> { all.reduce(into: []) { $0.formUnion($1.files) } }
        var folders: Set<String> { all.reduce(into: []) { $0.formUnion($1.folders) } }
        func clear() { lock.withLock { batches = [] } }
    }

    func exercise(polling: Double?) async throws {
        let site = try PreviewSite()
        let batches = Batches()
        let content = site.url("content").path
        let watcher = FileWatcher(folders: [site.url("content"), site.url("templates"), site.url("data")],
                                  files: [site.url("site.yml")], quietPeriod: 0.03, forcePolling: polling) { batches.add($0) }
        watcher.start()
        defer { watcher.stop() }
        if polling == nil { XCTAssertEqual(watcher.mode, .inotify) }

        try site.write(PreviewSite.articleFile, "changed")
        try await eventually { batches.files.contains(content + "/2023/08/lua-he-thu.md") }
        batches.clear()
        // Save by rename: the final name is reported; editor litter is not.
        try site.replace(PreviewSite.articleFile, "changed again")
        try site.write("content/2023/08/.lua-he-thu.md.swp", "vim")
        try await eventually { batches.files.contains(content + "/2023/08/lua-he-thu.md") }
        if polling == nil { XCTAssertFalse(batches.files.contains { $0.hasSuffix(".swp") }) }
        batches.clear()
        // A new folder with a file written into it at once: both are seen.
        try site.write("content/2025/05/moi.md", "new")
        try await eventually { batches.files.contains(content + "/2025/05/moi.md") }
        XCTAssertTrue(batches.folders.contains(content + "/2025") || batches.folders.contains(content + "/2025/05"))
        batches.clear()
        // Later files in that new folder are watched too.
        try site.write("content/2025/05/sau.md", "later")
        try await eventually { batches.files.contains(content + "/2025/05/sau.md") }
        batches.clear()
        // Deletions, data/ (which did not exist) and site.yml replaced by rename.
        try FileManager.default.removeItem(at: site.url("content/2025"))
        try await eventually { batches.folders.contains(content + "/2025") }
        try site.write("data/views.csv", "slug,views\n")
        try await eventually { batches.files.contains(site.url("data/views.csv").path) }
        try site.replace("site.yml", "title: x\n")
        try await eventually { batches.files.contains(site.url("site.yml").path) }
        // Nothing about unrelated files next to site.yml.
        batches.clear()
        try site.write("notes.txt", "not watched")
        try site.write("public/index.html", "output")
        try await Task.sleep(for: .milliseconds(polling.map { $0 * 2000 + 100 } ?? 150))
        XCTAssertTrue(batches.all.isEmpty, "\(batches.all)")
    }

    func testInotify() async throws {
        try await exercise(polling: nil)
    }

    func testPollingFallback() async throws {
        try await exercise(polling: 0.05)
    }

    func testBurstsAreCoalesced() async throws {
        let site = try PreviewSite()
        let batches = Batches()
        let watcher = FileWatcher(folders: [site.url("content")], files: [], quietPeriod: 0.05) { batches.add($0) }
        watcher.start()
        defer { watcher.stop() }
        for index in 0..<50 { try site.write("content/burst/\(index).md", "x") }
        try await eventually { batches.files.count == 50 }
        XCTAssertLessThanOrEqual(batches.all.count, 3, "\(batches.all.count) batches for one burst")
    }
}

final class IncrementalBuildTests: XCTestCase {
    /// Every file of a folder, by relative path.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
                  !path.hasPrefix(".sitegen") else { continue }
            files[path] = try Data(contentsOf: url)
        }
        return files
    }

    /// After each kind of change, the incremental build's output is byte for byte a full build's.
    func testSameOutputAsAFullBuild() throws {
        let site = try PreviewSite()
        let incremental = PreviewBuilds(project: site.project)
        let first = try incremental.build()
        XCTAssertEqual(first.reloaded, 3)
        func check(_ files: Set<String>?, folders: Set<String> = [], reloaded: Int? = nil, _ message: String) throws {
            let report = try incremental.build(files: files, folders: folders)
            if let reloaded { XCTAssertEqual(report.reloaded, reloaded, message) }
            let full = site.root.appendingPathComponent("full")
            try cleanBuild(of: site.project, into: full)
            let expected = try Self.tree(full)
            let actual = try Self.tree(site.output)
            XCTAssertEqual(Set(actual.keys), Set(expected.keys), message)
            for (path, data) in expected where actual[path] != data { XCTFail("\(message): \(path) differs") }
        }
        let article = site.url(PreviewSite.articleFile).path
        // Only the body: nothing but articles changed.
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(
            title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", views: 1534,
            body: "Thân bài mới, **đậm**.\n\nĐoạn hai."))
        try check([article], reloaded: 1, "body edit")
        XCTAssertEqual(try incremental.build(files: [article]).changes, ChangeSet(edited: [PreviewSite.articleFile.replacingOccurrences(of: "content/", with: "")]))
        try check([article], reloaded: 1, "same again")
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(title: "Tiêu đề mới", date: "2023-08-06", body: "Mới."))
        try check([article], reloaded: 1, "edit with a hint")
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(title: "Tiêu đề khác", date: "2023-08-06", tags: ["Y tế"]))
        try check(nil, reloaded: 1, "edit found by stamps")
        try site.write("content/2024/01/moi.md", PreviewSite.markdown(title: "Bài mới", date: "2024-01-02"))
        try check([site.url("content/2024/01/moi.md").path], folders: [site.url("content/2024").path], reloaded: 1, "new folder")
        try FileManager.default.removeItem(at: site.url("content/2022"))
        try check([], folders: [site.url("content/2022").path], reloaded: 0, "folder deleted")
        try FileManager.default.removeItem(at: site.url("content/2024/01/moi.md"))
        try check([site.url("content/2024/01/moi.md").path], reloaded: 0, "file deleted")
        try site.write("data/views.csv", "slug,views\nban-thuong-vu-tinh-uy-hop-thang-7,5\n")
        try check([site.url("data/views.csv").path], reloaded: 2, "views changed (every article enriched again)")
        try site.write("site.yml", "title: \"Khác\"\nbase_url: \"https://example.gov.vn/\"\nlanguage: vi\npage_size: 1\n")
        try check([site.url("site.yml").path], reloaded: 2, "settings changed (every article enriched again)")
        try site.write("templates/partials/footer.mustache", "<footer>chân trang mới</footer>\n")
        try check([site.url("templates/partials/footer.mustache").path], reloaded: 0, "template changed")
        try site.write(".hidden.md", "not content")
        try check([], reloaded: 0, "nothing changed")
    }

    func testErrorsAreReportedAndRecovered() throws {
        let site = try PreviewSite()
        let incremental = PreviewBuilds(project: site.project)
        _ = try incremental.build()
        let article = site.url(PreviewSite.articleFile).path
        try site.write(PreviewSite.articleFile, "---\ntitle: \"x\"\ndate: sai\n---\nx\n")
        try site.write("templates/list.mustache", "{{#broken}}")
        XCTAssertThrowsError(try incremental.build(files: [article, site.url("templates/list.mustache").path])) { error in
            let failure = error as? BuildFailure
            XCTAssertEqual(Set(failure?.errors.map(\.path) ?? []), ["content/2023/08/lua-he-thu.md", "templates/list.mustache"])
        }
        try FileManager.default.copyItem(at: PreviewSite.repositoryTemplates.appendingPathComponent("list.mustache"),
                                         to: site.url("templates/list.mustache.new"))
        XCTAssertEqual(rename(site.url("templates/list.mustache.new").path, site.url("templates/list.mustache").path), 0)
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(title: "Đã sửa", date: "2023-08-06"))
        let report = try incremental.build(files: [article, site.url("templates/list.mustache").path])
        XCTAssertEqual(report.articles, 3)
    }
}

final class Box: @unchecked Sendable {
    var data: Data?
}

final class PriorityBuildTests: XCTestCase {
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Set<String>] = []
        func add(_ value: Set<String>) { lock.withLock { values.append(value) } }
        var all: [Set<String>] { lock.withLock { values } }
    }

    func testChangedAndOpenPagesAreWrittenFirst() throws {
        let site = try PreviewSite()
        let builder = PreviewBuilds(project: site.project)
        _ = try builder.build()
        let article = site.url(PreviewSite.articleFile).path
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(
            title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", views: 1534, body: "AHEAD"))
        let calls = Calls()
        let report = try builder.build(files: [article], openPages: ["", "chu-de/"], onFirstPages: { pages in
            calls.add(pages)
            // Written before the rest of the build: the page is already on disk.
            XCTAssertTrue((try? site.read(output: PreviewSite.articlePath + "index.html"))?.contains("AHEAD") ?? false)
        })
        // The article's page first (its text alone changed), then the home page, which shows its
        // summary; the term index did not change.
        XCTAssertEqual(calls.all.first, [PreviewSite.articlePath])
        XCTAssertEqual(calls.all.reduce(into: Set<String>()) { $0.formUnion($1) }, [PreviewSite.articlePath, ""])
        XCTAssertEqual(Set(report.firstPages), [PreviewSite.articlePath, ""])
        XCTAssertNotNil(report.firstPagesSeconds)
        // Pages written ahead are exactly what a full build writes.
        try Self.assertSameAsFullBuild(site, pages: [PreviewSite.articlePath + "index.html", "index.html"])

        // Only the body beyond the lead paragraph: no list shows a change, only the article's page.
        let twoParagraphs = { (text: String) in PreviewSite.markdown(
            title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", views: 1534,
            body: "Đoạn mở đầu giữ nguyên.\n\n\(text)") }
        try site.write(PreviewSite.articleFile, twoParagraphs("Đoạn hai."))
        _ = try builder.build(files: [article], openPages: [""])
        try site.write(PreviewSite.articleFile, twoParagraphs("Đoạn hai, sửa lại: FAST-PATH."))
        let aheadBytes = Box()
        let fast = try builder.build(files: [article], openPages: ["", "chu-de/"], onFirstPages: { _ in
            aheadBytes.data = try? Data(contentsOf: site.output.appendingPathComponent(PreviewSite.articlePath + "index.html"))
        })
        XCTAssertTrue(fast.changes.onlyContent)
        XCTAssertEqual(fast.firstPages, [PreviewSite.articlePath])  // the home page did not change
        XCTAssertTrue(try site.read(output: PreviewSite.articlePath + "index.html").contains("FAST-PATH"))
        try Self.assertSameAsFullBuild(site, pages: [PreviewSite.articlePath + "index.html", "index.html", "chu-de/index.html"])
        // What was written ahead (before the rest of the build) is that page already.
        XCTAssertEqual(aheadBytes.data, try Data(contentsOf: site.output.appendingPathComponent(PreviewSite.articlePath + "index.html")))

        // Nothing ahead when templates change (everything does).
        try site.write("templates/partials/footer.mustache", "<footer>x</footer>\n")
        let template = try builder.build(files: [site.url("templates/partials/footer.mustache").path], openPages: [""])
        XCTAssertEqual(template.firstPages, [])
    }

    /// A save of the text alone is shown from the last finished build before anything else is
    /// read: here another article in the same save no longer reads, so the build fails, yet the
    /// edited page has its new text, and again at the next save. The build after the fix ends
    /// as a clean build does.
    func testAnEditOfTheTextAloneIsWrittenBeforeTheArchiveIsRead() throws {
        let site = try PreviewSite()
        let builder = PreviewBuilds(project: site.project)
        _ = try builder.build()
        let article = site.url(PreviewSite.articleFile).path
        let other = "content/2023/07/hop-tinh-uy.md"
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(
            title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", views: 1534,
            body: "Vụ hè thu năm nay đạt năng suất cao.\n\nĐoạn thêm: GIỐNG-LÚA-MỚI."))
        try site.write(other, "---\ntitle: \"Họp\"\ndate: không phải ngày\n---\nx\n")
        let calls = Calls()
        XCTAssertThrowsError(try builder.build(files: [article, site.url(other).path], onFirstPages: { calls.add($0) })) { error in
            XCTAssertEqual((error as? BuildFailure)?.errors.map(\.path), [other])
        }
        XCTAssertEqual(calls.all, [[PreviewSite.articlePath]])
        XCTAssertTrue(try site.read(output: PreviewSite.articlePath + "index.html").contains("GIỐNG-LÚA-MỚI"))
        // That build failed; the last finished one is still what the text is compared with.
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(
            title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", views: 1534,
            body: "Vụ hè thu năm nay đạt năng suất cao.\n\nĐoạn thêm: LẦN-HAI."))
        let again = Calls()
        XCTAssertThrowsError(try builder.build(files: [article], onFirstPages: { again.add($0) }))
        XCTAssertEqual(again.all, [[PreviewSite.articlePath]])
        XCTAssertTrue(try site.read(output: PreviewSite.articlePath + "index.html").contains("LẦN-HAI"))

        // A new title is not the text alone: nothing is written before the build has read everything.
        try site.write(other, PreviewSite.markdown(title: "Ban Thường vụ Tỉnh ủy họp tháng 7", date: "2023-07-31",
                                                   tags: ["Tỉnh ủy"], category: "Chính trị", views: 2198))
        _ = try builder.build(files: [site.url(other).path])
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(
            title: "Tên khác hẳn", date: "2023-08-05T07:00:00+07:00", views: 1534, body: "Vụ hè thu."))
        try site.write(other, "---\ntitle: \"Họp\"\ndate: không phải ngày\n---\nx\n")
        let renamed = Calls()
        XCTAssertThrowsError(try builder.build(files: [article, site.url(other).path], onFirstPages: { renamed.add($0) }))
        XCTAssertEqual(renamed.all, [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("2023/08/ten-khac-han/index.html").path))

        try site.write(other, PreviewSite.markdown(title: "Ban Thường vụ Tỉnh ủy họp tháng 7", date: "2023-07-31",
                                                   tags: ["Tỉnh ủy"], category: "Chính trị", views: 2198))
        _ = try builder.build(files: [site.url(other).path])
        try Self.assertWholeOutputSameAsCleanBuild(site)
    }

    /// A new article's page is shown from the last finished build before anything else is read:
    /// here the scan then finds a file that no longer reads, so the build fails, yet the new page
    /// is there, and it is byte for byte the page the build after the fix writes. Newest and in
    /// the middle of the archive (its neighbours and month change places); not with a new tag.
    func testANewArticleIsWrittenBeforeTheArchiveIsRead() throws {
        let site = try PreviewSite()
        let builder = PreviewBuilds(project: site.project)
        _ = try builder.build()
        let broken = "content/2021/05/hong.md"
        let newArticles = [
            ("content/2023/09/mua.md", "Mưa đầu mùa ở Lam Giang", "2023-09-02", "2023/09/mua-dau-mua-o-lam-giang/"),
            ("content/2023/07/giua.md", "Lam Giang làm đường liên xã", "2023-07-15", "2023/07/lam-giang-lam-duong-lien-xa/"),
        ]
        for (file, title, date, page) in newArticles {
            try site.write(broken, "---\ntitle: \"Hỏng\"\ndate: không phải ngày\n---\nx\n")
            try site.write(file, PreviewSite.markdown(title: title, date: date, views: 900, body: "Bài mới: \(title)."))
            let calls = Calls()
            let ahead = Box()
            XCTAssertThrowsError(try builder.build(files: [site.url(file).path], onFirstPages: { pages in
                calls.add(pages)
                ahead.data = try? Data(contentsOf: site.output.appendingPathComponent(page + "index.html"))
            })) { error in
                XCTAssertEqual((error as? BuildFailure)?.errors.map(\.path), [broken])
            }
            XCTAssertEqual(calls.all, [[page]], title)
            XCTAssertTrue(try site.read(output: page + "index.html").contains("Bài mới: \(title)."))
            try FileManager.default.removeItem(at: site.url(broken))
            _ = try builder.build(files: [site.url(broken).path])
            XCTAssertEqual(ahead.data, try Data(contentsOf: site.output.appendingPathComponent(page + "index.html")), title)
            try Self.assertWholeOutputSameAsCleanBuild(site)
        }

        // A tag the site does not have changes the tag index and every term's place: left to the build.
        try site.write(broken, "---\ntitle: \"Hỏng\"\ndate: không phải ngày\n---\nx\n")
        try site.write("content/2023/10/thuy-loi.md", PreviewSite.markdown(
            title: "Kênh mới cho đồng Lam Giang", date: "2023-10-01", tags: ["Thủy lợi"], body: "Kênh mới."))
        let calls = Calls()
        XCTAssertThrowsError(try builder.build(files: [site.url("content/2023/10/thuy-loi.md").path], onFirstPages: { calls.add($0) }))
        XCTAssertEqual(calls.all, [])
    }

    /// A new article's page ahead is made with the "Tin khác" terms of the last build: kept from
    /// the build before it when only a body changed, made again when a title did. Terms kept
    /// across the retitling would rank the retitled article by its old title in the new list.
    func testANewArticleAfterARetitlingListsTheArticleByItsNewTitle() throws {
        let site = try PreviewSite()
        let builder = PreviewBuilds(project: site.project)
        _ = try builder.build()
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(
            title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", views: 1534,
            body: "Vụ hè thu năm nay đạt năng suất cao.\n\nĐoạn thứ hai được thêm vào."))
        _ = try builder.build(files: [site.url(PreviewSite.articleFile).path])
        let retitled = "content/2022/01/giao-duc.md"
        try site.write(retitled, PreviewSite.markdown(title: "Mưa đá phủ trắng đồng ruộng Ia Krông", date: "2022-01-10",
                                                       tags: ["Giáo dục"], category: "Xã hội", views: 700))
        _ = try builder.build(files: [site.url(retitled).path])

        let file = "content/2023/09/mua-da.md", page = "2023/09/mua-da-lai-phu-trang-dong-ruong/index.html"
        try site.write(file, PreviewSite.markdown(title: "Mưa đá lại phủ trắng đồng ruộng", date: "2023-09-02"))
        let ahead = Box()
        _ = try builder.build(files: [site.url(file).path], onFirstPages: { _ in
            if ahead.data == nil { ahead.data = try? Data(contentsOf: site.output.appendingPathComponent(page)) }
        })
        let final = try Data(contentsOf: site.output.appendingPathComponent(page))
        XCTAssertEqual(ahead.data, final)
        let html = String(decoding: final, as: UTF8.self)
        let related = try XCTUnwrap(html.range(of: "Tin khác").map { html[$0.upperBound...] })
        let first = try XCTUnwrap(related.range(of: "Mưa đá phủ trắng đồng ruộng Ia Krông")?.lowerBound)
        XCTAssertLessThan(first, try XCTUnwrap(related.range(of: "Nông dân Lam Giang thu hoạch lúa hè thu")?.lowerBound),
                          "the retitled article shares the new one's title words: first in its list")
        try Self.assertWholeOutputSameAsCleanBuild(site)
    }

    /// Every file of the preview's output is byte for byte what a clean build writes.
    static func assertWholeOutputSameAsCleanBuild(_ site: PreviewSite, file: StaticString = #filePath, line: UInt = #line) throws {
        let full = site.root.appendingPathComponent("full-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: full) }
        try cleanBuild(of: site.project, into: full)
        let expected = try IncrementalBuildTests.tree(full)
        let actual = try IncrementalBuildTests.tree(site.output)
        XCTAssertEqual(Set(actual.keys), Set(expected.keys), file: file, line: line)
        for (path, data) in expected where actual[path] != data { XCTFail("\(path) differs", file: file, line: line) }
    }

    static func assertSameAsFullBuild(_ site: PreviewSite, pages: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let full = site.root.appendingPathComponent("full-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: full) }
        try cleanBuild(of: site.project, into: full)
        for page in pages {
            XCTAssertEqual(try Data(contentsOf: site.output.appendingPathComponent(page)), try Data(contentsOf: full.appendingPathComponent(page)),
                           page, file: file, line: line)
        }
    }

    func testCancelledBuildIsCompletedByTheNextOne() throws {
        let site = try PreviewSite()
        let builder = PreviewBuilds(project: site.project)
        _ = try builder.build()
        let article = site.url(PreviewSite.articleFile).path
        // A new title moves the page; the build is given up after writing it ahead.
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(title: "Tên mới hẳn", date: "2023-08-05T07:00:00+07:00"))
        XCTAssertThrowsError(try builder.build(files: [article], shouldCancel: { true })) { error in
            XCTAssertTrue(error is SiteBuilder.Cancelled)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("2023/08/ten-moi-han/index.html").path))
        // Back to the old title before anything else finished: the page written ahead must go.
        try site.write(PreviewSite.articleFile, PreviewSite.markdown(
            title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", views: 1534, body: "Lại."))
        _ = try builder.build(files: [article])
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("2023/08/ten-moi-han/index.html").path))
        try Self.assertWholeOutputSameAsCleanBuild(site)
    }
}

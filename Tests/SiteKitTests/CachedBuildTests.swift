import XCTest
@testable import SiteKit

/// The fast paths (build cache, pages not rendered again, nothing-changed rebuilds) must give
/// exactly the bytes of a clean build, after every kind of change an editor makes.
final class CachedBuildTests: XCTestCase {
    func files() -> [String: String] {
        var files = WholeSiteTests.sampleFiles()
        for day in 1...6 {
            files["content/2024/03/bai-\(day).md"] = TestSite.markdown(
                title: "Bản tin nông nghiệp số \(day)", date: "2024-03-0\(day)", tags: day % 2 == 0 ? ["Nông nghiệp"] : ["Y tế"],
                categories: ["Kinh tế"], author: "Nguyễn Thu Hà", views: 100 * day, body: "Đoạn \(day) về mùa vụ.")
        }
        return files
    }

    /// Applies `change` to a site built before (with its cache) and to a fresh copy built
    /// clean, and compares every output byte.
    /// `changes` is what the cached build must have found changed (from its scan alone).
    func assertCachedBuildMatchesClean(_ name: String, renderedFewer: Bool = true, changes: ChangeSet, file: StaticString = #filePath,
                                       line: UInt = #line, _ change: (TestSite) throws -> Void) throws {
        let cached = try TestSite(files: files())
        try cached.build()
        try change(cached)
        let report = try cached.build()
        XCTAssertEqual(report.changes, changes, name, file: file, line: line)

        let clean = try TestSite(files: files())
        try change(clean)
        try clean.build(cache: false)
        let cachedFiles = try cached.snapshot(), cleanFiles = try clean.snapshot()
        XCTAssertEqual(Set(cachedFiles.keys), Set(cleanFiles.keys), name, file: file, line: line)
        for (path, bytes) in cleanFiles where cachedFiles[path] != bytes {
            XCTFail("\(name): \(path) differs from a clean build", file: file, line: line)
        }
        XCTAssertLessThan(report.write.written, cachedFiles.count, "\(name): a change rewrites only what it touches", file: file, line: line)
        if renderedFewer {
            XCTAssertLessThan(report.rendered, report.pages / 2, "\(name): unchanged pages are not rendered again", file: file, line: line)
            XCTAssertLessThan(report.signed, report.pages / 2, "\(name): pages made of what they were are not signed again", file: file, line: line)
        }
        try assertKeptSignaturesAreSigned(cached, name, file: file, line: line)
    }

    /// Every signature the cached build kept for a page without signing it (`SignatureMemo`, by
    /// the page's input key) is the one signing that page now gives: no input of a page is missed.
    func assertKeptSignaturesAreSigned(_ site: TestSite, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var loaded = try site.load()
        loaded.site.images = try SiteImages.make(for: loaded.site, project: site.project, useCache: true)
        let options = SiteBuilder.Options(publish: PublishOptions(now: TestSite.now))
        let settings = try InputScan(project: site.project, options: options).pageSettings
        let pages = PagePlanner.plan(loaded.site)
        let signed = PageSignatures(site: loaded.site, theme: loaded.theme, settings: settings).of(pages)
        let state = try XCTUnwrap(BuildCache(project: site.project).readState(), name, file: file, line: line)
        XCTAssertEqual(state.signatures.count, pages.count, name, file: file, line: line)
        for (page, signature) in zip(pages, signed) where state.signatures[SignatureMemo.fileKey(page.outputFile)] != signature {
            XCTFail("\(name): the signature kept for \(page.outputFile) is not the one its page has now", file: file, line: line)
        }
    }

    func testEditedArticle() throws {
        try assertCachedBuildMatchesClean("edit", changes: ChangeSet(edited: ["2024/03/bai-3.md"])) { site in
            try site.write("content/2024/03/bai-3.md", TestSite.markdown(
                title: "Bản tin nông nghiệp số 3", date: "2024-03-03", tags: ["Y tế"], categories: ["Kinh tế"],
                author: "Nguyễn Thu Hà", views: 300, body: "Đoạn 3 về mùa vụ.\n\nMột đoạn mới thêm vào cuối bài."))
        }
    }

    func testEditedTitleReachesEveryList() throws {
        try assertCachedBuildMatchesClean("title", renderedFewer: false, changes: ChangeSet(edited: ["2024/03/bai-4.md"])) { site in
            try site.write("content/2024/03/bai-4.md", TestSite.markdown(
                title: "Tiêu đề mới hẳn", date: "2024-03-04", tags: ["Nông nghiệp"], categories: ["Kinh tế"], views: 400))
        }
    }

    func testAddedArticle() throws {
        try assertCachedBuildMatchesClean("add", renderedFewer: false, changes: ChangeSet(added: ["2024/04/moi.md"])) { site in
            try site.write("content/2024/04/moi.md", TestSite.markdown(title: "Bài mới", date: "2024-04-01", tags: ["Nông nghiệp"], views: 5))
        }
    }

    func testDeletedArticle() throws {
        try assertCachedBuildMatchesClean("delete", renderedFewer: false, changes: ChangeSet(deleted: ["2024/03/bai-2.md"])) { site in try site.remove("content/2024/03/bai-2.md") }
    }

    func testRenamedArticle() throws {
        try assertCachedBuildMatchesClean("rename", renderedFewer: false,
                                          changes: ChangeSet(added: ["2024/03/bai-nam.md"], deleted: ["2024/03/bai-5.md"])) { site in
            let text = try String(contentsOf: site.root.appendingPathComponent("content/2024/03/bai-5.md"), encoding: .utf8)
            try site.remove("content/2024/03/bai-5.md")
            try site.write("content/2024/03/bai-nam.md", text)
        }
    }

    func testTagChanged() throws {
        try assertCachedBuildMatchesClean("tag", renderedFewer: false, changes: ChangeSet(edited: ["2024/03/bai-1.md"])) { site in
            try site.write("content/2024/03/bai-1.md", TestSite.markdown(
                title: "Bản tin nông nghiệp số 1", date: "2024-03-01", tags: ["Giáo dục", "Kênh Bắc Lam"], categories: ["Xã hội"],
                author: "Nguyễn Thu Hà", views: 100, body: "Đoạn 1 về mùa vụ."))
        }
    }

    func testTemplateChanged() throws {
        try assertCachedBuildMatchesClean("template", renderedFewer: false, changes: ChangeSet(templates: true)) { site in
            let path = site.root.appendingPathComponent("templates/partials/footer.mustache")
            let text = try String(contentsOf: path, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "</footer>", with: "<p>Bản quyền tỉnh Lam Giang</p></footer>").utf8).write(to: path)
        }
    }

    func testSettingsChanged() throws {
        try assertCachedBuildMatchesClean("site.yml", renderedFewer: false, changes: ChangeSet(settings: true, everything: true)) { site in
            try site.write("site.yml", TestSite.defaultSiteYML.replacingOccurrences(of: "page_size: 2", with: "page_size: 3")
                + "\ntitle_suffix: x\n")
        }
    }

    func testViewsFileChanged() throws {
        try assertCachedBuildMatchesClean("views", renderedFewer: false, changes: ChangeSet(data: true, everything: true)) { site in
            try site.write("data/views.csv", "slug,views\nban-tin-nong-nghiep-so-1,99999\n")
        }
    }

    func testNothingChangedWritesNothing() throws {
        let site = try TestSite(files: files())
        let first = try site.build()
        let before = try site.snapshot()
        let again = try site.build()
        XCTAssertEqual(again.write.written, 0)
        XCTAssertEqual(again.write.unchanged, before.count - 1)  // all but the manifest
        XCTAssertEqual(again.articles, first.articles)
        XCTAssertEqual(again.timings.map(\.stage), ["scan", "outputs"], "a no-op rebuild only looks at the inputs and the outputs")
        XCTAssertEqual(try site.snapshot(), before)
    }

    func testADeletedOutputFileIsWrittenAgain() throws {
        let site = try TestSite(files: files())
        try site.build()
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("chu-de/y-te/index.html"))
        let report = try site.build()
        XCTAssertEqual(report.write.written, 1)
        XCTAssertTrue(site.exists("chu-de/y-te/index.html"))
    }

    /// The search index keeps the files of segments that did not change as the build found them
    /// (checked once, with every file of the last build): one deleted or changed by hand comes
    /// back as a clean build writes it when the index is made again.
    func testASearchFileChangedByHandIsWrittenAgain() throws {
        let site = try TestSite(files: files())
        try site.build()
        let searchFiles = try site.snapshot().keys.filter { $0.hasPrefix("tim-kiem/s/") }.sorted()
        XCTAssertGreaterThan(searchFiles.count, 1)
        try FileManager.default.removeItem(at: site.output.appendingPathComponent(searchFiles[0]))
        try Data("sửa tay".utf8).write(to: site.output.appendingPathComponent(searchFiles[searchFiles.count - 1]))
        let edit = TestSite.markdown(title: "Bản tin nông nghiệp số 2", date: "2024-03-02", tags: ["Nông nghiệp"], categories: ["Kinh tế"],
                                     author: "Nguyễn Thu Hà", views: 200, body: "Đoạn 2 về mùa vụ, thêm một câu về giống lúa mới.")
        try site.write("content/2024/03/bai-2.md", edit)
        try site.build()
        let clean = try TestSite(files: files())
        try clean.write("content/2024/03/bai-2.md", edit)
        try clean.build(cache: false)
        XCTAssertEqual(try site.snapshot(), try clean.snapshot())
    }

    /// An output file changed by hand (another size), or replaced by a folder, is written again
    /// by the next build, whether or not anything else changed.
    func testAnOutputFileChangedByHandIsWrittenAgain() throws {
        let site = try TestSite(files: files())
        try site.build()
        let page = try site.page("chu-de/y-te/index.html")
        try Data("sửa tay".utf8).write(to: site.output.appendingPathComponent("chu-de/y-te/index.html"))
        XCTAssertEqual(try site.build().write.written, 1)
        XCTAssertEqual(try site.page("chu-de/y-te/index.html"), page)

        let article = try site.page("2024/03/ban-tin-nong-nghiep-so-1/index.html")
        try Data((article + "<!-- thêm -->").utf8).write(to: site.output.appendingPathComponent("2024/03/ban-tin-nong-nghiep-so-1/index.html"))
        try site.write("content/2024/03/bai-6.md", TestSite.markdown(title: "Bản tin nông nghiệp số 6", date: "2024-03-06",
                                                                   tags: ["Nông nghiệp"], categories: ["Kinh tế"], author: "Nguyễn Thu Hà",
                                                                   views: 600, body: "Đoạn 6 về mùa vụ, sửa lại."))
        try site.build()
        XCTAssertEqual(try site.page("2024/03/ban-tin-nong-nghiep-so-1/index.html"), article)
    }

    /// A cached build checks its output paths only when they differ from those of the last build
    /// that passed (`OutputPlan.digest`): a conflict added after cached builds fails exactly as a
    /// clean build does, writes nothing, and fails again until it is fixed.
    func testAConflictAddedAfterACachedBuildFailsAsACleanBuildDoes() throws {
        let conflicting = TestSite.markdown(title: "Bài chiếm trang chủ đề", date: "2024-03-07", extra: "aliases: [\"/chu-de/y-te/\"]")
        func errors(_ site: TestSite, cache: Bool) -> [String] {
            do {
                try site.build(cache: cache)
                return []
            } catch let failure as BuildFailure {
                return failure.errors.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        let site = try TestSite(files: files())
        try site.build()
        // A cached build with the same paths: they are compared, not checked again.
        try site.write("content/2024/03/bai-6.md", TestSite.markdown(title: "Bản tin nông nghiệp số 6", date: "2024-03-06",
                                                                   body: "Đoạn 6, sửa lại."))
        XCTAssertGreaterThan(try site.build().rendered, 0)
        let before = try site.snapshot()
        try site.write("content/2024/03/chiem.md", conflicting)

        let clean = try TestSite(files: files())
        try clean.write("content/2024/03/bai-6.md", TestSite.markdown(title: "Bản tin nông nghiệp số 6", date: "2024-03-06",
                                                                    body: "Đoạn 6, sửa lại."))
        try clean.write("content/2024/03/chiem.md", conflicting)
        let expected = errors(clean, cache: false)
        XCTAssertEqual(expected.count, 1)
        XCTAssertTrue(expected.first?.contains("both want the file 'chu-de/y-te/index.html'") ?? false, "\(expected)")

        XCTAssertEqual(errors(site, cache: true), expected)
        XCTAssertEqual(try site.snapshot(), before)
        XCTAssertEqual(errors(site, cache: true), expected, "a failed build leaves no record that its paths passed")
        try site.remove("content/2024/03/chiem.md")
        XCTAssertEqual(errors(site, cache: true), [])
    }

    func testAFutureArticleAppearsWhenItComesDue() throws {
        var files = files()
        files["content/2026/02/hen-gio.md"] = TestSite.markdown(title: "Bài hẹn giờ tháng hai", date: "2026-02-01", tags: ["Y tế"])
        let site = try TestSite(files: files)
        try site.build()
        XCTAssertFalse(site.exists("2026/02/bai-hen-gio-thang-hai/index.html"))
        let later = DateParsing(timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!).date(year: 2026, month: 3, day: 1)!
        try site.build(now: later)
        XCTAssertTrue(site.exists("2026/02/bai-hen-gio-thang-hai/index.html"))
    }

    func testADamagedCacheIsIgnored() throws {
        let site = try TestSite(files: files())
        try site.build()
        let cache = site.root.appendingPathComponent(".sitegen-cache")
        try Data("hỏng".utf8).write(to: cache.appendingPathComponent("state"))
        // Article shards cut short, as a full disk or a crash would leave them: bodies run off the end.
        let shards = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("articles-") }
        XCTAssertFalse(shards.isEmpty)
        for name in shards {
            let url = cache.appendingPathComponent(name)
            let bytes = try Data(contentsOf: url)
            try bytes.prefix(bytes.count * 2 / 3).write(to: url)
        }
        try site.write("content/2024/03/bai-6.md", TestSite.markdown(title: "Số sáu sửa", date: "2024-03-06"))
        let clean = try TestSite(files: files())
        try clean.write("content/2024/03/bai-6.md", TestSite.markdown(title: "Số sáu sửa", date: "2024-03-06"))
        try site.build()
        try clean.build(cache: false)
        XCTAssertEqual(try site.snapshot(), try clean.snapshot())
    }

    /// An edit rewrites the cache shard that holds the file, with every other article of that
    /// shard still in it (the build copies only the dirty shards' articles), and no other shard.
    func testAnEditRewritesOnlyItsCacheShardAndKeepsTheRestOfIt() throws {
        let site = try TestSite(files: files())
        try site.build()
        let cache = BuildCache(project: site.project)
        let settings = try InputScan(project: site.project, options: SiteBuilder.Options()).enrichSettings
        let before = cache.readArticles(settings: settings)
        XCTAssertGreaterThan(before.count, 6)
        func shardBytes() throws -> [String: Data] {
            let names = try FileManager.default.contentsOfDirectory(atPath: cache.folder.path).filter { $0.hasPrefix("articles-") }
            return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: cache.folder.appendingPathComponent($0))) })
        }
        let shardsBefore = try shardBytes()
        let edited = "2024/03/bai-3.md"
        try site.write("content/" + edited, TestSite.markdown(title: "Bản tin nông nghiệp số 3", date: "2024-03-03", body: "Đoạn mới hẳn."))
        XCTAssertEqual(try site.build().reloaded, 1)

        let shardsAfter = try shardBytes()
        XCTAssertEqual(Set(shardsAfter.keys), Set(shardsBefore.keys))
        XCTAssertEqual(Set(shardsAfter.keys.filter { shardsAfter[$0] != shardsBefore[$0] }), ["articles-\(BuildCache.shard(of: edited))"])
        let after = cache.readArticles(settings: settings)
        XCTAssertEqual(Set(after.paths), Set(before.paths))
        XCTAssertEqual(after.article(at: edited)?.title, "Bản tin nông nghiệp số 3")
        XCTAssertTrue(after.article(at: edited)?.body.html.contains("Đoạn mới hẳn.") ?? false)
        // Every other article is still cached: the next edit, elsewhere, reads one file again.
        let others = before.paths.filter { $0 != edited && $0.hasSuffix(".md") }
        let other = try XCTUnwrap(others.first { BuildCache.shard(of: $0) == BuildCache.shard(of: edited) } ?? others.first)
        try site.write("content/" + other, TestSite.markdown(title: "Một bài sửa lần nữa", date: "2024-02-01"))
        XCTAssertEqual(try site.build().reloaded, 1)
    }

    /// An edit rewrites its whole shard, so no shard may hold many times its share: numbered file
    /// names (a legacy archive's ids) fell in a few shards when the low bits of the path's hash
    /// came from its last bytes alone ("bai-000010.txt": 3,500 such files in 4 of 64 shards).
    func testArticleShardsAreEvenForNumberedFileNames() {
        let archives = [
            (0..<3500).map { String(format: "legacy/bai-%06d.txt", $0 * 10) },
            (0..<5000).map { "\(21_459_320 + $0 * 37).txt" },
            (0..<5000).map { String(format: "2019/%02d/bai-%d.md", $0 % 12 + 1, $0) },
        ]
        for paths in archives {
            var counts = [Int](repeating: 0, count: BuildCache.articleShards)
            for path in paths { counts[BuildCache.shard(of: path)] += 1 }
            let share = Double(paths.count) / Double(BuildCache.articleShards)
            XCTAssertGreaterThan(Double(counts.min()!), share / 2, "\(paths[0]): \(counts)")
            XCTAssertLessThan(Double(counts.max()!), share * 1.5, "\(paths[0]): \(counts)")
        }
    }

    /// A body is kept in its shard's body file and read from there, checked against its hash;
    /// the article read back has the fingerprint of the article as it was written.
    func testACachedBodyReadsBackAsWritten() throws {
        let html = "<p>Người dân xã Tân Phú đón <strong>mùa lúa</strong> mới.</p>\n"
        let other = "<p>Đường liên xã đã thông xe.</p>"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-bodies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bodies-0")
        try Data((other + html).utf8).write(to: file)
        let start = other.utf8.count, end = start + html.utf8.count
        let article = Article(sourcePath: "2024/03/lua.md", format: .markdown, title: "Mùa lúa mới ở Tân Phú", slug: "mua-lua-moi",
                              date: Date(timeIntervalSince1970: 1_709_251_200), authors: ["Minh Anh"], views: 12, tags: ["Nông nghiệp"],
                              categories: ["Kinh tế"], summary: "Người dân đón mùa lúa mới.", aliases: [], image: nil, isDraft: false,
                              weight: 0, wordCount: 9, readingMinutes: 1, body: ArticleBody(html: html), params: [:],
                              provenance: ["date": .frontMatter(line: 3)])
        var writer = BinaryWriter()
        for range in [start..<end, 0..<start, start..<(end + 1)] {
            writer.enriched(Enricher.Result(article: article, warnings: []), bodyAt: range)
        }
        writer.string("sau")
        let damaged = DamagedFiles()
        let bodies = try XCTUnwrap(BodyFile(path: file.path, name: "bodies-0", damaged: damaged))
        var reader = BinaryReader(writer.bytes)
        let read = try reader.enriched(bodies: bodies).article
        XCTAssertEqual(read.body.html, html)
        XCTAssertEqual(read.body.hash, ContentHash.of(html))
        XCTAssertEqual(read.title, article.title)
        XCTAssertEqual(read.fingerprint, BinaryWriter.fingerprint(of: article))
        XCTAssertFalse(damaged.lostABody)
        // Bytes that are not the body's (another body, or the file changed): read as nothing, and
        // the loss is noted, so the build does not keep what it made of it.
        let wrong = try reader.enriched(bodies: bodies).article.body
        XCTAssertEqual(wrong.html, "")
        XCTAssertNil(wrong.withUTF8 { $0.count })
        XCTAssertTrue(damaged.lostABody)
        XCTAssertEqual(damaged.names, ["bodies-0"])
        // A place past the end of the file: an error, never a read past it.
        XCTAssertThrowsError(try reader.enriched(bodies: bodies))
        // Cut inside the reference: an error too.
        var cut = BinaryReader(Array(writer.bytes.prefix(12)))
        XCTAssertThrowsError(try cut.enriched(bodies: bodies))
    }

    /// A body file changed under the cache (by hand, or a disk): the build that reads a body from
    /// it writes nothing made of it, does the build again without the cache, says which file, and
    /// the next build finds the cache healed.
    func testADamagedBodyFileIsNoticedAndTheBuildIsDoneAgain() throws {
        let site = try TestSite(files: files())
        try site.build()
        let cache = site.root.appendingPathComponent(".sitegen-cache")
        let name = "bodies-\(BuildCache.shard(of: "2024/03/bai-2.md"))"
        let url = cache.appendingPathComponent(name)
        var bytes = try Data(contentsOf: url)
        XCTAssertFalse(bytes.isEmpty)
        for index in bytes.indices { bytes[index] = bytes[index] == UInt8(ascii: "a") ? UInt8(ascii: "o") : bytes[index] }
        try bytes.write(to: url)
        // Every page rendered again, so every body is read.
        let footer = site.root.appendingPathComponent("templates/partials/footer.mustache")
        let text = try String(contentsOf: footer, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "</footer>", with: "<p>Bản quyền tỉnh Lam Giang</p></footer>").utf8).write(to: footer)
        let report = try site.build()
        XCTAssertTrue(report.warnings.contains { $0.path == ".sitegen-cache/" + name && $0.message.contains("damaged") }, "\(report.warnings)")

        let clean = try TestSite(files: files())
        try Data(text.replacingOccurrences(of: "</footer>", with: "<p>Bản quyền tỉnh Lam Giang</p></footer>").utf8)
            .write(to: clean.root.appendingPathComponent("templates/partials/footer.mustache"))
        try clean.build(cache: false)
        XCTAssertEqual(try site.snapshot(), try clean.snapshot())
        XCTAssertTrue(try site.page("2024/03/ban-tin-nong-nghiep-so-2/index.html").contains("Đoạn 2 về mùa vụ."))

        try site.write("content/2024/03/bai-2.md", TestSite.markdown(title: "Bản tin nông nghiệp số 2", date: "2024-03-02", body: "Đoạn mới."))
        try site.write("templates/partials/footer.mustache", text)
        let healed = try site.build()
        XCTAssertEqual(healed.warnings.filter { $0.path.hasPrefix(".sitegen-cache") }, [])
        XCTAssertLessThan(healed.reloaded, healed.articles, "the healed cache is read again")
    }
}

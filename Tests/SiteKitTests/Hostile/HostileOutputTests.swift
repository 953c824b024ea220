import Foundation
import XCTest
@testable import SiteKit

/// Issue 16, items 8–12: nothing outside what we wrote is deleted or overwritten, and a failed
/// or killed build leaves `public/` the old site or the new one.
final class HostileOutputTests: XCTestCase {
    static let article = TestSite.markdown(title: "Hội nghị Ban Chấp hành", date: "2023-08-01", tags: ["Tỉnh ủy"])

    func withAliases(_ aliases: String) -> String {
        TestSite.markdown(title: "Bí danh", date: "2023-08-02", extra: "aliases: \(aliases)")
    }

    // 8. An alias with a newline could add a line to the manifest; the next build then deleted
    //    the host's verification file, or through a symbolic link files outside the output folder.

    func testAnAliasWithANewlineIsRefusedAndTheManifestCannotBeInjected() throws {
        let site = try TestSite(files: ["content/a.md": Self.article,
                                        "content/b.md": withAliases("[\"/old.html\\n0 0 google1234.html\"]")])
        let errors = site.buildErrors()
        XCTAssertEqual(errors.map(\.path), ["content/b.md"])
        XCTAssertEqual(errors.first?.line, 4)
        XCTAssertTrue(errors.first?.message.contains("control character") ?? false, "\(errors)")
        // Even a manifest that does hold such a path keeps it as one line.
        let manifest = Manifest(entries: ["old.html\n0 0 google1234.html": .init(hash: 1, size: 2), "a b%.html": .init(hash: 3, size: 4)])
        let parsed = Manifest.parse(manifest.serialized())
        XCTAssertEqual(parsed, manifest)
        XCTAssertNil(parsed.entries["google1234.html"])
    }

    func testOnlyFilesWeWroteAreDeletedAndNeverThroughASymbolicLink() throws {
        let site = try TestSite(files: ["content/a.md": Self.article])
        try site.build()
        // The host's verification file, and a folder linked in from outside.
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-media-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("photo".utf8).write(to: outside.appendingPathComponent("x.jpg"))
        try Data("google-site-verification".utf8).write(to: site.output.appendingPathComponent("google1234.html"))
        XCTAssertEqual(symlink(outside.path, site.output.appendingPathComponent("media").path), 0)
        // A manifest (as a first-format one could have been injected) that lists them as ours.
        var manifest = Manifest.read(from: site.output)
        manifest.entries["google1234.html"] = .init(hash: 0, size: 0)
        manifest.entries["media/x.jpg"] = .init(hash: 0, size: 5)
        try Data(manifest.serialized()).write(to: site.output.appendingPathComponent(Manifest.fileName))
        try site.write("content/a.md", Self.article + "\nSửa.")
        try site.build()
        XCTAssertEqual(try String(contentsOf: site.output.appendingPathComponent("google1234.html"), encoding: .utf8), "google-site-verification")
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.appendingPathComponent("x.jpg").path))
        XCTAssertNil(Manifest.read(from: site.output).entries["media/x.jpg"])
    }

    func testAPageIsNeverWrittenThroughASymbolicLinkInTheOutput() throws {
        let site = try TestSite(files: ["content/a.md": Self.article])
        try site.build()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-media-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("chu-de"))
        XCTAssertEqual(symlink(outside.path, site.output.appendingPathComponent("chu-de").path), 0)
        XCTAssertThrowsError(try site.build())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), [])
    }

    // 9. The same trick added rules to `_redirects`; a space broke its format.

    func testAliasesWithSpacesOrControlCharactersNeverReachRedirects() throws {
        for alias in ["\"/a\\n/* /luu-tru/x 200\"", "\"/tin tuc/1.html\"", "\"/tab\\there.html\"", "\"/del\\u007F.html\""] {
            let site = try TestSite(files: ["content/a.md": Self.article, "content/b.md": withAliases("[\(alias)]")])
            let found = site.buildErrors()
            XCTAssertEqual(found.map(\.path), ["content/b.md"], alias)
            XCTAssertFalse(site.exists("_redirects"), alias)
        }
        let site = try TestSite(files: ["content/a.md": Self.article, "content/b.md": withAliases("[\"/tin-tuc/1.html\"]")])
        try site.build()
        let lines = try site.page("_redirects").split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(lines.first?.split(separator: " ").count, 3)
    }

    // 10. An output folder is ours or refused.

    func testAnOutputFolderThatIsNotOursIsRefused() throws {
        let site = try TestSite(files: ["content/a.md": Self.article])
        let other = site.root.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("<h1>the host's page</h1>".utf8).write(to: other.appendingPathComponent("index.html"))
        let builder = SiteBuilder(project: Project(root: site.root, output: other), options: .init(publish: PublishOptions(now: TestSite.now)))
        XCTAssertThrowsError(try builder.build()) { error in
            XCTAssertTrue("\(error)".contains("did not write"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: other.appendingPathComponent("index.html"), encoding: .utf8), "<h1>the host's page</h1>")
        // New, empty (but for hidden files) and earlier outputs are fine.
        for folder in ["fresh/public", "empty"] {
            let url = site.root.appendingPathComponent(folder)
            if folder == "empty" {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                try Data().write(to: url.appendingPathComponent(".gitkeep"))
            }
            let project = Project(root: site.root, output: url)
            try SiteBuilder(project: project, options: .init(publish: PublishOptions(now: TestSite.now))).build()
            try SiteBuilder(project: project, options: .init(publish: PublishOptions(now: TestSite.now))).build()
        }
    }

    func testAnOutputPathThroughASymbolicLinkIntoContentIsRefused() throws {
        let site = try TestSite(files: ["content/a.md": Self.article])
        XCTAssertEqual(symlink(site.root.appendingPathComponent("content").path, site.root.appendingPathComponent("link").path), 0)
        let output = site.root.appendingPathComponent("link/not-yet/public")
        let builder = SiteBuilder(project: Project(root: site.root, output: output), options: .init(publish: PublishOptions(now: TestSite.now)))
        XCTAssertThrowsError(try builder.build()) { error in
            XCTAssertTrue("\(error)".contains("inside"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/not-yet").path))
    }

    // 11. Paths the writer cannot write are refused before the first write, naming the file.

    /// Each name of a path is judged by its bytes, in every folder of it, not only the last.
    func testEachNameOfAPathIsJudgedByItsBytes() {
        let vietnamese = String(repeating: "ế", count: 80)  // 80 Characters, 240 bytes
        XCTAssertNil(OutputPlan.problem(with: "2023/08/\(vietnamese)/index.html"))
        XCTAssertEqual(OutputPlan.problem(with: "2023/\(vietnamese)ếế/index.html"), "has a name of 246 bytes (at most \(OutputPlan.maximumNameBytes))")
        XCTAssertEqual(OutputPlan.problem(with: "a/.sitegen-cache/index.html"), "uses a name sitegen keeps for itself ('.sitegen-cache')")
        XCTAssertEqual(OutputPlan.problem(with: "a/b.html.sitegen-old"), "uses a name sitegen keeps for itself ('b.html.sitegen-old')")
        XCTAssertEqual(OutputPlan.problem(with: "x.sitegen-new/index.html"), "uses a name sitegen keeps for itself ('x.sitegen-new')")
        XCTAssertNil(OutputPlan.problem(with: "sitegen-new/sitegen-/index.html"), "the names alone, not a part of them")
        XCTAssertEqual(OutputPlan.problem(with: "a//b.html"), "is not a safe path inside the output folder")
    }

    func testOutputPathsAreCheckedBeforeAnythingIsWritten() throws {
        let long = String(repeating: "a", count: 300)
        let cases: [(String, String, String)] = [
            ("slug: \(long)", "content/b.md", "bytes"),
            ("aliases: [\"/\(String(repeating: "b", count: 5000)).html\"]", "content/b.md", "bytes"),
            ("slug: index.html", "content/b.md", "both a file"),
            ("aliases: [\"/assets/style.css\"]", "content/b.md", "assets/"),
            ("slug: x.sitegen-new", "content/b.md", "keeps for itself"),
            ("aliases: [\"/Feed.xml\"]", "content/b.md", "case"),
            ("aliases: [\"/feed.xml\"]", "content/b.md", "both want"),
        ]
        for (extra, file, message) in cases {
            let site = try TestSite(files: ["content/a.md": Self.article], siteYML: TestSite.defaultSiteYML + "\npermalinks:\n  article: /:slug/\n")
            try site.build()
            let before = try site.snapshot()
            try site.write("content/b.md", TestSite.markdown(title: "Thử", date: "2023-08-03", extra: extra))
            let found = site.buildErrors()
            XCTAssertEqual(found.map(\.path), [file], extra)
            XCTAssertNotNil(found.first?.line, extra)
            XCTAssertTrue(found.first?.message.contains(message) ?? false, "\(extra): \(found)")
            XCTAssertEqual(try site.snapshot(), before, extra)
        }
    }

    func testLoadErrorsAndOutputPathErrorsComeInOneRunAndFromCheck() throws {
        let site = try TestSite(files: ["content/a.md": Self.article], siteYML: TestSite.defaultSiteYML + "\npermalinks:\n  article: /:slug/\n")
        try site.build()
        let before = try site.snapshot()
        let files = [
            "content/bad-yaml.md": "---\ntitle: \"Thiếu ngoặc\ndate: 2023-08-03\n---\n\nThân bài.\n",
            "content/collision.md": TestSite.markdown(title: "Trùng", date: "2023-08-04", extra: "aliases: [\"/feed.xml\"]"),
            "content/too-long.md": TestSite.markdown(title: "Dài", date: "2023-08-05", extra: "slug: \(String(repeating: "a", count: 300))"),
            "content/reserved.md": TestSite.markdown(title: "Dành riêng", date: "2023-08-06", extra: "slug: x.sitegen-new"),
            "content/asset.md": TestSite.markdown(title: "Tài sản", date: "2023-08-07", extra: "aliases: [\"/assets/style.css\"]"),
        ]
        for (path, text) in files { try site.write(path, text) }
        let expected = files.keys.sorted()
        let built = site.buildErrors()
        XCTAssertEqual(built.map(\.path), expected, "\(built)")
        XCTAssertTrue(built.allSatisfy { $0.line != nil }, "\(built)")
        XCTAssertEqual(try site.snapshot(), before)
        // `sitegen check` loads the same way and sees the same errors.
        XCTAssertThrowsError(try site.load()) { error in
            XCTAssertEqual((error as? BuildFailure)?.errors.map(\.description), built.map(\.description))
        }
    }
}

// 12. kill -9 and a full disk, injected: after either, the output is the old site or the new one.
extension HostileOutputTests {
    static func files(_ version: String, count: Int = 40) -> [OutputFile] {
        (0..<count).map { OutputFile(path: "p\($0 % 7)/\($0)/index.html", text: "\(version) \($0)") }
            + [OutputFile(path: "only-\(version)/index.html", text: version), OutputFile(path: "feed.xml", text: "feed \(version)")]
    }

    /// Every file of a folder (hidden bookkeeping files included), relative path → text.
    func contents(_ folder: URL) throws -> [String: String] {
        var found: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue, path != Manifest.fileName {
                found[path] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        return found
    }

    func expected(_ files: [OutputFile]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-kill-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testKilledWhileRenderingTheNextBuildUndoesItEvenWhenTheEditIsReverted() throws {
        let output = try folder()
        let writer = OutputWriter(output: output)
        try writer.write(Self.files("old"))
        // Killed after two batches were written: nothing was renamed, nothing cleaned up.
        do {
            let session = try writer.session()
            try session.add(Array(Self.files("new").prefix(20)))
            try session.add(Array(Self.files("new").dropFirst(20)))
        }
        XCTAssertNotEqual(try contents(output), expected(Self.files("old")))  // the mess a kill leaves
        // The edit reverted: the next build writes the old files again, and the output is exactly the old site.
        try writer.write(Self.files("old"))
        XCTAssertEqual(try contents(output), expected(Self.files("old")))
        XCTAssertEqual(Set(Manifest.read(from: output).entries.keys), Set(Self.files("old").map(\.path)))
    }

    /// The old site written, then a build of the new one killed after its fifth rename: the
    /// folder as a kill -9 in the middle of the commit leaves it.
    func killedAfterFiveRenames(in output: URL) throws -> OutputWriter {
        let writer = OutputWriter(output: output)
        try writer.write(Self.files("old"))
        let session = try writer.session()
        try session.add(Self.files("new"))
        let renames = Counter()
        session.fault = { step in if step == "rename", renames.next() >= 5 { throw OutputSession.Killed() } }
        XCTAssertThrowsError(try session.commit())
        return writer
    }

    func testKilledDuringTheRenamesTheNextBuildFinishesIt() throws {
        let output = try folder()
        let writer = try killedAfterFiveRenames(in: output)
        // Whatever reads the folder next finishes the build: the new site, and no temporary file.
        XCTAssertEqual(try writer.recover(), .finished(renamed: Self.files("new").count - 1 - 5, removed: 1))
        XCTAssertEqual(try contents(output), expected(Self.files("new")))
        XCTAssertEqual(Manifest.read(from: output).entries.count, Self.files("new").count)
        try writer.write(Self.files("new"))
        XCTAssertEqual(try contents(output), expected(Self.files("new")))
    }

    func testAFullDiskBeforeTheCommitLeavesTheOldSite() throws {
        let output = try folder()
        let writer = OutputWriter(output: output)
        try writer.write(Self.files("old"))
        let session = try writer.session()
        try session.add(Self.files("new"))
        session.fault = { step in if step == "record" { throw FileBytes.IOError(path: "manifest", operation: "write", code: ENOSPC) } }
        XCTAssertThrowsError(try session.commit())
        XCTAssertEqual(try contents(output), expected(Self.files("old")))
    }

    func testKilledBeforeTheCommitRecordTheNextBuildUndoesIt() throws {
        let output = try folder()
        let writer = OutputWriter(output: output)
        try writer.write(Self.files("old"))
        let session = try writer.session()
        try session.add(Self.files("new"))
        session.fault = { step in if step == "record" { throw OutputSession.Killed() } }
        XCTAssertThrowsError(try session.commit())
        XCTAssertEqual(try writer.recover(), .undone(removed: Self.files("new").count))
        XCTAssertEqual(try contents(output), expected(Self.files("old")))
    }

    func testARenameThatFailsIsRolledBackInTheSameBuild() throws {
        let output = try folder()
        let writer = OutputWriter(output: output)
        try writer.write(Self.files("old"))
        let manifest = try Data(contentsOf: output.appendingPathComponent(Manifest.fileName))
        let session = try writer.session()
        try session.add(Self.files("new"))
        // The sixth rename fails (as on a full disk), after five others replaced their files.
        let renames = Counter()
        session.fault = { step in
            if step == "rename", renames.next() == 5 { throw FileBytes.IOError(path: "x", operation: "rename", code: ENOSPC) }
        }
        let replaced = Set(Self.files("old").map { output.path + "/" + $0.path })
        XCTAssertThrowsError(try session.commit()) { error in
            let failure = error as? FileBytes.IOError
            XCTAssertTrue(replaced.contains(failure?.path ?? ""), "\(error)")
            XCTAssertEqual(failure?.code, ENOSPC)
            XCTAssertTrue("\(error)".contains("undone"), "\(error)")
        }
        // The old site, every byte, with no temporary, kept or journal file (`contents` lists hidden files too).
        XCTAssertEqual(try contents(output), expected(Self.files("old")))
        XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent(Manifest.fileName)), manifest)
        XCTAssertEqual(try writer.recover(), .none)
        try writer.write(Self.files("newer"))
        XCTAssertEqual(try contents(output), expected(Self.files("newer")))
    }

    func testKilledWhileRollingBackAFailedRenameTheNextBuildPutsTheOldFilesBack() throws {
        let output = try folder()
        // Killed mid-commit; then, as a rollback killed after removing the commit record would
        // leave it: old files kept beside renamed ones, and a journal.
        let writer = try killedAfterFiveRenames(in: output)
        XCTAssertEqual(unlink(output.path + "/" + OutputJournal.commitRecord), 0)
        XCTAssertEqual(try writer.recover(), .undone(removed: Self.files("new").count - 5))
        XCTAssertEqual(try contents(output), expected(Self.files("old")))
    }

    func testTemporaryFilesOfBuildsOlderThanTheJournalAreSwept() throws {
        let site = try TestSite(files: ["content/a.md": Self.article])
        try site.build()
        let before = try site.snapshot()
        // As a build from before the journal, killed, left it: a manifest of the first format,
        // and temporary files that no journal lists.
        let manifest = Manifest.read(from: site.output).entries.sorted { $0.key < $1.key }
            .map { "\(String($0.value.hash, radix: 16)) \($0.value.size) \($0.key)\n" }.joined()
        try Data(manifest.utf8).write(to: site.output.appendingPathComponent(Manifest.fileName))
        try Data("half".utf8).write(to: site.output.appendingPathComponent("index.html.sitegen-new"))
        try Data("half".utf8).write(to: site.output.appendingPathComponent("chu-de/index.html.sitegen-new"))
        try Data("orphan".utf8).write(to: site.output.appendingPathComponent("chu-de/gone.html.sitegen-new"))
        // One behind a symbolic link out of the output folder is not ours to remove.
        let outside = try folder()
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("theirs".utf8).write(to: outside.appendingPathComponent("x.sitegen-new"))
        XCTAssertEqual(symlink(outside.path, site.output.appendingPathComponent("media").path), 0)
        try site.build()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), ["x.sitegen-new"])
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("media"))
        var after = try site.snapshot()
        XCTAssertTrue(after[Manifest.fileName]?.starts(with: Manifest.header) ?? false)
        after[Manifest.fileName] = before[Manifest.fileName]
        XCTAssertEqual(after, before)
    }

    func testAWholeSiteBuildAfterAKillIsTheSameAsACleanOne() throws {
        let site = try TestSite(files: ["content/a.md": Self.article])
        try site.build()
        let before = try site.snapshot()
        do {
            let session = try OutputWriter(output: site.output).session()
            try session.add([OutputFile(path: "2023/08/hoi-nghi-ban-chap-hanh/index.html", text: "half"), OutputFile(path: "orphan/index.html", text: "x")])
        }
        try site.build()
        XCTAssertEqual(try site.snapshot(), before)
    }

    /// The paths of a build checked alone: those that differ only in case, in whichever order and
    /// alphabet, and every path under a folder that is a file, are each an error; the rest pass.
    func testPathsThatDifferInCaseOrUseAFileAsAFolderAreEachAnError() throws {
        let site = try Site.index([], config: SiteConfig.parse(TestSite.defaultSiteYML)).site
        func errors(_ paths: [String]) -> [String] {
            let files = paths.map { (path: $0, source: "static/" + $0, isStatic: true) }
            do {
                try OutputPlan.check([], site: site, assets: [], files: files, reservedFolders: [])
                return []
            } catch {
                return error.errors.map(\.description).sorted()
            }
        }
        for pair in [["a/Feed.xml", "a/feed.xml"], ["a/feed.xml", "a/Feed.xml"], ["x/Ab.html", "x/aB.html"], ["Đà/a.html", "đà/a.html"]] {
            let found = errors(pair)
            XCTAssertEqual(found.count, 1, "\(pair)")
            XCTAssertTrue(found.first?.contains("differ only in case") ?? false, "\(pair): \(found)")
            XCTAssertTrue(found.first?.hasPrefix("static/" + pair[1]) ?? false, "\(pair): \(found)")
        }
        let underAFile = errors(["2024", "2024/01/a.html", "2024/01/b.html", "2024/02/c.html", "2025/01/d.html", "2025/e.html"])
        XCTAssertEqual(underAFile.count, 3, "\(underAFile)")
        XCTAssertTrue(underAFile.allSatisfy { $0.contains("'2024' would be both a file") }, "\(underAFile)")
        XCTAssertEqual(errors(["2024/01/a.html", "2024/01/b.html", "2024/02/c.html", "2024/index.html", "index.html"]), [])
        XCTAssertTrue(OutputPlan.isFolded("2024/01/bai-moi/index.html"))
        XCTAssertFalse(OutputPlan.isFolded("2024/01/Bai/index.html"))
        XCTAssertFalse(OutputPlan.isFolded("2024/01/bài/index.html"))
    }
}

/// A thread-safe count, for fault injection from the writer's threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value - 1
        }
    }
}

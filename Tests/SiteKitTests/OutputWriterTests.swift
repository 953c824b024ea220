import XCTest
@testable import SiteKit

final class OutputWriterTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-writer-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func modificationDate(_ path: String) throws -> Date {
        try FileBytes.modificationDate(folder.appendingPathComponent(path).path)
    }

    /// Two pages for one file, or a kept file named twice or not of the last build, are refused
    /// before anything is written: the output stays as the last build left it.
    func testOneFileClaimedTwiceIsRefusedAndTheOutputStaysAsItWas() throws {
        let writer = OutputWriter(output: folder)
        try writer.write([OutputFile(path: "a/index.html", text: "A"), OutputFile(path: "b.xml", text: "B")])
        XCTAssertThrowsError(try writer.write([OutputFile(path: "c.html", text: "C"), OutputFile(path: "c.html", text: "C2")]))
        XCTAssertThrowsError(try writer.write([OutputFile(path: "c.html", text: "C")], keeping: ["a/index.html", "a/index.html"]))
        XCTAssertThrowsError(try writer.write([OutputFile(path: "c.html", text: "C")], keeping: ["khong-co.html"]))
        XCTAssertThrowsError(try writer.write([OutputFile(path: "a/index.html", text: "A2")], keeping: ["a/index.html"]))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("c.html").path))
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("a/index.html"), encoding: .utf8), "A")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("b.xml"), encoding: .utf8), "B")
        XCTAssertEqual(Set(Manifest.read(from: folder).entries.keys), ["a/index.html", "b.xml"])
    }

    func testUnchangedFilesAreNotRewritten() throws {
        let writer = OutputWriter(output: folder)
        let first = try writer.write([OutputFile(path: "a/index.html", text: "A"), OutputFile(path: "b.xml", text: "B")])
        XCTAssertEqual(first.written, 2)
        // Backdate a file: if it is rewritten, its mtime moves.
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder.appendingPathComponent("a/index.html").path)
        let second = try writer.write([OutputFile(path: "a/index.html", text: "A"), OutputFile(path: "b.xml", text: "B2")])
        XCTAssertEqual(second.written, 1)
        XCTAssertEqual(second.unchanged, 1)
        XCTAssertEqual(try modificationDate("a/index.html"), old)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("b.xml"), encoding: .utf8), "B2")
        XCTAssertEqual(try leftovers(), [])
    }

    func leftovers() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(OutputWriter.temporarySuffix) }
    }

    func testAFailedWriteLeavesTheOutputAsItWas() throws {
        let writer = OutputWriter(output: folder)
        try writer.write([OutputFile(path: "a.html", text: "A")])
        // "x" is a file, so the folder "x/" cannot be made: the second write must fail as a whole.
        try Data("tay".utf8).write(to: folder.appendingPathComponent("x"))
        XCTAssertThrowsError(try writer.write([OutputFile(path: "a.html", text: "A2"), OutputFile(path: "b/c/d.html", text: "D"),
                                               OutputFile(path: "x/index.html", text: "X")]))
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("a.html"), encoding: .utf8), "A")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("b").path))
        XCTAssertEqual(try leftovers(), [])
        XCTAssertEqual(Manifest.read(from: folder).entries.keys.sorted(), ["a.html"])
    }

    func testFilesAreHandedToThreadsAFolderAtATime() throws {
        XCTAssertEqual(OutputSession.byFolder(["s/1/a.bin", "x.html", "s/2/a.bin", "s/1/b.bin", "y.xml", "s/1x/c.bin"]),
                       [[0, 3], [1, 4], [2], [5]])
        // Interleaved folders, written new and then replaced (the renames of a commit): every file ends right.
        let writer = OutputWriter(output: folder)
        let paths = (0..<300).map { "s/\($0 % 7)/\($0).bin" } + (0..<40).map { "bai-\($0)/index.html" }
        try writer.write(paths.map { OutputFile(path: $0, text: "1 \($0)") })
        let report = try writer.write(paths.map { OutputFile(path: $0, text: "2 \($0)") })
        XCTAssertEqual(report.written, paths.count)
        for path in paths {
            XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8), "2 \(path)")
        }
        XCTAssertEqual(try leftovers(), [])
    }

    func testAnAbortedSessionRemovesNewFilesAndKeepsReplacedOnes() throws {
        let writer = OutputWriter(output: folder)
        try writer.write([OutputFile(path: "a/index.html", text: "A")])
        let session = try writer.session()
        try session.add([OutputFile(path: "a/index.html", text: "A2"), OutputFile(path: "b/c/index.html", text: "C")])
        // Before the commit a replaced file still holds the last build's bytes.
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("a/index.html"), encoding: .utf8), "A")
        try session.add([OutputFile(path: "d/index.html", text: "D")])
        session.abort()
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("a/index.html"), encoding: .utf8), "A")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), [Manifest.fileName, "a"].sorted())
        XCTAssertEqual(try leftovers(), [])
        // Committed, both kinds are in place.
        let report = try writer.write([OutputFile(path: "a/index.html", text: "A2"), OutputFile(path: "b/c/index.html", text: "C")])
        XCTAssertEqual(report.written, 2)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("a/index.html"), encoding: .utf8), "A2")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("b/c/index.html"), encoding: .utf8), "C")
        XCTAssertEqual(try leftovers(), [])
    }

    func testOnlyFilesOfAPreviousBuildAreRemoved() throws {
        let writer = OutputWriter(output: folder)
        try writer.write([OutputFile(path: "old/index.html", text: "cũ"), OutputFile(path: "keep.html", text: "k")])
        // A file the editor put there by hand is not ours to delete.
        try Data("tay".utf8).write(to: folder.appendingPathComponent("CNAME"))
        let report = try writer.write([OutputFile(path: "keep.html", text: "k")])
        XCTAssertEqual(report.removed, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("old").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("CNAME").path))
    }

    func testAFileDeletedByHandIsWrittenAgain() throws {
        let writer = OutputWriter(output: folder)
        try writer.write([OutputFile(path: "a.html", text: "A")])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("a.html"))
        XCTAssertEqual(try writer.write([OutputFile(path: "a.html", text: "A")]).written, 1)
    }

    func testPathsLeavingTheOutputAreRefused() throws {
        let writer = OutputWriter(output: folder)
        for bad in ["../x.html", "/etc/x", "a/../../x", "a\\b", ""] {
            XCTAssertThrowsError(try writer.write([OutputFile(path: bad, text: "x")]), bad)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().appendingPathComponent("x.html").path))
    }

    func testOnlyRelativePathsWithoutDotPartsAreSafe() {
        for good in ["a.html", "2023/08/lua-mua/index.html", "...", "a/.well-known/x", "a/..b/c", "tim-kiem/index/w1f.bin"] {
            XCTAssertTrue(OutputPath.isSafe(good), good)
        }
        for bad in ["", "/a", "a/", "a//b", ".", "..", "a/./b", "a/../b", "../a", "a/..", "a\\b", "a\u{0}b"] {
            XCTAssertFalse(OutputPath.isSafe(bad), bad)
        }
    }

    func testATamperedManifestCannotDeleteOutsideTheOutput() throws {
        let outside = folder.deletingLastPathComponent().appendingPathComponent("sitegen-victim-\(UUID().uuidString)")
        try Data("x".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("0 1 ../\(outside.lastPathComponent)\n".utf8).write(to: folder.appendingPathComponent(Manifest.fileName))
        try OutputWriter(output: folder).write([OutputFile(path: "a.html", text: "A")])
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.path))
    }

    func testDangerousOutputFoldersAreRefused() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-proj-\(UUID().uuidString)")
        let home = URL(fileURLWithPath: "/home/nobody-sitegen")
        for output in [root, root.appendingPathComponent("content"), root.appendingPathComponent("templates"),
                       root.appendingPathComponent("content/sub"), URL(fileURLWithPath: "/"), home, root.deletingLastPathComponent()] {
            XCTAssertThrowsError(try Project(root: root, output: output).checkOutputFolder(home: home), output.path)
        }
        XCTAssertNoThrow(try Project(root: root).checkOutputFolder(home: home))
        XCTAssertNoThrow(try Project(root: root, output: URL(fileURLWithPath: "/tmp/elsewhere-public")).checkOutputFolder(home: home))
    }

    /// One line per file, sorted by path: the hash in hex, the size in decimal, the path escaped.
    func testTheManifestIsOneSortedLinePerFile() {
        let manifest = Manifest(entries: ["b/index.html": .init(hash: 0, size: 0), "a.html": .init(hash: UInt64.max, size: 1_234_567),
                                          "c d.html": .init(hash: 0xab, size: 10), "tác-giả.html": .init(hash: 16, size: 9)])
        XCTAssertEqual(String(decoding: manifest.serialized(), as: UTF8.self),
                       "sitegen-manifest 2\nffffffffffffffff 1234567 a.html\n0 0 b/index.html\nab 10 c%20d.html\n10 9 tác-giả.html\n")
        XCTAssertEqual(Manifest.parse(manifest.serialized()), manifest)
    }

    /// A manifest read back keeps its order for writing again, but only while it lists exactly
    /// the same paths: one more, one fewer or a file listed out of order is sorted anew.
    func testAManifestReadBackIsWrittenInOrderWhateverChanged() {
        let written = Manifest(entries: ["a.html": .init(hash: 1, size: 1), "b/index.html": .init(hash: 2, size: 2),
                                         "tác-giả/index.html": .init(hash: 3, size: 3), "z.html": .init(hash: 4, size: 4)]).serialized()
        var read = Manifest.parse(written)
        XCTAssertEqual(read.sortedPaths, ["a.html", "b/index.html", "tác-giả/index.html", "z.html"])
        XCTAssertEqual(read.serialized(), written)
        read.entries["b/index.html"] = .init(hash: 9, size: 9)  // edited: same paths, new line
        XCTAssertEqual(String(decoding: read.serialized(), as: UTF8.self),
                       "sitegen-manifest 2\n1 1 a.html\n9 9 b/index.html\n3 3 tác-giả/index.html\n4 4 z.html\n")
        func paths(_ manifest: Manifest) -> [String] {
            String(decoding: manifest.serialized(), as: UTF8.self).split(separator: "\n").dropFirst().map { String($0.split(separator: " ")[2]) }
        }
        read.entries["c.html"] = .init(hash: 5, size: 5)  // added
        read.entries["z.html"] = nil  // and removed: as many paths, not the same ones
        XCTAssertEqual(paths(read), ["a.html", "b/index.html", "c.html", "tác-giả/index.html"])
        read.entries["d.html"] = .init(hash: 6, size: 6)
        XCTAssertEqual(paths(read), ["a.html", "b/index.html", "c.html", "d.html", "tác-giả/index.html"])
        // Out of order on disk (edited by hand): not trusted as an order.
        let shuffled = Manifest.parse(Array("sitegen-manifest 2\n4 4 z.html\n1 1 a.html\n".utf8))
        XCTAssertNil(shuffled.sortedPaths)
        XCTAssertEqual(paths(shuffled), ["a.html", "z.html"])
        XCTAssertNil(Manifest.parse(Array("sitegen-manifest 2\n1 1 a.html\n2 2 a.html\n".utf8)).sortedPaths)
    }

    /// A build with nothing to do asks whether every file of the last build is there as it was
    /// (`intactFileCount`, which reads the manifest's lines as bytes): it must say what checking
    /// the manifest as read (`Manifest.parse`, `alteredFiles`) says, for every kind of damage.
    func testIntactFilesAreCountedAsTheManifestReadInFullCountsThem() throws {
        let writer = OutputWriter(output: folder)
        let manifestFile = folder.appendingPathComponent(Manifest.fileName)
        func reference() -> Int? {
            let manifest = Manifest.read(from: folder)
            return manifest.entries.isEmpty || !writer.alteredFiles(of: manifest).isEmpty ? nil : manifest.entries.count
        }
        func check(_ expected: Int?, _ what: String, line: UInt = #line) {
            XCTAssertEqual(writer.intactFileCount(), expected, what, line: line)
            XCTAssertEqual(reference(), expected, what + " (read in full)", line: line)
        }
        check(nil, "no manifest")
        try writer.write([OutputFile(path: "a/index.html", text: "A"), OutputFile(path: "c%d.html", text: "CD"),
                          OutputFile(path: "tác-giả/nguyễn-văn-a/index.html", text: "Tác giả"), OutputFile(path: "z.xml", text: "Z")])
        check(4, "as written")
        let written = try Data(contentsOf: manifestFile)
        func manifest(_ text: String) throws { try Data(text.utf8).write(to: manifestFile) }

        // Lines edited by hand: dropped by both, in order or not.
        let lines = String(decoding: written, as: UTF8.self)
        // (After every path of the manifest, so that it is still in order.)
        try manifest(lines + "1 1 zz/../ngoai.html\nkhong-phai-dong\n2 x y.html\n5 1 zzz/%ZZ.html\n")
        check(4, "lines that point outside, are not well formed or escape badly")
        try (written + Data("6 1 zzzz".utf8) + Data([0xFF]) + Data(".html\n".utf8)).write(to: manifestFile)
        check(4, "a path that is not UTF-8")
        try manifest("sitegen-manifest 2\n" + lines.split(separator: "\n").dropFirst().reversed().joined(separator: "\n") + "\n")
        check(4, "out of order")
        try manifest(lines + lines.split(separator: "\n")[1] + "\n")
        check(4, "a file listed twice")
        try manifest(String(lines.split(separator: "\n")[1].split(separator: " ")[0]) + " 1 a/index.html\n")
        check(1, "the first format, without the header")
        try written.write(to: manifestFile)
        check(4, "back as written")

        // Damage to the files themselves: the output is not intact.
        try Data("khác".utf8).write(to: folder.appendingPathComponent("c%d.html"))
        check(nil, "a file of another size")
        try Data("CD".utf8).write(to: folder.appendingPathComponent("c%d.html"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("tác-giả/nguyễn-văn-a/index.html"))
        check(nil, "a file deleted")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tác-giả/nguyễn-văn-a/index.html"), withIntermediateDirectories: true)
        check(nil, "a file replaced by a folder")
    }
}

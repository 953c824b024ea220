import Foundation
import SiteKit
import XCTest
@testable import SiteDeploy

final class FolderDeployTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    var target: DeploySettings.Target {
        get throws { try DeploySettings().target("file://" + folder.path + "/") }
    }

    /// Every file of the folder, but the deploy manifest and the files we put there ourselves.
    func held(except foreign: Set<String> = []) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for (path, _) in FileTree.files(under: folder.path) where !foreign.contains(path) {
            files[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }

    func testScenario() async throws {
        try await DeploySite.scenario(target: try target, held: { try held() })
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(DeployManifest.fileName).path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("2023/08/nong-dan-thu-hoach-lua").path),
                       "a deleted article leaves no empty folder")
    }

    func testForeignFilesRefuseUntilAdoptedAndAreKept() async throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("cu"), withIntermediateDirectories: true)
        try Data("trang cũ".utf8).write(to: folder.appendingPathComponent("cu/trang.html"))
        try Data("google-site-verification".utf8).write(to: folder.appendingPathComponent("google123.html"))
        let site = try DeploySite.make()
        defer { try? FileManager.default.removeItem(at: site.root) }

        do {
            _ = try await DeploySite.deploy(site, to: try target)
            XCTFail("deployed beside foreign files")
        } catch let error as DeployError {
            guard case .foreignFiles(_, let paths, let count) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(paths, ["cu/trang.html", "google123.html"])
            XCTAssertEqual(count, 2)
        }
        XCTAssertEqual(try held().count, 2, "nothing was written")

        let adopted = try await DeploySite.deploy(site, to: try target, options: Deployer.Options(adopt: true))
        XCTAssertEqual(adopted.plan.foreign.count, 2)
        try site.remove(DeploySite.deletedArticle)
        try site.build()
        let again = try await DeploySite.deploy(site, to: try target)
        XCTAssertGreaterThan(again.deleted, 0)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("cu/trang.html"), encoding: .utf8), "trang cũ")
        XCTAssertEqual(try held(except: ["cu/trang.html", "google123.html"]), try DeploySite.files(site))
    }

    func testRefusesAFolderThatSitegenDidNotBuild() throws {
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: plain) }
        try Data("<p>hi</p>".utf8).write(to: plain.appendingPathComponent("index.html"))
        XCTAssertThrowsError(try LocalSite.scan(output: plain, config: SiteConfig())) { error in
            XCTAssertEqual(error as? DeployError, .notBuilt(output: plain.path))
        }
    }

    func testDryRunChangesNothingAndAMissingFolderIsUnreachable() async throws {
        let site = try DeploySite.make()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let dry = try await DeploySite.deploy(site, to: try target, options: Deployer.Options(dryRun: true))
        XCTAssertEqual(dry.plan.uploads.count, try DeploySite.files(site).count)
        XCTAssertEqual(dry.uploaded, 0)
        XCTAssertEqual(try held().count, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".sitegen-cache/deploy").path))

        let missing = try DeploySettings().target("file:///nonexistent-sitegen-\(UUID().uuidString)/")
        do {
            _ = try await DeploySite.deploy(site, to: missing)
            XCTFail("deployed to a missing folder")
        } catch let error as DeployError {
            guard case .unreachable = error else { return XCTFail("\(error)") }
        }
    }

    func testAKilledDeployIsFinishedByTheNextFromItsJournal() async throws {
        let site = try DeploySite.make()
        defer { try? FileManager.default.removeItem(at: site.root) }
        // A journal as a killed deploy leaves it: two files confirmed, one started, no manifest written.
        let local = try LocalSite.scan(output: site.output, config: SiteConfig.load(from: site.project.settings))
        let (a, b, c) = (local.files[0], local.files[1], local.files[2])
        for file in [a, b, c] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(file.path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: site.output.appendingPathComponent(file.path), to: folder.appendingPathComponent(file.path))
        }
        let journal = DeployJournal.headerLine(base: nil)
            + [a, b].map { DeployJournal.line(.started(path: $0.path, size: $0.size)) + DeployJournal.line(.arrived(path: $0.path, md5: $0.md5, size: $0.size)) }.joined()
            + DeployJournal.line(.started(path: c.path, size: c.size))
        let state = site.root.appendingPathComponent(".sitegen-cache/deploy")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try journal.write(to: state.appendingPathComponent(try target.name + ".journal"), atomically: true, encoding: .utf8)

        let next = try await DeploySite.deploy(site, to: try target)
        XCTAssertEqual(next.plan.foreign, [], "what the journal confirmed or started is ours")
        XCTAssertEqual(next.uploaded, local.files.count - 3, "the three files already there are not sent again")
        XCTAssertEqual(try held(), try DeploySite.files(site))
        XCTAssertFalse(FileManager.default.fileExists(atPath: state.appendingPathComponent(try target.name + ".journal").path))
    }
}

import Foundation
import SiteKit
import XCTest
@testable import SiteDeploy

/// rsync over SSH, against Debian's sshd on a loopback port with keys made for the test.
final class RsyncDeployTests: XCTestCase {
    var server: SSHServer!

    override func setUpWithError() throws {
        server = try SSHServer()
    }

    override func tearDown() {
        server?.stop()
    }

    /// rsync makes the last folder of the destination, as on a host where the parent exists.
    var remote: URL { server.folder.appendingPathComponent("luu-tru") }

    func target() throws -> DeploySettings.Target {
        var target = try DeploySettings().target("ssh://root@127.0.0.1:\(server.port)\(remote.path)/")
        target.ssh = server.sshCommand
        return target
    }

    func held() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for (path, _) in FileTree.files(under: remote.path) {
            files[path] = try Data(contentsOf: remote.appendingPathComponent(path))
        }
        return files
    }

    func testScenario() async throws {
        try await DeploySite.scenario(target: try target(), held: { try held() })
        XCTAssertTrue(FileManager.default.fileExists(atPath: remote.appendingPathComponent(DeployManifest.fileName).path))
    }

    func testRefusesForeignFilesAndNamesAnUnreachableHost() async throws {
        try FileManager.default.createDirectory(at: remote, withIntermediateDirectories: true)
        try Data("cũ".utf8).write(to: remote.appendingPathComponent("cu.html"))
        let site = try DeploySite.make()
        defer { try? FileManager.default.removeItem(at: site.root) }
        do {
            _ = try await DeploySite.deploy(site, to: try target())
            XCTFail("deployed beside a foreign file")
        } catch let error as DeployError {
            XCTAssertEqual(error, .foreignFiles(target: try target().name, paths: ["cu.html"], count: 1))
        }
        var closed = try DeploySettings().target("ssh://root@127.0.0.1:\(LoopbackServers.freePort())/srv/x/")
        closed.ssh = server.sshCommand
        do {
            _ = try await DeploySite.deploy(site, to: closed)
            XCTFail("deployed to nothing")
        } catch let error as DeployError {
            guard case .unreachable(_, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("Connection refused"), reason)
        }
    }
}

import Foundation
import SiteKit
import XCTest
@testable import SiteDeploy

/// The sample site of the deploy tests: a few articles with tags, a category and an alias, plus
/// a theme asset large enough to go up in parts.
enum DeploySite {
    static func make() throws -> TestSite {
        let site = try TestSite(files: [
            "content/2023/08/ban-thuong-vu.md": TestSite.markdown(title: "Ban Thường vụ Tỉnh ủy sơ kết tháng 7", date: "2023-08-01T08:00:00+07:00",
                                                                  tags: ["Tỉnh ủy"], author: "Xuân Kha", extra: "aliases: [\"/tin-tuc/123.html\"]"),
            "content/2023/08/mua-lua.md": TestSite.markdown(title: "Nông dân thu hoạch lúa", date: "2023-08-05T09:00:00+07:00", tags: ["Nông nghiệp"]),
            "content/2023/09/le-hoi.md": TestSite.markdown(title: "Lễ hội cồng chiêng", date: "2023-09-02T07:00:00+07:00", tags: ["Văn hóa"]),
        ])
        // 200 KB of varied bytes: bigger than the tests' multipart threshold.
        var bytes = [UInt8](repeating: 0, count: 200_000)
        var state: UInt32 = 1
        for index in bytes.indices { state = state &* 1_664_525 &+ 1_013_904_223; bytes[index] = UInt8(truncatingIfNeeded: state >> 24) }
        try Data(bytes).write(to: site.root.appendingPathComponent("templates/assets/banner.bin"))
        try site.build()
        return site
    }

    static let newArticle = ("content/2023/09/kenh-bac-lam.md",
                             TestSite.markdown(title: "Khánh thành Kênh Bắc Lam", date: "2023-09-10T08:00:00+07:00", tags: ["Tỉnh ủy"]))
    static let deletedArticle = "content/2023/08/mua-lua.md"
    static let deletedPage = "2023/08/nong-dan-thu-hoach-lua/index.html"

    static func deploy(_ site: TestSite, to target: DeploySettings.Target, transport: TransportOptions = TransportOptions(),
                       options: Deployer.Options = Deployer.Options(),
                       progress: @escaping @Sendable (Deployer.Progress) -> Void = { _ in }) async throws -> Deployer.Report {
        let config = try SiteConfig.load(from: site.project.settings)
        let local = try LocalSite.scan(output: site.output, config: config)
        let deployer = Deployer(site: local, target: target, transport: try target.location.transport(settings: target, options: transport),
                                stateFolder: site.root.appendingPathComponent(".sitegen-cache/deploy"), options: options)
        return try await deployer.run(progress: progress)
    }

    /// Files of the output except the build manifest, path → bytes.
    static func files(_ site: TestSite) throws -> [String: Data] {
        try site.snapshot().filter { !$0.key.hasPrefix(".") }
    }

    /// The paths whose bytes differ between two snapshots, or that only one has.
    static func changed(_ before: [String: Data], _ after: [String: Data]) -> (changed: Set<String>, removed: Set<String>) {
        let changed = Set(after.keys.filter { before[$0] != after[$0] })
        let removed = Set(before.keys.filter { after[$0] == nil })
        return (changed, removed)
    }

    /// The whole scenario every target goes through: first deploy, nothing changed, one article
    /// published, one article deleted. `held` reads what the target holds (without its manifest),
    /// `same` turns the site's files into what `held` gives for them.
    static func scenario(target: DeploySettings.Target, transport: TransportOptions = TransportOptions(),
                         held: () throws -> [String: Data], same: ([String: Data]) -> [String: Data] = { $0 },
                         file: StaticString = #filePath, line: UInt = #line) async throws {
        let site = try make()
        defer { try? FileManager.default.removeItem(at: site.root) }
        var local = try files(site)

        let first = try await deploy(site, to: target, transport: transport)
        XCTAssertTrue(first.listed, "a first deploy lists the target", file: file, line: line)
        XCTAssertEqual(first.uploaded, local.count, file: file, line: line)
        XCTAssertEqual(try held(), same(local), "the target holds exactly the site", file: file, line: line)

        let again = try await deploy(site, to: target, transport: transport)
        XCTAssertFalse(again.listed, "the manifest is read, the target not listed again", file: file, line: line)
        XCTAssertEqual(again.uploaded, 0, file: file, line: line)
        XCTAssertEqual(again.plan.unchanged, local.count, file: file, line: line)

        try site.write(newArticle.0, newArticle.1)
        try site.build()
        let published = try files(site)
        let delta = changed(local, published)
        let third = try await deploy(site, to: target, transport: transport)
        XCTAssertEqual(third.uploaded, delta.changed.count, "only the changed files go up", file: file, line: line)
        XCTAssertEqual(Set(third.plan.uploads.map(\.file.path)), delta.changed, file: file, line: line)
        XCTAssertEqual(third.plan.uploads.last?.file.path, "index.html", "the home page goes last", file: file, line: line)
        XCTAssertEqual(try held(), same(published), file: file, line: line)
        local = published

        try site.remove(deletedArticle)
        try site.build()
        let afterDelete = try files(site)
        XCTAssertNil(afterDelete[deletedPage])
        let gone = changed(local, afterDelete)
        let fourth = try await deploy(site, to: target, transport: transport)
        XCTAssertEqual(fourth.deleted, gone.removed.count, file: file, line: line)
        XCTAssertTrue(gone.removed.contains(deletedPage), file: file, line: line)
        XCTAssertEqual(fourth.uploaded, gone.changed.count, file: file, line: line)
        XCTAssertEqual(try held(), same(afterDelete), "the article is gone and nothing else is", file: file, line: line)
    }
}

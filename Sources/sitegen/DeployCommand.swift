import ArgumentParser
import Foundation
import SiteDeploy
import SiteKit

struct Deploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Upload the built site to its host: only what changed, in an order that never shows a broken page.",
        discussion: """
        TARGET is a name from the 'deploy:' list of site.yml (default: the first) or a URL:
        file:///var/www/site/, ssh://user@host/var/www/site/, s3://bucket/prefix/?endpoint=https://…&region=…
        S3 credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or ~/.aws/credentials.
        """
    )

    @Argument(help: "A target name from site.yml or a URL.")
    var target: String?

    @Option(name: .long, help: "The site's folder (holding site.yml).")
    var source: String = "."

    @Option(name: .long, help: "The built site (default: SOURCE/public).")
    var output: String?

    @Flag(name: .long, help: "Print the plan and change nothing.")
    var dryRun = false

    @Flag(inversion: .prefixedNo, help: "Delete files that an earlier deploy uploaded and the site no longer has.")
    var delete = true

    @Flag(name: .long, help: "Deploy beside files this site did not upload (they are kept, never deleted).")
    var adopt = false

    @Flag(name: .long, help: "Do not ask before deleting more than half of what the target holds.")
    var yes = false

    func run() async throws {
        let start = Date()
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let project = Project(root: URL(fileURLWithPath: source, relativeTo: cwd), output: output.map { URL(fileURLWithPath: $0, relativeTo: cwd) })
        let deployer: Deployer
        do {
            let config = try SiteConfig.load(from: project.settings)
            let chosen = try DeploySettings(config: config).target(target)
            var options = TransportOptions()
            options.searchFolder = config.searchPath
            deployer = Deployer(site: try LocalSite.scan(output: project.output, config: config), target: chosen,
                                transport: try chosen.location.transport(settings: chosen, options: options),
                                stateFolder: project.root.appendingPathComponent(".sitegen-cache/deploy"),
                                options: Deployer.Options(dryRun: dryRun, delete: delete, adopt: adopt))
        } catch {
            throw Console.report(error)
        }
        let bar = ProgressBar(enabled: !dryRun && isatty(STDOUT_FILENO) == 1)
        let report: Deployer.Report
        do {
            report = try await deployer.run(confirm: { plan in confirm(plan) }, progress: { bar.show($0) })
        } catch {
            bar.finish()
            throw Console.report(error)
        }
        bar.finish()
        if dryRun { printPlan(report.plan, target: deployer.target.name) }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
        let verb = dryRun ? "would upload" : "uploaded"
        let uploaded = dryRun ? report.plan.uploads.count : report.uploaded
        let bytes = dryRun ? report.plan.uploadBytes : report.uploadedBytes
        let deleted = dryRun ? report.plan.deletions.count : report.deleted
        print("\(deployer.target.name): \(verb) \(uploaded) files (\(ByteCount.text(bytes))), \(dryRun ? "would delete" : "deleted") \(deleted), "
              + "unchanged \(report.plan.unchanged.formatted()), \(report.requests) requests\(report.listed ? " (target listed)" : ""), \(seconds) s")
    }

    /// Asks before a deploy that would delete more than half of what the target holds (an empty
    /// or wrong build folder, most likely).
    private func confirm(_ plan: DeployPlan) -> Bool {
        let held = plan.before.entries.count
        guard !dryRun, !yes, plan.deletions.count > 10, plan.deletions.count * 2 > held else { return true }
        Console.error("This deploy would delete \(plan.deletions.count) of the \(held) files the target holds.")
        guard isatty(STDIN_FILENO) == 1 else {
            Console.error("Refusing without --yes.")
            return false
        }
        Console.error("Continue? [y/N] ")
        return readLine()?.lowercased().hasPrefix("y") == true
    }

    private func printPlan(_ plan: DeployPlan, target: String) {
        for (phase, files) in plan.phases {
            print("\(phase) (\(files.count)):")
            for file in files { print("  + \(file.path)") }
        }
        if !plan.deletions.isEmpty {
            print("deletions (\(plan.deletions.count)):")
            for path in plan.deletions { print("  - \(path)") }
        }
        if !plan.foreign.isEmpty { print("kept, not uploaded by this site: \(plan.foreign.count) file(s)") }
    }
}

/// One line, redrawn at most ten times a second: files, bytes and rate.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private let start = Date()
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ progress: Deployer.Progress) {
        guard enabled else { return }
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= 0.1 || progress.filesDone == progress.filesTotal else { return }
            lastDraw = now
            let fraction = progress.bytesTotal > 0 ? Double(progress.bytesDone) / Double(progress.bytesTotal) : 1
            let filled = Int(fraction * 30)
            let rate = Double(progress.bytesDone) / max(now.timeIntervalSince(start), 0.001)
            let line = "[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 30 - filled))] "
                + "\(progress.filesDone)/\(progress.filesTotal) files, \(ByteCount.text(progress.bytesDone))/\(ByteCount.text(progress.bytesTotal)), "
                + "\(ByteCount.text(Int(rate)))/s  \(progress.phase)"
            FileHandle.standardOutput.write(Data(("\r" + line + "\u{1B}[K").utf8))
            drawn = true
        }
    }

    func finish() {
        lock.withLock { if drawn { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) } }
    }
}

enum ByteCount {
    static func text(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}

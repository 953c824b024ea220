import Foundation
import SiteKit

/// Runs one deploy: reads what the target holds, plans, sends phase by phase while journaling
/// each confirmed file, deletes, and writes the new manifest at the target and locally.
/// It never prints: it reports progress through a closure and returns a report.
public struct Deployer: Sendable {
    public struct Options: Sendable {
        public var dryRun = false
        public var delete = true
        public var adopt = false
        public init(dryRun: Bool = false, delete: Bool = true, adopt: Bool = false) {
            self.dryRun = dryRun
            self.delete = delete
            self.adopt = adopt
        }
    }

    public struct Progress: Sendable {
        public var phase: String
        public var filesDone = 0, filesTotal = 0
        public var bytesDone = 0, bytesTotal = 0
    }

    public struct Report: Sendable {
        public var plan: DeployPlan
        public var uploaded = 0
        public var uploadedBytes = 0
        public var deleted = 0
        public var requests = 0
        /// True when the target had no manifest and was listed.
        public var listed = false
    }

    public var site: LocalSite
    public var target: DeploySettings.Target
    public var transport: DeployTransport
    /// `.sitegen-cache/deploy/`: the mirror of each target's manifest and the journal of a deploy in progress.
    public var stateFolder: URL
    public var options: Options

    public init(site: LocalSite, target: DeploySettings.Target, transport: DeployTransport, stateFolder: URL, options: Options = Options()) {
        self.site = site
        self.target = target
        self.transport = transport
        self.stateFolder = stateFolder
        self.options = options
    }

    var mirrorURL: URL { stateFolder.appendingPathComponent(target.name) }
    var journalURL: URL { stateFolder.appendingPathComponent(target.name + ".journal") }

    /// What the deploy will do, reading the target but changing nothing.
    public func plan() async throws -> (plan: DeployPlan, listed: Bool) {
        let remote = try await transport.readManifest().map { bytes in
            guard let manifest = DeployManifest.parse(bytes) else {
                throw DeployError.badTarget("\(target.name): \(DeployManifest.fileName) at the target is not a sitegen deploy manifest")
            }
            return manifest
        }
        var known = remote ?? DeployManifest()
        if let text = try? String(contentsOf: journalURL, encoding: .utf8), let journal = DeployJournal.parse(text),
           journal.base == known.generation {
            known = journal.applied(to: known)  // an interrupted deploy: what it confirmed is there
        }
        guard remote == nil else {
            return (DeployPlan.make(local: site.files, known: known, adopt: options.adopt, delete: options.delete), false)
        }
        // No manifest at the target: list it once. Our local mirror says which files are ours.
        if let mirror = (try? Data(contentsOf: mirrorURL)).flatMap({ DeployManifest.parse(Array($0)) }) {
            for (path, entry) in mirror.entries where known.entries[path] == nil { known.entries[path] = entry }
        }
        let listing = try await transport.list()
        return (DeployPlan.make(local: site.files, known: known, listing: listing, adopt: options.adopt, delete: options.delete), true)
    }

    /// `confirm` sees the plan before anything is sent; returning false stops with `DeployError.declined`.
    /// Plans and deploys; the transport is closed at the end, whatever happened (run once).
    public func run(confirm: (DeployPlan) -> Bool = { _ in true },
                    progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> Report {
        do {
            let report = try await deploy(confirm: confirm, progress: progress)
            await transport.close()
            return report
        } catch {
            await transport.close()
            throw error
        }
    }

    private func deploy(confirm: (DeployPlan) -> Bool, progress: @escaping @Sendable (Progress) -> Void) async throws -> Report {
        let (plan, listed) = try await plan()
        if !plan.foreign.isEmpty && !options.adopt {
            throw DeployError.foreignFiles(target: target.name, paths: plan.foreign, count: plan.foreign.count)
        }
        guard confirm(plan) else { throw DeployError.declined(target: target.name) }
        var report = Report(plan: plan, listed: listed)
        guard !options.dryRun else {
            report.requests = transport.requestCount
            return report
        }
        try FileManager.default.createDirectory(at: stateFolder, withIntermediateDirectories: true)
        let journal = try JournalWriter(url: journalURL, base: plan.before.generation, total: plan.uploads.count, bytes: plan.uploadBytes, progress: progress)
        do {
            for (phase, files) in plan.phases {
                journal.phase = phase.description
                try await transport.upload(files, from: site.root, log: journal)
            }
            if !plan.deletions.isEmpty {
                journal.phase = "deleting"
                try await transport.delete(plan.deletions, log: journal)
            }
        } catch {
            // Keep what arrived: the manifest at the target if it still answers, the journal if not.
            try? await finish(plan: plan, journal: journal)
            throw error
        }
        try await finish(plan: plan, journal: journal)
        let counts = journal.counts
        report.uploaded = counts.files
        report.uploadedBytes = counts.bytes
        report.deleted = counts.deleted
        report.requests = transport.requestCount
        return report
    }

    /// Writes the manifest of what the target now holds, then the local mirror, then drops the journal.
    private func finish(plan: DeployPlan, journal: JournalWriter) async throws {
        var manifest = journal.journal.applied(to: plan.before)
        manifest.generation = UUID().uuidString
        let bytes = manifest.serialized()
        try await transport.writeManifest(bytes)
        try FileBytes.write(bytes, to: mirrorURL.path)
        journal.close()
        try? FileManager.default.removeItem(at: journalURL)
    }
}

/// Appends each event to the journal file as it happens and counts progress.
final class JournalWriter: TransferLog, @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle
    private(set) var journal: DeployJournal
    private var current: Deployer.Progress
    private var deletedCount = 0
    private let progress: @Sendable (Deployer.Progress) -> Void

    init(url: URL, base: String?, total: Int, bytes: Int, progress: @escaping @Sendable (Deployer.Progress) -> Void) throws {
        try FileBytes.write(Array(DeployJournal.headerLine(base: base).utf8), to: url.path)
        handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        journal = DeployJournal(base: base)
        current = Deployer.Progress(phase: "", filesTotal: total, bytesTotal: bytes)
        self.progress = progress
    }

    var phase: String {
        get { lock.withLock { current.phase } }
        set { lock.withLock { current.phase = newValue } }
    }

    var counts: (files: Int, bytes: Int, deleted: Int) {
        lock.withLock { (current.filesDone, current.bytesDone, deletedCount) }
    }

    private func record(_ event: DeployJournal.Event) {
        lock.withLock {
            journal.events.append(event)
            handle.write(Data(DeployJournal.line(event).utf8))
        }
    }

    func started(_ file: LocalFile) {
        record(.started(path: file.path, size: file.size))
    }

    func arrived(_ file: LocalFile) {
        record(.arrived(path: file.path, md5: file.md5, size: file.size))
        let snapshot = lock.withLock { () -> Deployer.Progress in
            current.filesDone += 1
            current.bytesDone += file.size
            return current
        }
        progress(snapshot)
    }

    func deleted(_ path: String) {
        record(.deleted(path: path))
        lock.withLock { deletedCount += 1 }
    }

    func close() {
        lock.withLock { try? handle.close() }
    }
}

import Foundation

/// A host reached over SSH, through the `rsync` program (every host has it; we write no SSH
/// client). Each phase is one rsync run with an explicit file list (`--files-from`), and
/// `--delay-updates` puts the phase's files in place together at its end: a phase arrives
/// whole or not at all, which is what the journal records.
public struct RsyncTransport: DeployTransport {
    public var location: DeployTarget.RsyncLocation
    public var name: String
    /// The remote shell command (`ssh -i KEY …`); nil for RSYNC_RSH or rsync's default.
    public var ssh: String?
    private let runs = Counter()

    public init(location: DeployTarget.RsyncLocation, name: String, ssh: String?) {
        self.location = location
        self.name = name
        self.ssh = ssh
    }

    public var requestCount: Int { runs.value }

    /// `-e` for rsync, when the URL names a port or site.yml a shell.
    var shellArguments: [String] {
        guard ssh != nil || location.port != nil else { return [] }
        var shell = ssh ?? ProcessInfo.processInfo.environment["RSYNC_RSH"] ?? "ssh"
        if let port = location.port { shell += " -p \(port)" }
        return ["-e", shell]
    }

    public func readManifest() async throws -> [UInt8]? {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let result = try await rsync(["-t", location.destination + DeployManifest.fileName, scratch.url.path + "/"])
        if result.status == 0 { return try Data(contentsOf: scratch.url.appendingPathComponent(DeployManifest.fileName)).map { $0 } }
        if Self.isMissing(result) { return nil }  // no manifest yet, or no folder yet
        throw DeployError.unreachable(target: name, reason: result.message)
    }

    public func list() async throws -> [String: RemoteObject] {
        let result = try await rsync(["--list-only", "-r", location.destination])
        if Self.isMissing(result) { return [:] }
        guard result.status == 0 else { throw DeployError.unreachable(target: name, reason: result.message) }
        return Self.parseListing(result.output)
    }

    public func upload(_ files: [LocalFile], from root: URL, log: TransferLog) async throws {
        guard !files.isEmpty else { return }
        let scratch = try Scratch()
        defer { scratch.remove() }
        let list = scratch.url.appendingPathComponent("files")
        try Data(files.map { $0.path + "\n" }.joined().utf8).write(to: list)
        for file in files { log.started(file) }
        // -t keeps times, so rsync's own comparison skips what a first deploy finds identical.
        let result = try await rsync(["-t", "--chmod=D755,F644", "--delay-updates", "--files-from=" + list.path,
                                      root.path + "/", location.destination])
        guard result.status == 0 else {
            throw DeployError.transferFailed(target: name, path: "\(files.count) file(s)", reason: result.message)
        }
        for file in files { log.arrived(file) }
    }

    public func delete(_ paths: [String], log: TransferLog) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let list = scratch.url.appendingPathComponent("files")
        try Data(paths.map { $0 + "\n" }.joined().utf8).write(to: list)
        // Names missing on our side are deleted on the host: exactly these, nothing else.
        // Their folders must exist on our side, or rsync warns that it cannot send them (code 24).
        let empty = scratch.url.appendingPathComponent("empty")
        for folder in Set(paths.map { ($0 as NSString).deletingLastPathComponent }) {
            try FileManager.default.createDirectory(at: empty.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let result = try await rsync(["--delete-missing-args", "--files-from=" + list.path, empty.path + "/", location.destination])
        guard result.status == 0 else {
            throw DeployError.transferFailed(target: name, path: "deleting \(paths.count) file(s)", reason: result.message)
        }
        for path in paths { log.deleted(path) }
    }

    public func writeManifest(_ bytes: [UInt8]) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.url.appendingPathComponent(DeployManifest.fileName)
        try Data(bytes).write(to: file)
        let result = try await rsync(["-t", "--chmod=F644", file.path, location.destination])
        guard result.status == 0 else {
            throw DeployError.transferFailed(target: name, path: DeployManifest.fileName, reason: result.message)
        }
    }

    /// rsync's code 23 ("partial transfer") with "No such file": the file or folder is not there.
    static func isMissing(_ result: ProcessResult) -> Bool {
        result.status == 23 && result.errors.contains("No such file or directory")
    }

    /// `--list-only` lines: `-rw-r--r--     1,234 2026/12/01 10:00:00 path/to/file`.
    static func parseListing(_ text: String) -> [String: RemoteObject] {
        var listing: [String: RemoteObject] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("-") {
            let parts = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: true)
            guard parts.count == 5, let size = Int(parts[1].filter { $0 != "," && $0 != "." }) else { continue }
            let path = String(parts[4])
            guard RemotePath.isSafe(path), !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            listing[path] = RemoteObject(size: size)
        }
        return listing
    }

    private func rsync(_ arguments: [String]) async throws -> ProcessResult {
        runs.add()
        let result = try? await ProcessResult.run("rsync", shellArguments + arguments)
        guard let result else {
            throw DeployError.unreachable(target: name, reason: "cannot run rsync; install it (Debian: apt-get install rsync)")
        }
        return result
    }
}

/// A temporary folder of our own, for file lists and the manifest on its way.
struct Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add(_ amount: Int = 1) { lock.withLock { count += amount } }
}

import Foundation

/// One kind of host. A transport moves bytes and reports each file as it is confirmed; what to
/// move and in what order is the plan's business, and the journal's what arrived.
public protocol DeployTransport: Sendable {
    /// The target's deploy manifest, nil when it has none. The first call to the target: it
    /// throws `unreachable` or `credentialsRejected` so that nothing else is tried.
    func readManifest() async throws -> [UInt8]?
    /// Every file under the target's folder or prefix (for a target with no manifest yet).
    func list() async throws -> [String: RemoteObject]
    /// Sends the files of one phase (in any order, in parallel where the host allows), calling
    /// `log.started` before each and `log.arrived` once the host confirmed it.
    func upload(_ files: [LocalFile], from root: URL, log: TransferLog) async throws
    func delete(_ paths: [String], log: TransferLog) async throws
    func writeManifest(_ bytes: [UInt8]) async throws
    /// Requests (HTTP) or runs (rsync) made so far, for the summary.
    var requestCount: Int { get }
    /// The deploy is over: let go of connections (the deployer calls it once, whatever happened).
    func close() async
}

extension DeployTransport {
    public func close() async {}
}

/// Where transports report transfers: the deployer journals them and shows progress.
public protocol TransferLog: Sendable {
    func started(_ file: LocalFile)
    func arrived(_ file: LocalFile)
    func deleted(_ path: String)
}

extension DeployTarget {
    /// The transport for this target.
    public func transport(settings: DeploySettings.Target, options: TransportOptions = TransportOptions()) throws -> DeployTransport {
        switch self {
        case .folder(let path):
            return FolderTransport(folder: URL(fileURLWithPath: path), name: settings.name)
        case .rsync(let location):
            return RsyncTransport(location: location, name: settings.name, ssh: settings.ssh)
        case .s3(let location):
            return try S3Transport(location: location, name: settings.name, cacheControl: settings.cacheControl, options: options)
        }
    }
}

/// Knobs of the network transports (the tests make them small).
public struct TransportOptions: Sendable {
    /// Uploads in flight at once.
    public var parallelUploads = 8
    /// Attempts per request on a 5xx, a throttle or a broken connection.
    public var attempts = 4
    /// Seconds before the first retry; doubled for each next one.
    public var firstBackoff = 0.25
    /// Files larger than this go up in parts of `partSize`.
    public var multipartThreshold = 16 * 1024 * 1024
    public var partSize = 8 * 1024 * 1024
    /// The search folder, for its own Cache-Control.
    public var searchFolder = "tim-kiem/"
    /// Seconds a request may take.
    public var timeout: Int64 = 60
    /// Seconds a request waits for a connection. A host that refuses connections (down, or
    /// restarting) fails the attempt after this, and the attempt is retried with backoff;
    /// without it a refused connection was waited on for the whole `timeout`.
    public var connectTimeout: Int64 = 10
    /// Where `~/.aws/credentials` is, and the environment to read keys from.
    public var environment = ProcessInfo.processInfo.environment
    public var home = FileManager.default.homeDirectoryForCurrentUser

    public init() {}
}

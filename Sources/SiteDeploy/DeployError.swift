/// Why a deploy refused to start or stopped. Each names the target as the editor wrote it.
public enum DeployError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder holds no build manifest: it was not written by `sitegen build`.
    case notBuilt(output: String)
    /// A target URL or a `deploy:` entry of site.yml that cannot be used.
    case badTarget(String)
    /// The target did not answer (DNS, connection, ssh).
    case unreachable(target: String, reason: String)
    /// The target answered but refused who we are.
    case credentialsRejected(target: String, status: Int, code: String)
    /// No credentials were found for an S3 target.
    case noCredentials(target: String)
    /// The target holds files that no deploy of this site uploaded.
    case foreignFiles(target: String, paths: [String], count: Int)
    /// A transfer failed after its retries.
    case transferFailed(target: String, path: String, reason: String)
    /// The person (or the lack of `--yes`) said no to the plan.
    case declined(target: String)

    public var description: String {
        switch self {
        case .notBuilt(let output):
            return "\(output) was not built by sitegen (no \(".sitegen-manifest")): run `sitegen build` first"
        case .badTarget(let message):
            return message
        case .unreachable(let target, let reason):
            return "\(target) is not reachable: \(reason)"
        case .credentialsRejected(let target, let status, let code):
            return "\(target) rejected the credentials: HTTP \(status)\(code.isEmpty ? "" : " (\(code))")"
        case .noCredentials(let target):
            return "\(target): no credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials)"
        case .foreignFiles(let target, let paths, let count):
            let shown = paths.prefix(5).joined(separator: ", ")
            return "\(target) already holds \(count) file(s) that this site did not upload (\(shown)\(count > 5 ? ", …" : "")): "
                + "pass --adopt to deploy beside them (they are never deleted)"
        case .transferFailed(let target, let path, let reason):
            return "\(target): \(path): \(reason)"
        case .declined(let target):
            return "\(target): nothing was changed"
        }
    }
}

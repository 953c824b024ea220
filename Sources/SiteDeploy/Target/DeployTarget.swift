import Foundation

/// Where a site goes, parsed from a URL: `file:///var/www/site/`, `ssh://user@host[:port]/path`
/// (or `rsync://` with the same shape, still over SSH), `s3://bucket/prefix?endpoint=…&region=…`.
public enum DeployTarget: Sendable, Equatable {
    case folder(path: String)
    case rsync(RsyncLocation)
    case s3(S3Location)

    public struct RsyncLocation: Sendable, Equatable {
        /// `user@host` or `host`.
        public var host: String
        public var port: Int?
        /// The remote folder, ending with "/".
        public var path: String
        /// rsync's `user@host:/path/` form.
        public var destination: String { "\(host):\(path)" }
    }

    public struct S3Location: Sendable, Equatable {
        public var bucket: String
        /// Key prefix, empty or ending with "/".
        public var prefix: String
        /// `https://s3.REGION.amazonaws.com` unless the URL names another S3-compatible endpoint.
        public var endpoint: String
        public var region: String
        /// The profile of `~/.aws/credentials` to use when the environment holds no keys.
        public var profile: String?
    }

    public static func parse(_ text: String) throws(DeployError) -> DeployTarget {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .badTarget("'\(text)' is not a deploy URL (file://, ssh://, rsync:// or s3://)")
        }
        let path = components.percentEncodedPath.removingPercentEncoding ?? components.path
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        switch scheme {
        case "file":
            guard path.hasPrefix("/"), path.count > 1 else { throw .badTarget("'\(text)': a folder target needs an absolute path, e.g. file:///var/www/site/") }
            return .folder(path: path.hasSuffix("/") ? path : path + "/")
        case "ssh", "rsync":
            guard let host = components.host, !host.isEmpty else { throw .badTarget("'\(text)': no host") }
            guard path.hasPrefix("/"), path.count > 1 else { throw .badTarget("'\(text)': no remote folder, e.g. ssh://user@host/var/www/site/") }
            let user = components.user.map { "\($0)@" } ?? ""
            return .rsync(RsyncLocation(host: user + host, port: components.port, path: path.hasSuffix("/") ? path : path + "/"))
        case "s3":
            guard let bucket = components.host, !bucket.isEmpty else { throw .badTarget("'\(text)': no bucket, e.g. s3://bucket/prefix/") }
            var prefix = String(path.drop(while: { $0 == "/" }))
            if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
            let region = query["region"] ?? "us-east-1"
            var endpoint = query["endpoint"] ?? "https://s3.\(region).amazonaws.com"
            while endpoint.hasSuffix("/") { endpoint.removeLast() }
            guard let url = URL(string: endpoint), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw .badTarget("'\(text)': endpoint must be an http(s) URL")
            }
            return .s3(S3Location(bucket: bucket, prefix: prefix, endpoint: endpoint, region: region, profile: query["profile"]))
        default:
            throw .badTarget("'\(text)': unknown scheme '\(scheme)' (file://, ssh://, rsync:// or s3://)")
        }
    }
}

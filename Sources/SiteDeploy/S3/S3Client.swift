import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Signed requests to one bucket, path-style (`ENDPOINT/BUCKET/KEY`, which every S3-compatible
/// host accepts), retried with backoff on 5xx, throttling and broken connections.
struct S3Client: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var code: String { S3XML.parse(body).fields["Code"] ?? "" }
    }

    var location: DeployTarget.S3Location
    var name: String
    var credentials: AWSCredentials
    var options: TransportOptions
    let requests = Counter()
    private let host: String
    /// Our own client rather than `HTTPClient.shared`: that one waits 90 s for a connection that is
    /// refused, so one host down stalled a deploy for minutes. `shutdown` ends it (`close`).
    private let http: HTTPClient

    init(location: DeployTarget.S3Location, name: String, credentials: AWSCredentials, options: TransportOptions) {
        self.location = location
        self.name = name
        self.credentials = credentials
        self.options = options
        let url = URL(string: location.endpoint)!
        host = url.host! + (url.port.map { ":\($0)" } ?? "")
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(options.connectTimeout))
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connections; the client takes no request after it.
    func shutdown() async {
        try? await http.shutdown()
    }

    /// `key` is relative to the bucket (nil for the bucket itself).
    func send(_ method: HTTPMethod, key: String?, query: [(String, String)] = [], headers: [(String, String)] = [],
              body: [UInt8] = []) async throws -> Response {
        let endpoint = URL(string: location.endpoint)!
        let basePath = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let path = basePath + "/" + SignatureV4.encode(location.bucket) + (key.map { "/" + SignatureV4.encode($0, keepSlash: true) } ?? "/")
        // `?uploads`, `?delete`: bare names on the wire, `name=` in the signature (as AWS does).
        let queryString = query.map { $0.1.isEmpty ? SignatureV4.encode($0.0) : "\(SignatureV4.encode($0.0))=\(SignatureV4.encode($0.1))" }
            .joined(separator: "&")
        let url = "\(endpoint.scheme!)://\(host)\(path)\(queryString.isEmpty ? "" : "?" + queryString)"
        let payloadHash = SignatureV4.sha256Hex(body)
        let signer = SignatureV4(credentials: credentials, region: location.region)

        var attempt = 0
        while true {
            attempt += 1
            var all = [("host", host)] + headers
            all += signer.sign(method: method.rawValue, encodedPath: path, query: query, headers: all, payloadHash: payloadHash, date: Date())
            var request = HTTPClientRequest(url: url)
            request.method = method
            for (name, value) in all where name != "host" { request.headers.add(name: name, value: value) }
            if !body.isEmpty || method == .PUT || method == .POST { request.body = .bytes(ByteBuffer(bytes: body)) }
            requests.add()
            let outcome: Result<Response, Error>
            do {
                let response = try await http.execute(request, timeout: .seconds(options.timeout))
                let bytes = try await response.body.collect(upTo: 64 << 20)
                outcome = .success(Response(status: Int(response.status.code), headers: response.headers, body: Array(buffer: bytes)))
            } catch {
                outcome = .failure(error)
            }
            try Task.checkCancellation()
            switch outcome {
            case .success(let response) where response.status >= 500 || response.status == 429:
                guard attempt < options.attempts else { return response }
            case .success(let response):
                return response
            case .failure(let error):
                guard attempt < options.attempts else {
                    throw DeployError.unreachable(target: name, reason: "\(location.endpoint): \(error)")
                }
            }
            // Exponential backoff with jitter, so parallel uploads do not retry in step.
            let delay = options.firstBackoff * pow(2, Double(attempt - 1)) * Double.random(in: 0.75...1.25)
            try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
        }
    }

    /// An answer of HTTP 200 whose XML does not parse (`S3XML.isWellFormed`).
    func unreadable(_ response: Response, path: String) -> DeployError {
        .transferFailed(target: name, path: path, reason: "HTTP \(response.status) with an answer that is not well-formed XML (\(response.body.count) bytes)")
    }

    /// Turns an unexpected answer into the error a person can act on.
    func failure(_ response: Response, path: String) -> DeployError {
        switch response.status {
        case 401, 403:
            return .credentialsRejected(target: name, status: response.status, code: response.code)
        case 404 where response.code == "NoSuchBucket":
            return .unreachable(target: name, reason: "no bucket '\(location.bucket)' at \(location.endpoint) (HTTP 404)")
        default:
            let message = S3XML.parse(response.body).fields["Message"].map { ": \($0)" } ?? ""
            return .transferFailed(target: name, path: path, reason: "HTTP \(response.status) \(response.code)\(message)")
        }
    }
}

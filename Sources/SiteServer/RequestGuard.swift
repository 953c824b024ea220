import Foundation
import Hummingbird

/// What a request may ask for, checked before anything looks at the disk.
enum RequestRules {
    enum Verdict: Equatable {
        case allowed(decodedPath: String)
        case badRequest(String)
        case notFound
    }

    /// Checks the raw (still percent-encoded) path of a request.
    ///
    /// - `..` and `.` segments, encoded or not, backslashes (`\`, `%5c`), NUL bytes (`%00`),
    ///   encoded slashes (`%2f`, which would hide a segment boundary), invalid percent-encoding and
    ///   paths not starting with `/` are bad requests (400);
    /// - hidden names (`/.sitegen-manifest`) and empty segments (`//x`, which a redirect could turn
    ///   into a protocol-relative URL) are simply not there (404).
    static func check(rawPath: String) -> Verdict {
        guard rawPath.hasPrefix("/") else { return .badRequest("the path must start with /") }
        let lowered = rawPath.lowercased()
        if rawPath.contains("\\") || lowered.contains("%5c") { return .badRequest("backslashes are not allowed") }
        if rawPath.utf8.contains(0) || lowered.contains("%00") { return .badRequest("NUL bytes are not allowed") }
        if lowered.contains("%2f") { return .badRequest("encoded slashes are not allowed") }
        guard let decoded = rawPath.removingPercentEncoding else { return .badRequest("invalid percent-encoding") }
        if decoded.contains("\\") || decoded.utf8.contains(0) { return .badRequest("invalid characters") }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            if segment == ".." || segment == "." { return .badRequest("dot segments are not allowed") }
            if segment.isEmpty && index != segments.count - 1 { return .notFound }
            if segment.hasPrefix(".") { return .notFound }
        }
        return .allowed(decodedPath: decoded)
    }

    /// Whether the `Host` header names this server: a rebinding attacker's page can reach a
    /// loopback port, but only under its own domain name, which is refused here.
    static func isAllowed(host authority: String?, listeningOn bindHost: String, extraHosts: Set<String>) -> Bool {
        guard let authority, let host = hostName(authority) else { return false }
        let bind = bindHost.lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") || host == bind || extraHosts.contains(host) { return true }
        if isLoopback(host) { return true }
        // Listening on every interface (asked for with --host): any IP literal is fine, names are not.
        if bind == "0.0.0.0" || bind == "::" || bind == "[::]" { return isIPLiteral(host) }
        return false
    }

    /// "Example.org:8080" → "example.org"; "[::1]:8080" → "::1"; nil when malformed.
    static func hostName(_ authority: String) -> String? {
        var text = authority.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty, !text.contains("@"), !text.contains("/") else { return nil }
        if text.hasPrefix("[") {
            guard let end = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: end)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber)) else { return nil }
            return String(text[text.index(after: text.startIndex)..<end])
        }
        if let colon = text.lastIndex(of: ":") {
            guard text[text.index(after: colon)...].allSatisfy(\.isNumber) else { return nil }
            text = String(text[..<colon])
        }
        if text.hasSuffix(".") { text.removeLast() }
        return text.isEmpty ? nil : text
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "::1" || (isIPv4(host) && host.hasPrefix("127."))
    }

    static func isIPLiteral(_ host: String) -> Bool {
        isIPv4(host) || (host.contains(":") && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." })
    }

    static func isIPv4(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }
    }
}

/// First in the chain: refuses foreign `Host` headers and unsafe paths, and marks every
/// response as not to be cached without asking (a preview changes all the time).
struct RequestGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let bindHost: String
    let extraHosts: Set<String>
    /// "/luu-tru/" when the site lives below the server root, else "/".
    let basePath: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard RequestRules.isAllowed(host: request.head.authority, listeningOn: bindHost, extraHosts: extraHosts) else {
            return Self.plain(.forbidden, "403 Forbidden: this preview server answers only to its own address (Host header refused).\n")
        }
        switch RequestRules.check(rawPath: request.uri.path) {
        case .badRequest(let reason):
            return Self.plain(.badRequest, "400 Bad Request: \(reason).\n")
        case .notFound:
            throw HTTPError(.notFound)
        case .allowed:
            var response = try await next(request, context)
            // FileMiddleware redirects a folder to "folder/" without the base path it stripped.
            if basePath != "/", (300..<400).contains(response.status.code), let location = response.headers[.location],
               location.hasPrefix("/"), !location.hasPrefix(basePath) {
                response.headers[.location] = String(basePath.dropLast()) + location
            }
            if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-cache" }
            response.headers[.init("X-Content-Type-Options")!] = "nosniff"
            return response
        }
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

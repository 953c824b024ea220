import Foundation

/// AWS Signature Version 4 for S3 (what every S3-compatible host checks): a canonical form of
/// the request, hashed and signed with a key derived from the secret, the day and the region.
/// Pure, so it is tested against AWS's published example.
struct SignatureV4 {
    var credentials: AWSCredentials
    var region: String
    var service = "s3"

    /// The headers to add to a request: `x-amz-date`, `x-amz-content-sha256`, the session token
    /// if any, and `Authorization`. `headers` must hold `host` and every header that will be sent.
    func sign(method: String, encodedPath: String, query: [(String, String)], headers: [(String, String)],
              payloadHash: String, date: Date) -> [(String, String)] {
        let (day, stamp) = Self.timestamps(date)
        var signed = headers.map { ($0.0.lowercased(), $0.1.trimmingCharacters(in: .whitespaces)) }
        var added = [("x-amz-content-sha256", payloadHash), ("x-amz-date", stamp)]
        if let token = credentials.sessionToken { added.append(("x-amz-security-token", token)) }
        signed += added
        signed.sort { $0.0 < $1.0 }
        let canonicalQuery = query.map { (Self.encode($0.0), Self.encode($0.1)) }
            .sorted { $0 < $1 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let names = signed.map(\.0).joined(separator: ";")
        let canonical = [method, encodedPath, canonicalQuery, signed.map { "\($0.0):\($0.1)\n" }.joined(), names, payloadHash]
            .joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, Self.sha256Hex(Array(canonical.utf8))].joined(separator: "\n")
        var key = Array("AWS4\(credentials.secretAccessKey)".utf8)
        for part in [day, region, service, "aws4_request"] {
            key = Digest.hmacSHA256(key: key, Array(part.utf8))
        }
        let signature = Digest.hmacSHA256(key: key, Array(stringToSign.utf8)).hex
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(names), Signature=\(signature)"
        return added + [("Authorization", authorization)]
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        Digest.sha256(bytes).hex
    }

    /// `20130524` and `20130524T000000Z`, in UTC.
    static func timestamps(_ date: Date) -> (String, String) {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        let day = String(format: "%04d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
        return (day, day + String(format: "T%02d%02d%02dZ", parts.tm_hour, parts.tm_min, parts.tm_sec))
    }

    /// RFC 3986 percent-encoding as SigV4 wants it: unreserved characters stay, every other byte
    /// becomes %XX; `/` stays only in paths.
    static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out += "/"
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}

/// Keys for an S3 target: from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`,
/// else a profile of `~/.aws/credentials` (`AWS_PROFILE`, or the URL's `profile=`, or `default`).
/// Never in site.yml, and never printed: its description hides everything.
struct AWSCredentials: Sendable, CustomStringConvertible {
    var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String?

    var description: String { "AWS credentials (hidden)" }

    static func resolve(environment: [String: String], home: URL, profile: String?) -> AWSCredentials? {
        if let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"], !key.isEmpty, !secret.isEmpty {
            return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 })
        }
        let file = environment["AWS_SHARED_CREDENTIALS_FILE"].map { URL(fileURLWithPath: $0) }
            ?? home.appendingPathComponent(".aws/credentials")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let name = profile ?? environment["AWS_PROFILE"] ?? "default"
        let section = profileSection(text, name: name)
        guard let key = section["aws_access_key_id"], let secret = section["aws_secret_access_key"] else { return nil }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: section["aws_session_token"])
    }

    /// The `key = value` lines of `[name]` in an INI file.
    static func profileSection(_ text: String, name: String) -> [String: String] {
        var values: [String: String] = [:]
        var inside = false
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || line.hasPrefix(";") || line.isEmpty { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                inside = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces) == name
                continue
            }
            guard inside, let equals = line.firstIndex(of: "=") else { continue }
            values[line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return values
    }
}

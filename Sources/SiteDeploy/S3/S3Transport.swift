import Foundation
import SiteKit

/// An S3-compatible bucket (AWS, MinIO, Ceph, …). Every object gets its Content-Type and
/// Cache-Control; uploads run in parallel (bounded) with Content-MD5, so the host refuses a
/// body that did not arrive intact; large files go up in parts; aliases become
/// `x-amz-website-redirect-location`, which an S3 website answers with a 301.
public struct S3Transport: DeployTransport {
    var client: S3Client
    var cacheControl: CacheControl
    var options: TransportOptions

    public init(location: DeployTarget.S3Location, name: String, cacheControl: CacheControl, options: TransportOptions) throws {
        guard let credentials = AWSCredentials.resolve(environment: options.environment, home: options.home, profile: location.profile) else {
            throw DeployError.noCredentials(target: name)
        }
        client = S3Client(location: location, name: name, credentials: credentials, options: options)
        self.cacheControl = cacheControl
        self.options = options
    }

    public var requestCount: Int { client.requests.value }

    public func close() async {
        await client.shutdown()
    }
    var prefix: String { client.location.prefix }

    public func readManifest() async throws -> [UInt8]? {
        let response = try await client.send(.GET, key: prefix + DeployManifest.fileName)
        if response.status == 200 { return response.body }
        if response.status == 404 && response.code != "NoSuchBucket" { return nil }
        throw client.failure(response, path: DeployManifest.fileName)
    }

    public func list() async throws -> [String: RemoteObject] {
        var listing: [String: RemoteObject] = [:]
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", prefix)]
            if let token { query.append(("continuation-token", token)) }
            let response = try await client.send(.GET, key: nil, query: query)
            guard response.status == 200 else { throw client.failure(response, path: "(listing)") }
            let xml = S3XML.parse(response.body, record: "Contents")
            // A listing cut short would hide objects: the plan would upload them again and miss foreign ones.
            guard xml.isWellFormed else { throw client.unreadable(response, path: "(listing)") }
            for object in xml.records {
                guard let key = object["Key"], key.hasPrefix(prefix), let size = object["Size"].flatMap({ Int($0) }) else { continue }
                let etag = (object["ETag"] ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                // A multipart upload's ETag ("…-3") is no MD5 of the content.
                listing[String(key.dropFirst(prefix.count))] = RemoteObject(size: size, md5: etag.count == 32 ? etag.lowercased() : nil)
            }
            token = xml.fields["IsTruncated"] == "true" ? xml.fields["NextContinuationToken"] : nil
        } while token != nil
        return listing
    }

    public func upload(_ files: [LocalFile], from root: URL, log: TransferLog) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = files.makeIterator()
            func addNext() -> Bool {
                guard let file = next.next() else { return false }
                group.addTask { try await self.upload(file, from: root, log: log) }
                return true
            }
            for _ in 0..<max(1, options.parallelUploads) where !addNext() { break }
            // The first failure cancels the rest: what arrived is journaled, the rest waits for the next deploy.
            while try await group.next() != nil { _ = addNext() }
        }
    }

    func headers(for file: LocalFile) -> [(String, String)] {
        var headers = [("content-type", MediaType.of(file.path))]
        if let cache = cacheControl.header(for: file.path, searchFolder: options.searchFolder) { headers.append(("cache-control", cache)) }
        if let redirect = file.redirect { headers.append(("x-amz-website-redirect-location", redirect)) }
        return headers
    }

    private func upload(_ file: LocalFile, from root: URL, log: TransferLog) async throws {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(root.appendingPathComponent(file.path).path) } catch {
            throw DeployError.transferFailed(target: client.name, path: file.path, reason: "\(error)")
        }
        // The file changed since it was planned (a build ran meanwhile): send what the plan saw or nothing.
        guard MD5Hex.of(bytes) == file.md5 else {
            throw DeployError.transferFailed(target: client.name, path: file.path, reason: "changed while deploying; run the deploy again")
        }
        log.started(file)
        if bytes.count > options.multipartThreshold {
            try await uploadInParts(file, bytes)
        } else {
            let response = try await client.send(.PUT, key: prefix + file.path,
                                                 headers: headers(for: file) + [("content-md5", Self.base64(hex: file.md5))], body: bytes)
            guard response.status == 200 else { throw client.failure(response, path: file.path) }
        }
        log.arrived(file)
    }

    private func uploadInParts(_ file: LocalFile, _ bytes: [UInt8]) async throws {
        let key = prefix + file.path
        let created = try await client.send(.POST, key: key, query: [("uploads", "")], headers: headers(for: file))
        guard created.status == 200, let uploadID = S3XML.parse(created.body).fields["UploadId"] else {
            throw client.failure(created, path: file.path)
        }
        do {
            var parts: [(Int, String)] = []
            var offset = 0
            while offset < bytes.count {
                let part = Array(bytes[offset..<min(offset + options.partSize, bytes.count)])
                let number = parts.count + 1
                let response = try await client.send(.PUT, key: key, query: [("partNumber", String(number)), ("uploadId", uploadID)],
                                                     headers: [("content-md5", Self.base64(hex: MD5Hex.of(part)))], body: part)
                guard response.status == 200, let etag = response.headers.first(name: "etag") else { throw client.failure(response, path: file.path) }
                parts.append((number, etag))
                offset += part.count
            }
            let body = "<CompleteMultipartUpload>" + parts.map { "<Part><PartNumber>\($0.0)</PartNumber><ETag>\(S3XML.escape($0.1))</ETag></Part>" }.joined()
                + "</CompleteMultipartUpload>"
            let done = try await client.send(.POST, key: key, query: [("uploadId", uploadID)], body: Array(body.utf8))
            // S3 may answer 200 and put the error in the body.
            guard done.status == 200, S3XML.parse(done.body).fields["Code"] == nil else { throw client.failure(done, path: file.path) }
        } catch {
            _ = try? await client.send(.DELETE, key: key, query: [("uploadId", uploadID)])
            throw error
        }
    }

    /// DeleteObjects, a thousand keys a request.
    public func delete(_ paths: [String], log: TransferLog) async throws {
        var start = 0
        while start < paths.count {
            let batch = Array(paths[start..<min(start + 1000, paths.count)])
            start += batch.count
            let body = Array(("<Delete><Quiet>true</Quiet>" + batch.map { "<Object><Key>\(S3XML.escape(prefix + $0))</Key></Object>" }.joined()
                + "</Delete>").utf8)
            let response = try await client.send(.POST, key: nil, query: [("delete", "")],
                                                 headers: [("content-md5", Self.base64(hex: MD5Hex.of(body))), ("content-type", "application/xml")], body: body)
            guard response.status == 200 else { throw client.failure(response, path: "deleting \(batch.count) file(s)") }
            let answer = S3XML.parse(response.body, record: "Error")
            // Its refusals unreadable, no key of the batch is known to be gone.
            guard answer.isWellFormed else { throw client.unreadable(response, path: "deleting \(batch.count) file(s)") }
            let failed = Set(answer.records.compactMap { $0["Key"] })
            for path in batch where !failed.contains(prefix + path) { log.deleted(path) }
            if let first = failed.sorted().first {
                throw DeployError.transferFailed(target: client.name, path: first, reason: "not deleted (\(failed.count) key(s) refused)")
            }
        }
    }

    public func writeManifest(_ bytes: [UInt8]) async throws {
        let response = try await client.send(.PUT, key: prefix + DeployManifest.fileName,
                                             headers: [("content-type", "text/plain; charset=utf-8"), ("cache-control", "no-cache"),
                                                       ("content-md5", Self.base64(hex: MD5Hex.of(bytes)))], body: bytes)
        guard response.status == 200 else { throw client.failure(response, path: DeployManifest.fileName) }
    }

    static func base64(hex: String) -> String {
        var bytes: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        func nibble(_ c: UInt8) -> UInt8 { c >= UInt8(ascii: "a") ? c - UInt8(ascii: "a") + 10 : c - UInt8(ascii: "0") }
        while let high = iterator.next(), let low = iterator.next() { bytes.append(nibble(high) << 4 | nibble(low)) }
        return Data(bytes).base64EncodedString()
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Dispatch
import Foundation

/// A deliberately dumb HTTP/1.1 client over a plain socket: it sends exactly the bytes it is given
/// (no URL normalisation, so `..`, `%2e%2e`, backslashes and NUL reach the server as written).
/// Blocking calls run on a GCD thread, never on Swift concurrency's few threads, which the
/// server needs.
final class RawConnection: @unchecked Sendable {
    struct Response {
        var status: Int
        var headers: [String: String]  // lowercased names
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    private let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to the loopback port (IPv4, then IPv6).
    init(port: Int, timeout: Double = 10) throws {
        for family in [AF_INET, AF_INET6] {
            let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { continue }
            var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var result: Int32
            if family == AF_INET {
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                result = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
            } else {
                var address = sockaddr_in6()
                address.sin6_family = sa_family_t(AF_INET6)
                address.sin6_port = in_port_t(UInt16(port).bigEndian)
                address.sin6_addr = in6addr_loopback
                result = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
                }
            }
            if result == 0 {
                self.fd = fd
                return
            }
            Glibc.close(fd)
        }
        throw Failure(description: "cannot connect to port \(port)")
    }

    deinit { Glibc.close(fd) }

    func close() { shutdown(fd, Int32(SHUT_RDWR)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            offset += count
        }
    }

    /// Reads more bytes into the buffer; false at end of stream or timeout.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }

    /// Reads until `marker` appears; returns everything up to and including it.
    func read(until marker: String) throws -> String {
        let needle = Array(marker.utf8)
        while true {
            if let range = find(needle) {
                let text = String(decoding: buffer[..<range], as: UTF8.self)
                buffer.removeSubrange(..<range)
                return text
            }
            guard fill() else { throw Failure(description: "stream ended before \(marker.debugDescription); got \(String(decoding: buffer, as: UTF8.self).debugDescription)") }
        }
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        outer: for start in 0...(buffer.count - needle.count) {
            for offset in 0..<needle.count where buffer[start + offset] != needle[offset] { continue outer }
            return start + needle.count
        }
        return nil
    }

    /// Reads one response (Content-Length bodies, or none for HEAD / 304 / 1xx-free statuses).
    func readResponse(head: Bool = false) throws -> Response {
        let headText = try read(until: "\r\n\r\n")
        var lines = headText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw Failure(description: "empty response") }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "bad status line \(statusLine)") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body: [UInt8] = []
        if !head && status != 304 && status != 204 {
            if let length = headers["content-length"].flatMap(Int.init) {
                while buffer.count < length { guard fill() else { break } }
                body = Array(buffer.prefix(length))
                buffer.removeFirst(min(length, buffer.count))
            } else if headers["transfer-encoding"]?.lowercased() == "chunked" {
                while true {
                    let sizeLine = try read(until: "\r\n").trimmingCharacters(in: .whitespacesAndNewlines)
                    guard let size = Int(sizeLine, radix: 16) else { break }
                    while buffer.count < size + 2 { guard fill() else { break } }
                    body += buffer.prefix(size)
                    buffer.removeFirst(min(size + 2, buffer.count))
                    if size == 0 { break }
                }
            }
        }
        return Response(status: status, headers: headers, body: body)
    }
}

enum RawHTTP {
    /// Runs blocking socket work on a GCD thread.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// One request on a new connection. `target` is sent as is.
    static func request(port: Int, method: String = "GET", target: String, host: String? = "localhost",
                        headers: [String: String] = [:]) async throws -> RawConnection.Response {
        try await blocking {
            let connection = try RawConnection(port: port)
            var text = "\(method) \(target) HTTP/1.1\r\n"
            if let host { text += "Host: \(host)\r\n" }
            for (name, value) in headers { text += "\(name): \(value)\r\n" }
            text += "Connection: close\r\n\r\n"
            try connection.send(Array(text.utf8))
            return try connection.readResponse(head: method == "HEAD")
        }
    }

    /// Same, with the request line given as raw bytes (for NUL bytes).
    static func request(port: Int, rawTarget: [UInt8]) async throws -> RawConnection.Response {
        try await blocking {
            let connection = try RawConnection(port: port)
            let bytes = Array("GET ".utf8) + rawTarget + Array(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
            try connection.send(bytes)
            return try connection.readResponse()
        }
    }
}

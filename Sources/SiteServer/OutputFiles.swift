#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import Foundation
import Hummingbird

/// The output folder as Hummingbird's `FileMiddleware` sees it.
///
/// - Only files whose real path (symlinks resolved) is inside the output folder exist; a symlink
///   leading out is "not found".
/// - A file is read once, when the middleware asks for its attributes, from one open descriptor:
///   size, date and bytes always belong together even while a rebuild renames new files in.
/// - HTML gets the live-reload script tag; its size and ETag are those of what is sent.
struct OutputFiles: FileProvider {
    struct Attributes: FileMiddlewareFileAttributes, Sendable {
        let isFolder: Bool
        let size: Int
        let modificationDate: Date
    }

    /// The file's real path, and its bytes once read.
    final class Identifier: @unchecked Sendable {
        let path: String
        var bytes: [UInt8] = []

        init(path: String) { self.path = path }
    }

    let root: String
    let injectLiveReload: Bool

    init(root: String, injectLiveReload: Bool = true) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.injectLiveReload = injectLiveReload
    }

    func getFileIdentifier(_ path: String) -> Identifier? {
        guard !path.contains("\0"), !path.contains("\\") else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else { return nil }
        guard let rootReal = Self.realPath(root) else { return nil }
        let full = segments.isEmpty ? root : root + "/" + segments.joined(separator: "/")
        guard let real = Self.realPath(full), real == rootReal || real.hasPrefix(rootReal == "/" ? "/" : rootReal + "/") else {
            return nil
        }
        return Identifier(path: real)
    }

    func getAttributes(id: Identifier) async throws -> Attributes? {
        let fd = open(id.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let date = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return Attributes(isFolder: true, size: 0, modificationDate: date)
        case S_IFREG:
            guard var bytes = Self.readAll(fd, size: Int(info.st_size)) else { return nil }
            if injectLiveReload, Self.isHTML(id.path) { bytes = LiveReload.inject(into: bytes) }
            id.bytes = bytes
            return Attributes(isFolder: false, size: bytes.count, modificationDate: date)
        default:
            return nil  // no devices, sockets or pipes
        }
    }

    func loadFile(id: Identifier, context: some RequestContext) async throws -> ResponseBody {
        ResponseBody(byteBuffer: ByteBuffer(bytes: id.bytes))
    }

    func loadFile(id: Identifier, range: ClosedRange<Int>, context: some RequestContext) async throws -> ResponseBody {
        let lower = max(0, min(range.lowerBound, id.bytes.count))
        // `upperBound` comes from the request: `bytes=0-9223372036854775807` must not overflow `+ 1`.
        let upper = max(lower, range.upperBound >= id.bytes.count ? id.bytes.count : range.upperBound + 1)
        return ResponseBody(byteBuffer: ByteBuffer(bytes: id.bytes[lower..<upper]))
    }

    /// The page served for anything not found: the site's 404.html, or a minimal one.
    func notFoundPage() -> [UInt8] {
        if let id = getFileIdentifier("/404.html") {
            let fd = open(id.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            if fd >= 0 {
                defer { close(fd) }
                var info = stat()
                if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, let bytes = Self.readAll(fd, size: Int(info.st_size)) {
                    return injectLiveReload ? LiveReload.inject(into: bytes) : bytes
                }
            }
        }
        let fallback = Array("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404</h1></body></html>\n".utf8)
        return injectLiveReload ? LiveReload.inject(into: fallback) : fallback
    }

    static func isHTML(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func readAll(_ fd: Int32, size: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var offset = 0
        while true {
            if offset == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: 4096)) }
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            offset += count
        }
        bytes.removeSubrange(offset...)
        return bytes
    }
}

/// Serves the site's 404 page, with status 404, for whatever the inner handlers did not find;
/// until the first build has finished, a "building…" page instead (503, reloaded when it is done),
/// so that a large archive's first minute is not a wall of 404s.
struct NotFoundPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let files: OutputFiles
    var firstBuildPending: @Sendable () -> Bool = { false }

    static var buildingPage: [UInt8] {
        Array("""
        <!doctype html>
        <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Building…</title></head>
        <body><h1>Building the site…</h1><p>This page reloads itself when the first build is done.</p></body></html>

        """.utf8)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            guard response.status == .notFound else { return response }
        } catch let error as HTTPResponseError where error.status == .notFound {
        }
        let building = firstBuildPending()
        let page = building ? (files.injectLiveReload ? LiveReload.inject(into: Self.buildingPage) : Self.buildingPage) : files.notFoundPage()
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLength] = String(page.count)
        headers[.cacheControl] = "no-cache"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        if building { headers[.retryAfter] = "1" }
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: page))
        return Response(status: building ? .serviceUnavailable : .notFound, headers: headers, body: body)
    }
}

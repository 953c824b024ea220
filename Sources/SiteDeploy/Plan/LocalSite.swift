import Dispatch
import Foundation
import SiteKit

/// One file of the built site, as the plan sees it.
public struct LocalFile: Sendable, Equatable {
    public var path: String
    public var size: Int
    /// Lower-case hex MD5 of the bytes.
    public var md5: String
    public var kind: FileKind
    /// Where an S3 website should redirect this path (an alias of `_redirects`), if anywhere.
    public var redirect: String?
}

/// The output folder as it stands: every file with its hash and kind.
public struct LocalSite: Sendable {
    public var root: URL
    public var files: [LocalFile]

    /// Refuses a folder that `sitegen build` did not write (no build manifest): deploying a
    /// half-copied or foreign folder would publish it.
    public static func scan(output: URL, config: SiteConfig) throws -> LocalSite {
        guard FileManager.default.fileExists(atPath: output.appendingPathComponent(Manifest.fileName).path) else {
            throw DeployError.notBuilt(output: output.path)
        }
        // Dot files (the build manifest among them) are not part of the site.
        let found = FileTree.files(under: output.path).map(\.path).filter { RemotePath.isSafe($0) }
        let pattern = ArticlePattern(config.permalinks.article)
        let redirects = (try? FileBytes.read(output.appendingPathComponent("_redirects").path))
            .map { Redirects.parse(String(decoding: $0, as: UTF8.self), basePath: config.basePath) } ?? [:]
        let hashed = try concurrentMap(found) { path -> LocalFile in
            let bytes = try FileBytes.read(output.appendingPathComponent(path).path)
            return LocalFile(path: path, size: bytes.count, md5: MD5Hex.of(bytes), kind: FileKind.of(path, articlePattern: pattern),
                             redirect: redirects[path])
        }
        return LocalSite(root: output, files: hashed)
    }
}

enum MD5Hex {
    static func of<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Digest.md5(bytes).hex
    }
}

extension Sequence where Element == UInt8 {
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// `_redirects` (Netlify's format, which the build writes: `FROM TO 301`), keyed by the output
/// file that answers FROM, so an S3 website can answer it with a real redirect.
enum Redirects {
    static func parse(_ text: String, basePath: String) -> [String: String] {
        var map: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2, parts[0].hasPrefix(basePath) || basePath == "/" else { continue }
            var path = String(parts[0].dropFirst(basePath.count))
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            map[path] = String(parts[1])
        }
        return map
    }
}

/// Maps on all cores, in order, rethrowing the first error.
func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> R) throws -> [R] {
    let results = ResultBox<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        results.set(index, Result { try transform(items[index]) })
    }
    return try results.values.map { try $0!.get() }
}

private final class ResultBox<R>: @unchecked Sendable {
    private let lock = NSLock()
    var values: [Result<R, Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<R, Error>) {
        lock.lock(); values[index] = value; lock.unlock()
    }
}

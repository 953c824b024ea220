import Foundation
import SiteKit

/// A folder target (a mounted web root, a USB stick). Each file is written beside its place
/// under a temporary name and renamed over it, so a reader sees the old file or the new one,
/// never half of one.
public struct FolderTransport: DeployTransport {
    public var folder: URL
    public var name: String

    public init(folder: URL, name: String) {
        self.folder = folder
        self.name = name
    }

    public var requestCount: Int { 0 }

    public func readManifest() async throws -> [UInt8]? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw DeployError.unreachable(target: name, reason: "no folder \(folder.path)")
        }
        let path = folder.appendingPathComponent(DeployManifest.fileName).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try FileBytes.read(path)
    }

    public func list() async throws -> [String: RemoteObject] {
        var listing: [String: RemoteObject] = [:]
        for (path, stamp) in FileTree.files(under: folder.path) where RemotePath.isSafe(path) {
            // Hashed, so that a first deploy onto a copy of the site uploads nothing already there.
            let md5 = (try? FileBytes.read(folder.appendingPathComponent(path).path)).map { MD5Hex.of($0) }
            listing[path] = RemoteObject(size: Int(stamp.size), md5: md5)
        }
        return listing
    }

    public func upload(_ files: [LocalFile], from root: URL, log: TransferLog) async throws {
        for file in files {
            try Task.checkCancellation()
            log.started(file)
            do {
                let bytes = try FileBytes.read(root.appendingPathComponent(file.path).path)
                try replace(file.path, with: bytes)
            } catch {
                throw DeployError.transferFailed(target: name, path: file.path, reason: "\(error)")
            }
            log.arrived(file)
        }
    }

    public func delete(_ paths: [String], log: TransferLog) async throws {
        for path in paths {
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path) {
                do { try FileManager.default.removeItem(at: url) } catch {
                    throw DeployError.transferFailed(target: name, path: path, reason: "\(error)")
                }
            }
            log.deleted(path)
            removeEmptyFolders(above: url)
        }
    }

    public func writeManifest(_ bytes: [UInt8]) async throws {
        try replace(DeployManifest.fileName, with: bytes)
    }

    private func replace(_ path: String, with bytes: [UInt8]) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).sitegen-\(UUID().uuidString.prefix(8))")
        try FileBytes.write(bytes, to: temporary.path)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw DeployError.transferFailed(target: name, path: path, reason: "rename: \(reason)")
        }
    }

    /// A deleted article leaves `2023/08/slug/` empty: remove such folders, up to the target's own.
    private func removeEmptyFolders(above url: URL) {
        var folder = url.deletingLastPathComponent().standardizedFileURL
        let top = self.folder.standardizedFileURL.path
        while folder.path.count > top.count, folder.path.hasPrefix(top),
              (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }
}

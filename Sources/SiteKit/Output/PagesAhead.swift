#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import Foundation

/// The preview's "edited and open pages first": a few pages written before the build's session
/// starts, each with one atomic rename, so the editor sees the edit at once. The session then
/// writes them again as part of the build (same bytes, so nothing is visible), and a build that
/// did not finish has the next one remove those it no longer makes (`removeUnlisted`).
extension OutputWriter {
    /// Writes one file in place with one rename; false when its bytes are already there.
    func writeAhead(_ file: OutputFile) -> Bool {
        guard OutputPath.isSafe(file.path) else { return false }
        let target = output.appendingPathComponent(file.path)
        if let existing = try? FileBytes.read(target.path), existing == file.bytes { return false }
        let temporary = output.appendingPathComponent(".sitegen-ahead-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileBytes.write(file.bytes, to: temporary.path)
        } catch {
            unlink(temporary.path)
            return false  // the build writes it anyway
        }
        guard rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            return false
        }
        return true
    }

    /// Removes the files written ahead that the last finished build (its manifest) does not have.
    func removeUnlisted(_ paths: Set<String>) {
        guard !paths.isEmpty else { return }
        let manifest = Manifest.read(from: output)
        let root = output.path + "/"
        for path in paths.sorted() where manifest.entries[path] == nil && OutputPath.isSafe(path) {
            if OutputFolder.removeFile(path, under: root, size: nil) { OutputFolder.removeEmptyFolders(above: path, under: root) }
        }
    }
}

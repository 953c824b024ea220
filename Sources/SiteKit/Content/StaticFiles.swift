import Foundation

/// `static/`: files copied into the output as they are, at the same relative path
/// (`static/images/logo.png` → `images/logo.png`). Hidden files are left out.
enum StaticFiles {
    /// Relative paths, sorted.
    static func list(_ project: Project) -> [String] {
        FileTree.listing(under: project.staticFiles.path, boundary: project.root.path).files.map(\.path)
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
    }

    static func read(_ paths: [String], project: Project) throws(SourceError) -> [OutputFile] {
        var files: [OutputFile] = []
        for path in paths {
            do {
                files.append(OutputFile(path: path, bytes: try FileBytes.read(project.staticFiles.appendingPathComponent(path).path)))
            } catch {
                throw SourceError(path: "static/" + path, message: "cannot read: \(error)")
            }
        }
        return files
    }
}

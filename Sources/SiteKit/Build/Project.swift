import Foundation

/// Where a site's parts live. Everything is relative to the project folder unless given.
public struct Project: Sendable {
    public var root: URL
    public var content: URL
    public var templates: URL
    public var data: URL
    public var settings: URL
    public var output: URL

    public init(root: URL, content: URL? = nil, templates: URL? = nil, output: URL? = nil) {
        let root = root.standardizedFileURL
        self.root = root
        self.content = content?.standardizedFileURL ?? root.appendingPathComponent("content")
        self.templates = templates?.standardizedFileURL ?? root.appendingPathComponent("templates")
        self.data = root.appendingPathComponent("data")
        self.settings = root.appendingPathComponent("site.yml")
        self.output = output?.standardizedFileURL ?? root.appendingPathComponent("public")
    }

    /// Refuses output folders whose cleaning could destroy something: the project itself, its
    /// sources, the file system root, the home folder, or any folder that contains them.
    public func checkOutputFolder(home: URL = FileManager.default.homeDirectoryForCurrentUser) throws(SourceError) {
        let output = Self.resolved(output)
        let protected = [root, content, templates, data, home, URL(fileURLWithPath: "/")].map(Self.resolved)
        for folder in protected {
            if output == folder || folder.hasPrefix(output == "/" ? "/" : output + "/") {
                throw SourceError(path: output, message: "refusing to write the site into \(output): it is or contains \(folder)")
            }
        }
        for source in [content, templates].map(Self.resolved) where output.hasPrefix(source + "/") {
            throw SourceError(path: output, message: "refusing to write the site inside \(source)")
        }
    }

    static func resolved(_ url: URL) -> String {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}

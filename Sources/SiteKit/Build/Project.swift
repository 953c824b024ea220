import Foundation

/// Where a site's parts live. Everything is relative to the project folder unless given.
public struct Project: Sendable {
    public var root: URL
    public var content: URL
    public var templates: URL
    public var data: URL
    public var settings: URL
    /// Files copied into the output as they are (`static/images/logo.png` → `images/logo.png`).
    public var staticFiles: URL
    public var output: URL

    public init(root: URL, content: URL? = nil, templates: URL? = nil, output: URL? = nil) {
        let root = root.standardizedFileURL
        self.root = root
        self.content = content?.standardizedFileURL ?? root.appendingPathComponent("content")
        self.templates = templates?.standardizedFileURL ?? root.appendingPathComponent("templates")
        self.data = root.appendingPathComponent("data")
        self.settings = root.appendingPathComponent("site.yml")
        self.staticFiles = root.appendingPathComponent("static")
        self.output = output?.standardizedFileURL ?? root.appendingPathComponent("public")
    }

    /// Where symbolic links in `content/` may lead: the site folder, or anywhere when site.yml
    /// says `allow_outside_links: true`. Read from site.yml here because the content walk comes
    /// before the settings are loaded; a site.yml that does not parse keeps the boundary (its
    /// error is reported by the load).
    public func contentLinkBoundary() -> URL? {
        (try? SiteConfig.load(from: settings))?.allowOutsideLinks == true ? nil : root
    }

    /// Refuses output folders whose cleaning could destroy something: the project itself, its
    /// sources, the file system root, the home folder, or any folder that contains them; and any
    /// folder that is not ours: an output folder is accepted when it is new, empty (but for
    /// hidden files such as `.gitkeep`), or holds a sitegen manifest. Paths are compared with
    /// every symbolic link resolved, also through the part of the path that does not exist yet.
    public func checkOutputFolder(home: URL = FileManager.default.homeDirectoryForCurrentUser) throws(SourceError) {
        let output = Self.resolved(output)
        let protected = [root, content, templates, data, staticFiles, home, URL(fileURLWithPath: "/")].map(Self.resolved)
        for folder in protected {
            if output == folder || folder.hasPrefix(output == "/" ? "/" : output + "/") {
                throw SourceError(path: output, message: "refusing to write the site into \(output): it is or contains \(folder)")
            }
        }
        for source in [content, templates, data, staticFiles].map(Self.resolved) where output.hasPrefix(source + "/") {
            throw SourceError(path: output, message: "refusing to write the site inside \(source)")
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: output) else {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), !isFolder.boolValue {
                throw SourceError(path: output, message: "refusing to write the site into \(output): it is a file, not a folder")
            }
            return  // new: made by the writer
        }
        let journal = [Manifest.fileName, OutputJournal.commitRecord, OutputJournal.fileName]
        if names.contains(where: journal.contains) { return }
        if let other = names.sorted().first(where: { !$0.hasPrefix(".") }) {
            throw SourceError(path: output, message: "refusing to write the site into \(output): it holds files sitegen did not write "
                              + "(such as '\(other)') and no \(Manifest.fileName); empty it or choose another folder")
        }
    }

    /// The real path: symbolic links resolved in the longest part of the path that exists, the
    /// rest (to be made by the build) appended.
    static func resolved(_ url: URL) -> String {
        var existing = Substring(url.standardizedFileURL.path)
        var rest: [Substring] = []
        var real = FileTree.realPath(String(existing))
        while real == nil, let slash = existing.lastIndex(of: "/") {
            rest.insert(existing[existing.index(after: slash)...], at: 0)
            existing = slash == existing.startIndex ? "/" : existing[..<slash]
            real = FileTree.realPath(String(existing))
        }
        var path = real ?? String(existing)
        for part in rest where !part.isEmpty { path = path == "/" ? "/" + part : path + "/" + part }
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}

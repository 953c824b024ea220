import Foundation

/// What changed since the last build: the one input that tells a full build, a cached build and
/// a preview rebuild apart. Worked out from the input scan against the last build's (`between`),
/// or named by a file watcher (`init(watched:folders:project:)`) and then completed by the scan;
/// every build runs the same stages in the same order, and this says how much of each is redone.
public struct ChangeSet: Sendable, Equatable {
    /// Content files by path below the content folder: new, changed (or named by a watcher), gone.
    public var added: Set<String> = []
    public var edited: Set<String> = []
    public var deleted: Set<String> = []
    /// Anything under `templates/`, `site.yml` (or the build's options), anything under `data/`.
    public var templates = false
    public var settings = false
    public var data = false
    /// Static files or the photos beside articles.
    public var otherFiles = false
    /// No earlier build to compare with, or the watcher lost count: treat everything as new.
    public var everything = false

    public init(added: Set<String> = [], edited: Set<String> = [], deleted: Set<String> = [], templates: Bool = false,
                settings: Bool = false, data: Bool = false, otherFiles: Bool = false, everything: Bool = false) {
        (self.added, self.edited, self.deleted) = (added, edited, deleted)
        (self.templates, self.settings, self.data, self.otherFiles, self.everything) = (templates, settings, data, otherFiles, everything)
    }

    public static let all = ChangeSet(everything: true)

    /// Nothing at all changed.
    public var isEmpty: Bool { self == ChangeSet() }

    /// Only articles changed: every page that does not show a changed article keeps its bytes,
    /// so the pages of the changed ones can be written first.
    public var onlyContent: Bool { !everything && !templates && !settings && !data && !otherFiles }

    /// Content files to read again, even when their stamp looks unchanged (a watcher saw them
    /// written within the file system clock's resolution).
    public var reread: Set<String> { added.union(edited) }

    /// Content paths that came, went or changed.
    public var content: Set<String> { added.union(edited).union(deleted) }

    /// The union of two change sets (a watcher's hint and what the scan found).
    public func merged(with other: ChangeSet) -> ChangeSet {
        var merged = self
        merged.added.formUnion(other.added)
        merged.edited.formUnion(other.edited)
        merged.deleted.formUnion(other.deleted)
        merged.edited.subtract(merged.added)
        merged.templates = templates || other.templates
        merged.settings = settings || other.settings
        merged.data = data || other.data
        merged.otherFiles = otherFiles || other.otherFiles
        merged.everything = everything || other.everything
        return merged
    }

    /// The paths a file watcher reports (absolute; `folders` are folders that came, went or were
    /// renamed), sorted into the kinds of input they are. A content file that is there now counts
    /// as edited (the scan says whether it is new); one that is not, as deleted. A folder of the
    /// content changes nothing by itself: the scan that every build does lists what is in it.
    public init(watched files: Set<String>, folders: Set<String> = [], project: Project) {
        self.init()
        let content = Self.prefix(project.content)
        for path in files.union(folders) {
            if path == project.settings.path {
                settings = true
            } else if Self.isUnder(path, project.templates) {
                templates = true
            } else if Self.isUnder(path, project.data) {
                data = true
            } else if Self.isUnder(path, project.staticFiles) {
                otherFiles = true
            } else if path.hasPrefix(content), files.contains(path) {
                let relative = String(path.dropFirst(content.count))
                if !ContentLoader.isContentFile(relative) {
                    otherFiles = true  // a photo beside an article
                } else if FileTree.Stamp.of(path) == nil {
                    deleted.insert(relative)
                } else {
                    edited.insert(relative)
                }
            }
        }
    }

    /// What changed since the last build, by stamps and fingerprints: `areas` are the last
    /// scan's, `articles` the articles it read, with their stamps (from the cache; nil when the
    /// cache holds none for these settings: then every article counts as changed). `positions`:
    /// where `articles` holds each file of `scan.content`, in its order (the load looks them up
    /// once, for this and for reusing the articles).
    static func between(_ areas: InputScan.Areas?, articles: CachedArticles?, positions: [CachedArticles.Position?],
                        _ scan: InputScan) -> ChangeSet {
        guard let areas else { return .all }
        var changes = ChangeSet()
        changes.templates = areas.templates != scan.areas.templates
        changes.settings = areas.settings != scan.areas.settings
        changes.data = areas.data != scan.areas.data
        changes.otherFiles = areas.otherFiles != scan.areas.otherFiles
        guard let articles else {
            changes.everything = true
            return changes
        }
        var found = 0
        for (file, position) in zip(scan.content, positions) {
            if let position {
                found += 1
                if articles.stamp(at: position) != file.stamp { changes.edited.insert(file.path) }
            } else {
                changes.added.insert(file.path)
            }
        }
        // Every cached path was found again (paths are unique): nothing was deleted.
        if found < articles.count {
            let present = Set(scan.content.map(\.path))
            changes.deleted = Set(articles.paths.filter { !present.contains($0) })
        }
        return changes
    }

    private static func prefix(_ folder: URL) -> String {
        folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
    }

    private static func isUnder(_ path: String, _ folder: URL) -> Bool {
        path == folder.path || path.hasPrefix(prefix(folder))
    }
}

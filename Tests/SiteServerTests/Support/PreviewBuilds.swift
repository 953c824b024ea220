import Foundation
import SiteKit

/// The server's rebuilds as the `Rebuilder` makes them: one pipeline, one memory kept between builds.
final class PreviewBuilds {
    let project: Project
    let options: SiteBuilder.Options
    let memory: BuildMemory

    init(project: Project, options: SiteBuilder.Options = SiteBuilder.Options()) {
        self.project = project
        self.options = options
        memory = BuildMemory(project: project)
    }

    /// A build after `changes` (absolute paths, as the watcher reports them; nil: anything may have changed).
    @discardableResult
    func build(files: Set<String>? = nil, folders: Set<String> = [], openPages: Set<String> = [],
               onFirstPages: ((Set<String>) -> Void)? = nil, shouldCancel: (() -> Bool)? = nil) throws -> SiteBuilder.Report {
        let changes = files.map { ChangeSet(watched: $0, folders: folders, project: project) }
        return try SiteBuilder(project: project, options: options).build(
            changes: changes, memory: memory, firstPages: SiteBuilder.FirstPages(open: openPages) { onFirstPages?($0) },
            shouldCancel: shouldCancel)
    }
}

/// A build that is really clean: no cache, into a new folder.
func cleanBuild(of project: Project, into output: URL) throws {
    try? FileManager.default.removeItem(at: output)
    var options = SiteBuilder.Options()
    options.useCache = false
    _ = try SiteBuilder(project: Project(root: project.root, output: output), options: options).build()
}

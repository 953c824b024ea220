import ArgumentParser
import Foundation
import SiteKit

/// Options every command that reads the site takes.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder (holding site.yml, content/, templates/).")
    var source: String = "."

    @Option(name: .long, help: "Where to write the site (default: SOURCE/public).")
    var output: String?

    @Option(name: .long, help: "Overrides base_url from site.yml.")
    var baseURL: String?

    @Flag(name: .long, help: "Include articles marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Include articles dated in the future.")
    var future = false

    var project: Project {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let root = URL(fileURLWithPath: source, relativeTo: cwd)
        return Project(root: root, output: output.map { URL(fileURLWithPath: $0, relativeTo: cwd) })
    }

    var builderOptions: SiteBuilder.Options {
        SiteBuilder.Options(publish: PublishOptions(includeDrafts: drafts, includeFuture: future), baseURL: baseURL)
    }
}

/// Problems go to standard error, one per line, as "file:line: message".
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints what went wrong and returns the exit code for it.
    static func report(_ error: Error) -> ExitCode {
        switch error {
        case let failure as BuildFailure:
            for problem in failure.errors { Console.error("error: \(problem)") }
            Console.error("\(failure.errors.count) error(s); nothing was written.")
        case let problem as SourceError:
            Console.error("error: \(problem)")
        default:
            Console.error("error: \(error)")
        }
        return ExitCode.failure
    }
}

import ArgumentParser
import Foundation
import SiteKit

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert legacy plain-text articles into Markdown with front matter, sorted into YYYY/MM/.",
        discussion: "Never overwrites a file; running it again is safe. Every file becomes an article (a repeated title gets a suffixed name); the exit code is non-zero when any file could not be imported."
    )

    @Argument(help: "Folder of legacy .txt articles.")
    var sourceFolder: String

    @Option(name: .long, help: "Where the Markdown goes (default: content/imported).")
    var into: String = "content/imported"

    @Option(name: .long, help: "The site's folder (for site.yml: time zone, tag rules).")
    var source: String = "."

    func run() throws {
        let project = Project(root: URL(fileURLWithPath: source))
        let results: [LegacyImport.FileResult], warnings: [SourceError]
        do {
            let config = try SiteConfig.load(from: project.settings)
            let dates = try ArchiveDates.table(root: project.root, config: config)
            (results, warnings) = try LegacyImport(config: config, destination: URL(fileURLWithPath: into), dates: dates)
                .runWithWarnings(source: URL(fileURLWithPath: sourceFolder))
        } catch {
            throw Console.report(error)
        }
        var written = 0, renamed = 0, unchanged = 0, failed = 0
        for result in results {
            switch result.outcome {
            case .written(let path):
                written += 1
                print("wrote \(path)")
            case .writtenRenamed(let path, let taken):
                renamed += 1
                print("wrote \(path) (\(taken) is another article with the same title)")
            case .alreadyImported:
                unchanged += 1
            case .failed(let error):
                failed += 1
                Console.error("error: \(error)")
            }
            switch result.outcome {
            case .written, .writtenRenamed:
                if !result.undetermined.isEmpty { print("  \(result.source): could not determine \(result.undetermined.joined(separator: ", "))") }
            default: break
            }
        }
        for warning in warnings { Console.error("warning: \(warning)") }
        print("\(results.count) files: \(written + renamed) imported (\(renamed) under a suffixed name), \(unchanged) already imported, "
              + "\(failed) not imported, \(warnings.count) date warning(s).")
        if failed > 0 { throw ExitCode.failure }
    }
}

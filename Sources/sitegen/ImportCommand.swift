import ArgumentParser
import Foundation
import SiteKit

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert legacy plain-text articles into Markdown with front matter, sorted into YYYY/MM/.",
        discussion: "Never overwrites a file; running it again is safe."
    )

    @Argument(help: "Folder of legacy .txt articles.")
    var sourceFolder: String

    @Option(name: .long, help: "Where the Markdown goes (default: content/imported).")
    var into: String = "content/imported"

    @Option(name: .long, help: "The site's folder (for site.yml: time zone, tag rules).")
    var source: String = "."

    func run() throws {
        let project = Project(root: URL(fileURLWithPath: source))
        let results: [LegacyImport.FileResult]
        do {
            let config = try SiteConfig.load(from: project.settings)
            results = try LegacyImport(config: config, destination: URL(fileURLWithPath: into)).run(source: URL(fileURLWithPath: sourceFolder))
        } catch {
            throw Console.report(error)
        }
        var written = 0, unchanged = 0, skipped = 0, failed = 0
        for result in results {
            switch result.outcome {
            case .written(let path):
                written += 1
                print("wrote \(path)")
            case .alreadyImported:
                unchanged += 1
            case .skippedExisting(let path):
                skipped += 1
                Console.error("skipped \(result.source): \(path) exists with other content (not overwritten)")
            case .failed(let error):
                failed += 1
                Console.error("error: \(error)")
            }
            if !result.undetermined.isEmpty, case .written = result.outcome {
                print("  \(result.source): could not determine \(result.undetermined.joined(separator: ", "))")
            }
        }
        print("\(results.count) files: \(written) imported, \(unchanged) already imported, \(skipped) skipped, \(failed) failed.")
        if failed > 0 { throw ExitCode.failure }
    }
}

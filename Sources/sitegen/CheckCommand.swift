import ArgumentParser
import Foundation
import SiteKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load and validate the whole archive without writing anything.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        let loaded: SiteBuilder.Loaded
        do {
            loaded = try SiteBuilder(project: site.project, options: site.builderOptions).load()
        } catch {
            throw Console.report(error)
        }
        for warning in loaded.warnings { Console.error("warning: \(warning)") }
        print("\(loaded.site.articles.count) articles checked, \(loaded.warnings.count) warning(s).")
        if !loaded.warnings.isEmpty { throw ExitCode.failure }
    }
}

import ArgumentParser
import Foundation
import SiteKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Print only errors.")
    var quiet = false

    @Flag(name: .long, help: "Print the time of each stage.")
    var verbose = false

    @Flag(name: .long, help: "Ignore .sitegen-cache/ and build everything again.")
    var noCache = false

    func run() throws {
        let start = Date()
        var options = site.builderOptions
        options.useCache = !noCache
        let builder = SiteBuilder(project: site.project, options: options)
        let quiet = self.quiet
        let report: SiteBuilder.Report
        do {
            report = try builder.build { line in if !quiet { print("… \(line)") } }
        } catch {
            throw Console.report(error)
        }
        for warning in report.warnings { Console.error("warning: \(warning)") }
        guard !quiet else { return }
        for notice in report.notices { print("note: \(notice)") }
        if verbose {
            for lap in report.timings { print(String(format: "  %-8@ %7.3f s", lap.stage as NSString, lap.seconds)) }
        }
        let seconds = Date().timeIntervalSince(start)
        let write = report.write
        let photos = report.images > 0 ? ", \(report.images) photos (\(report.imagesEncoded) encoded)" : ""
        print("Built \(report.articles) articles, \(report.pages) pages (\(report.rendered) rendered)\(photos) in \(String(format: "%.2f", seconds)) s: "
              + "\(write.written) files written, \(write.unchanged) unchanged, \(write.removed) removed → \(site.project.output.path)")
    }
}

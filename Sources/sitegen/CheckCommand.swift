import ArgumentParser
import Foundation
import SiteKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load and validate the whole archive without writing anything.",
        discussion: "Exits non-zero when anything is wrong: bad front matter, missing fields, duplicate slugs or aliases, "
            + "links in articles to pages that do not exist, tags differing only by case or diacritics."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Print each field of one article and the rule that produced it.")
    var explain: String?

    func run() throws {
        let builder = SiteBuilder(project: site.project, options: site.builderOptions)
        let loaded: SiteBuilder.Loaded
        do {
            loaded = try builder.load()
        } catch {
            throw Console.report(error)
        }
        if let explain {
            try explainArticle(explain, in: loaded.site)
            return
        }
        let problems = ArchiveCheck.problems(in: loaded.site, pages: PagePlanner.plan(loaded.site))
        for warning in loaded.warnings { Console.error("warning: \(warning)") }
        for problem in problems { Console.error("error: \(problem)") }
        print("dates: " + ArchiveCheck.dateSources(in: loaded.site).map { "\($0.count) from \($0.source)" }.joined(separator: ", "))
        print("\(loaded.site.articles.count) articles checked: \(problems.count) problem(s), \(loaded.warnings.count) warning(s).")
        if !problems.isEmpty || !loaded.warnings.isEmpty { throw ExitCode.failure }
    }

    private func explainArticle(_ file: String, in site: Site) throws {
        // Accept "content/2023/08/x.md", "2023/08/x.md" or an absolute path.
        let content = self.site.project.content.standardizedFileURL.path + "/"
        var relative = URL(fileURLWithPath: file).standardizedFileURL.path
        if relative.hasPrefix(content) { relative = String(relative.dropFirst(content.count)) } else { relative = file }
        if relative.hasPrefix("content/") { relative = String(relative.dropFirst("content/".count)) }
        guard let index = site.articles.firstIndex(where: { $0.sourcePath == relative }) else {
            Console.error("error: \(file) is not a published article of this site (a draft or future article needs --drafts / --future)")
            throw ExitCode.failure
        }
        print("content/\(relative)")
        for row in ArchiveCheck.explain(index, in: site) {
            print("  \(row.field): \(row.value.isEmpty ? "—" : row.value)")
            print("      ← \(row.origin)")
        }
    }
}

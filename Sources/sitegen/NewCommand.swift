import ArgumentParser
import Foundation
import SiteKit

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new Markdown article, dated now, under content/YYYY/MM/.")

    @Argument(help: "The article's title, e.g. \"Tiêu đề bài viết\".")
    var title: String

    @Option(name: .long, help: "The site's folder.")
    var source: String = "."

    func run() throws {
        let project = Project(root: URL(fileURLWithPath: source))
        do {
            let config = try SiteConfig.load(from: project.settings)
            let url = try NewArticle.create(title: title, project: project, config: config)
            print("Created \(url.path)")
        } catch {
            throw Console.report(error)
        }
    }
}

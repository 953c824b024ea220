import ArgumentParser
import Foundation
import SiteKit

@main
struct Sitegen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Static site generator for a Vietnamese news archive.",
        subcommands: [Build.self, Serve.self, New.self, Import.self, Check.self, Deploy.self]
    )
}

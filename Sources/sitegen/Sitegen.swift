import ArgumentParser
import Foundation
import SiteKit

@main
struct Sitegen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Static site generator for a Vietnamese news archive.",
        subcommands: [Build.self, Check.self]
    )
}

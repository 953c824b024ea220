// The template engine alone: renders the theme's real `article.mustache` (with its base and
// partials) over an article model shaped like a real one, and prints µs a page and pages a second.
// swift-mustache's figure for the same page, in the same run: `Benchmarks/mustache-compare`.
//
//     swift run -c release mustache-bench [--templates templates] [--pages 20000] [--render-only]
import CompiledMustache
import Foundation
import MustacheBench

var templatesFolder = "templates"
var pages = 20_000
var renderOnly = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--templates": templatesFolder = arguments.next() ?? templatesFolder
    case "--pages": pages = Int(arguments.next() ?? "") ?? pages
    case "--render-only": renderOnly = true
    default:
        FileHandle.standardError.write(Data("usage: mustache-bench [--templates DIR] [--pages N] [--render-only]\n".utf8))
        exit(2)
    }
}

let folder = URL(fileURLWithPath: templatesFolder)
do {
    try EngineBench.runCompiledMustache(EngineBench.sources(folder), strings: BenchModel.strings(folder.appendingPathComponent("i18n/vi.yml")),
                                        model: BenchModel.article(), pages: pages, renderOnly: renderOnly)
} catch {
    print("\(error)")
    exit(1)
}

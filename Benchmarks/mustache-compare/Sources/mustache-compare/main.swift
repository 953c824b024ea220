// CompiledMustache and swift-mustache on the same article page, in one run (Benchmarks/README.md).
//
//     swift run -c release mustache-compare [--templates ../../templates] [--pages 20000]
import CompiledMustache
import Foundation
import Mustache
import MustacheBench

/// The byte escaper sitegen registered for swift-mustache, so the comparison is with what builds used.
struct ByteEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLEscape.escape(text) }
}

var templatesFolder = "../../templates"
var pages = 20_000
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--templates": templatesFolder = arguments.next() ?? templatesFolder
    case "--pages": pages = Int(arguments.next() ?? "") ?? pages
    default:
        FileHandle.standardError.write(Data("usage: mustache-compare [--templates DIR] [--pages N]\n".utf8))
        exit(2)
    }
}

let folder = URL(fileURLWithPath: templatesFolder)
let sources = EngineBench.sources(folder)
let strings = BenchModel.strings(folder.appendingPathComponent("i18n/vi.yml"))
let model = BenchModel.article()
do {
    try EngineBench.runCompiledMustache(sources, strings: strings, model: model, pages: pages)
} catch {
    print("\(error)")
    exit(1)
}

MustacheContentTypes.register(ByteEscaping(), named: "HTML")
var library = MustacheLibrary()
do {
    for source in sources { library.register(try MustacheTemplate(string: source.text), named: source.name) }
} catch {
    print("swift-mustache: \(error)")
    exit(1)
}
let chrome = BenchValue.object([("site", model.site), ("nav", model.nav)]).any(t: strings)
let header = library.render(chrome, withTemplate: "partials/header") ?? ""
let footer = library.render(chrome, withTemplate: "partials/footer") ?? ""
let items = model.items.map { fields -> [String: Any] in
    var object = fields.any(t: strings) as? [String: Any] ?? [:]
    object["compact_html"] = library.render(object, withTemplate: "partials/item-compact") ?? ""
    return object
}
EngineBench.measure("swift-mustache 2", pages: pages) {
    var page = model.page.any(t: strings) as? [String: Any] ?? [:]
    page["header_html"] = header
    page["footer_html"] = footer
    page["related"] = Array(items[0..<5])
    page["most_read"] = Array(items[5..<15])
    page["prev"] = items[15]
    page["next"] = items[16]
    return (library.render(page, withTemplate: "article") ?? "").utf8.count
}

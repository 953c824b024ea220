// The template engine alone: renders the theme's real `article.mustache` (with its base and
// partials) over an article model shaped like a real one, and prints µs a page and pages a second.
//
//     swift run -c release mustache-bench [--templates templates] [--pages 20000]
import CompiledMustache
import Foundation
#if canImport(Mustache)
import Mustache

/// The byte escaper sitegen registered for swift-mustache, so the comparison is with what builds used.
struct ByteEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLEscape.escape(text) }
}
#endif

var templatesFolder = "templates"
var pages = 20_000
var compare = true
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--templates": templatesFolder = arguments.next() ?? templatesFolder
    case "--pages": pages = Int(arguments.next() ?? "") ?? pages
    case "--ours-only": compare = false
    default:
        FileHandle.standardError.write(Data("usage: mustache-bench [--templates DIR] [--pages N] [--ours-only]\n".utf8))
        exit(2)
    }
}

let folder = URL(fileURLWithPath: templatesFolder)
let files = (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
let sources = files.map { name in
    MustacheTemplates.Source(name: String(name.dropLast(".mustache".count)), file: "templates/" + name,
                             text: (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
}
let strings = BenchModel.strings(folder.appendingPathComponent("i18n/vi.yml"))
let model = BenchModel.article()

/// Wall time and this process's CPU time: on a machine shared with other jobs the CPU time
/// is the steadier figure (the wall time includes waiting for a core).
func measure(_ label: String, pages: Int, _ render: () -> Int) {
    _ = render()  // warm up
    func cpu() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpu()
    var bytes = 0
    for _ in 0..<pages { bytes &+= render() }
    let cpuSeconds = cpu() - cpuStart
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(String(format: "%@: %.1f µs CPU a page (%.0f pages/s of CPU), %.1f µs wall (%.0f pages/s); %d pages, %d bytes each",
                 label, cpuSeconds / Double(pages) * 1e6, Double(pages) / cpuSeconds, seconds / Double(pages) * 1e6,
                 Double(pages) / seconds, pages, bytes / pages))
}

do {
    let compileStart = DispatchTime.now().uptimeNanoseconds
    let templates = try MustacheTemplates(sources)
    print(String(format: "CompiledMustache: compiled %d templates in %.2f ms", sources.count,
                 Double(DispatchTime.now().uptimeNanoseconds - compileStart) / 1e6))
    let names = templates.names
    let article = templates.template(named: "article")!
    let item = templates.template(named: "partials/item-compact")!
    let header = templates.template(named: "partials/header")!
    let footer = templates.template(named: "partials/footer")!
    let t = model.strings(strings, names)
    // What a build makes once and shows on many pages: the items, the header, the footer.
    let chrome = BenchValue.object([("site", model.site), ("nav", model.nav)]).value(names, t: t)
    let headerHTML = templates.fragment(header, chrome)
    let footerHTML = templates.fragment(footer, chrome)
    let items = model.items.map { fields -> MustacheValue in
        let value = fields.value(names, t: t)
        guard case .object(var object) = value else { return value }
        object.set("compact_html", .fragment(templates.fragment(item, value)), names: names)
        return .object(object)
    }
    measure("CompiledMustache", pages: pages) {
        // The page's own fields are built on every page, as a build does.
        var page = model.page.value(names, t: t)
        if case .object(var object) = page {
            object.set("header_html", .fragment(headerHTML), names: names)
            object.set("footer_html", .fragment(footerHTML), names: names)
            object.set("related", .list(Array(items[0..<5])), names: names)
            object.set("most_read", .list(Array(items[5..<15])), names: names)
            object.set("prev", items[15], names: names)
            object.set("next", items[16], names: names)
            page = .object(object)
        }
        return templates.render(article, page, root: "../../../").count
    }
} catch {
    print("\(error)")
    exit(1)
}

#if canImport(Mustache)
if !compare { exit(0) }
MustacheContentTypes.register(ByteEscaping(), named: "HTML")
var library = MustacheLibrary()
for source in sources { library.register(try! MustacheTemplate(string: source.text), named: source.name) }
let chromeAny = BenchValue.object([("site", model.site), ("nav", model.nav)]).any(t: strings)
let headerAny = library.render(chromeAny, withTemplate: "partials/header") ?? ""
let footerAny = library.render(chromeAny, withTemplate: "partials/footer") ?? ""
let itemsAny = model.items.map { fields -> [String: Any] in
    var object = fields.any(t: strings) as! [String: Any]
    object["compact_html"] = library.render(object, withTemplate: "partials/item-compact") ?? ""
    return object
}
measure("swift-mustache 2", pages: pages) {
    var page = model.page.any(t: strings) as! [String: Any]
    page["header_html"] = headerAny
    page["footer_html"] = footerAny
    page["related"] = Array(itemsAny[0..<5])
    page["most_read"] = Array(itemsAny[5..<15])
    page["prev"] = itemsAny[15]
    page["next"] = itemsAny[16]
    return (library.render(page, withTemplate: "article") ?? "").utf8.count
}
#endif

import CompiledMustache
import Foundation

/// What both engine benchmarks share: the theme's templates read from disk, the timing, and
/// CompiledMustache's article page (`mustache-bench` runs it alone, `Benchmarks/mustache-compare`
/// beside swift-mustache).
public enum EngineBench {
    /// Every `*.mustache` under `folder`, named as the theme names them ("partials/header").
    public static func sources(_ folder: URL) -> [MustacheTemplates.Source] {
        let files = (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
        return files.map { name in
            MustacheTemplates.Source(name: String(name.dropLast(".mustache".count)), file: "templates/" + name,
                                     text: (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
        }
    }

    /// Renders `pages` pages and prints wall time and this process's CPU time: on a machine shared
    /// with other jobs the CPU time is the steadier figure (the wall time includes waiting for a core).
    public static func measure(_ label: String, pages: Int, _ render: () -> Int) {
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

    /// Compiles the templates and measures the article page: the page's own values built on every
    /// page, as a build does; the header, footer and list items made once and shown on many pages.
    /// With `renderOnly`, the page's values are built once, to show the engine's share alone.
    public static func runCompiledMustache(_ sources: [MustacheTemplates.Source], strings: [String: String], model: BenchModel,
                                           pages: Int, renderOnly: Bool = false) throws {
        let compileStart = DispatchTime.now().uptimeNanoseconds
        let templates = try MustacheTemplates(sources)
        print(String(format: "CompiledMustache: compiled %d templates in %.2f ms", sources.count,
                     Double(DispatchTime.now().uptimeNanoseconds - compileStart) / 1e6))
        let names = templates.names
        guard let article = templates.template(named: "article"), let item = templates.template(named: "partials/item-compact"),
              let header = templates.template(named: "partials/header"), let footer = templates.template(named: "partials/footer")
        else { throw CocoaError(.fileNoSuchFile) }
        let t = model.strings(strings, names)
        let chrome = BenchValue.object([("site", model.site), ("nav", model.nav)]).value(names, t: t)
        let headerHTML = templates.fragment(header, chrome)
        let footerHTML = templates.fragment(footer, chrome)
        let items = model.items.map { fields -> MustacheValue in
            let value = fields.value(names, t: t)
            guard case .object(var object) = value else { return value }
            object.set("compact_html", .fragment(templates.fragment(item, value)), names: names)
            return .object(object)
        }
        func page() -> MustacheValue {
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
            return page
        }
        if renderOnly {
            let built = page()
            measure("CompiledMustache, render only", pages: pages) { templates.render(article, built, root: "../../../").count }
        } else {
            measure("CompiledMustache", pages: pages) { templates.render(article, page(), root: "../../../").count }
        }
    }
}

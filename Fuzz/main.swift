// libFuzzer targets for the parts of SiteKit that read what editors, scrapers and old builds
// leave behind (issue 16). Built only by Fuzz/run.sh (`SITEGEN_FUZZ=1`, `-sanitize=fuzzer,address`);
// the target is chosen by the environment variable FUZZ_TARGET.
import Foundation
@testable import SiteKit
@testable import CompiledMustache

let target = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
let dates = DateParsing(timeZone: zone)
let enricher = Enricher(config: SiteConfig(), views: ViewsTable())
/// A body file for the article records the cache target reads: 4 KB of text, so that a record
/// can point inside it, past its end, or at bytes that are not its body.
let bodies: BodyFile = {
    let path = NSTemporaryDirectory() + "sitegen-fuzz-bodies-\(getpid())"
    try! FileBytes.write(Array(String(repeating: "<p>Đoạn văn của bài.</p>\n", count: 150).utf8.prefix(4096)), to: path)
    defer { unlink(path) }  // the open file stays readable
    return BodyFile(path: path, name: "bodies-0", damaged: DamagedFiles())!
}()

/// One input, read by the chosen target. Errors are fine; crashes, hangs and leaks are not.
func fuzz(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    switch target {
    case "frontmatter":
        // The splitter and YAML reading, then enrichment of what they read.
        if let parsed = try? FrontMatter.parse(text, path: "content/x.md") {
            let document = SourceDocument(path: "x.md", format: .markdown, fields: parsed.fields, fieldLines: parsed.fieldLines,
                                          body: parsed.body, bodyLine: parsed.bodyLine, modified: Date(timeIntervalSince1970: 0))
            _ = try? enricher.enrich(document)
        }
    case "yaml":
        _ = try? FrontMatter.readYAML(text, path: "site.yml", firstLine: 1)
    case "legacy":
        if let document = try? LegacyDocument.make(text: text, path: "x.txt", displayPath: "content/x.txt", modified: Date(timeIntervalSince1970: 0)) {
            _ = try? enricher.enrich(document)
        }
    case "dates":
        _ = dates.parse(text)
    case "slugs":
        _ = Slug.make(text)
        _ = Slug.isSafe(text)
        if let alias = AliasPath.normalise(text) { _ = OutputPlan.problem(with: PagePlanner.aliasOutputPath(alias)) }
        _ = OutputPlan.problem(with: text)
    case "views":
        _ = try? ViewsTable.parseCSV(text, path: "data/views.csv")
        _ = try? ViewsTable.parseJSON(text, path: "data/views.json")
    case "cache":
        // The cache decoders: a sealed file, an article record, the manifest and the journal's lines.
        _ = BuildCache.unseal(bytes)
        var reader = BinaryReader(bytes)
        if let result = try? reader.enriched(bodies: bodies) { _ = result.article.body.html }
        let manifest = Manifest.parse(bytes)
        precondition(Manifest.parse(manifest.serialized()) == manifest, "the manifest does not read back as written")
        _ = Manifest.unescape(bytes[...])
    case "templates":
        // The template parser and compiler over a theme (sources split by NUL bytes, the first
        // named "main", each other named by its first line), then a render of what compiled.
        let sources = templateSources(bytes)
        if let templates = try? MustacheTemplates(sources), let main = templates.template(named: "main") {
            let context = templateContext(templates.names, depth: 2)
            _ = templates.render(main, context, root: "../")
            _ = templates.fragment(main, context).text(root: "/base/")
        }
    default:
        fatalError("FUZZ_TARGET must be one of: frontmatter yaml legacy dates slugs views cache templates")
    }
}

/// A theme from one input: at most eight templates, separated by NUL bytes.
func templateSources(_ bytes: [UInt8]) -> [MustacheTemplates.Source] {
    var sources: [MustacheTemplates.Source] = []
    for (index, part) in bytes.split(separator: 0, maxSplits: 7, omittingEmptySubsequences: false).enumerated() {
        let text = String(decoding: part, as: UTF8.self)
        if index == 0 {
            sources.append(.init(name: "main", file: "main.mustache", text: text))
        } else {
            let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(lines[0])
            guard !name.isEmpty, !sources.contains(where: { $0.name == name }) else { continue }
            sources.append(.init(name: name, file: "\(name).mustache", text: lines.count > 1 ? String(lines[1]) : ""))
        }
    }
    return sources
}

/// Every name the templates read gets a value of one kind or another (text to escape, lists
/// and objects nested `depth` deep, root paths, numbers), so that sections, partials and
/// inheritance all render.
func templateContext(_ names: MustacheNames, depth: Int) -> MustacheValue {
    var object = MustacheObject()
    for id in 0..<names.count {
        let value: MustacheValue
        switch id % 7 {
        case 0: value = .text("<script>\"&'</script>")
        case 1: value = .bool(id % 2 == 1)
        case 2: value = .number(Int.min + id)
        case 3: value = .rootPath("tags/a&b/index.html")
        case 4: value = depth > 0 ? .list([templateContext(names, depth: depth - 1), .list([])]) : .list([])
        case 5: value = depth > 0 ? templateContext(names, depth: depth - 1) : .bool(false)
        default: value = .decimal(-.infinity)
        }
        object.fields.append(.init(key: Int32(id), value: value))
    }
    return .object(object)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzz(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver (libclang_rt.fuzzer, linked by `-sanitize=fuzzer`). SwiftPM gives an
/// executable's `main` a name of its own, so this file's top-level code starts the driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<Int32>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv, { data, size in testOneInput(data, size) }))

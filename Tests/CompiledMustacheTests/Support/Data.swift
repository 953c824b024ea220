import CompiledMustache
import XCTest

/// Test data written as literals, turned into the engine's typed values with the names the templates use.
indirect enum Data: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral {
    case text(String)
    case html(String)
    case rootPath(String)
    case number(Int)
    case decimal(Double)
    case bool(Bool)
    case list([Data])
    case object([(String, Data)])

    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int) { self = .number(value) }
    init(floatLiteral value: Double) { self = .decimal(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: Data...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, Data)...) {
        self = .object(elements)
    }

    func value(_ names: MustacheNames) -> MustacheValue {
        switch self {
        case .text(let text): return .text(text)
        case .html(let html): return .html(html)
        case .rootPath(let path): return .rootPath(path)
        case .number(let number): return .number(number)
        case .decimal(let number): return .decimal(number)
        case .bool(let flag): return .bool(flag)
        case .list(let items): return .list(items.map { $0.value(names) })
        case .object(let fields):
            var object = MustacheObject()
            for (name, value) in fields { object.set(name, value.value(names), names: names) }
            return .object(object)
        }
    }
}

/// Compiles `template` (named "main") with `partials` and renders it over `data`.
func render(_ template: String, _ data: Data = [:], partials: [String: String] = [:], root: String = "",
            file: StaticString = #filePath, line: UInt = #line) -> String? {
    let sources = [MustacheTemplates.Source(name: "main", file: "main.mustache", text: template)]
        + partials.sorted { $0.key < $1.key }.map { MustacheTemplates.Source(name: $0.key, file: "\($0.key).mustache", text: $0.value) }
    do {
        let templates = try MustacheTemplates(sources)
        let bytes = templates.render(templates.template(named: "main")!, data.value(templates.names), root: root)
        return String(decoding: bytes, as: UTF8.self)
    } catch {
        XCTFail("\(error)", file: file, line: line)
        return nil
    }
}

/// The errors compiling these templates reports, as their descriptions.
func errors(_ sources: [String: String]) -> [String] {
    do {
        _ = try MustacheTemplates(sources.sorted { $0.key < $1.key }.map {
            MustacheTemplates.Source(name: $0.key, file: "templates/\($0.key).mustache", text: $0.value)
        })
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

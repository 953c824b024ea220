import Foundation
import Mustache

/// The templates, compiled once, and the UI strings of the site's language.
public struct Theme: Sendable {
    public let library: MustacheLibrary
    /// UI strings (`t.other_news` → "Tin khác"), from `templates/i18n/<language>.yml`.
    public let strings: [String: String]
    /// Files under `templates/assets/`, copied as they are.
    public let assetsFolder: URL
    /// A hash of every template and string: pages rendered with another theme are not reused.
    public let fingerprint: UInt64

    public init(library: MustacheLibrary, strings: [String: String], assetsFolder: URL, fingerprint: UInt64 = 0) {
        self.library = library
        self.strings = strings
        self.assetsFolder = assetsFolder
        self.fingerprint = fingerprint
    }

    /// Loads every `*.mustache` under `folder`, named by relative path without the extension.
    public static func load(from folder: URL, language: String) throws(BuildFailure) -> Theme {
        // A theme folder may be a symbolic link (shared between sites).
        let folder = folder.resolvingSymlinksInPath()
        // Same escaping as the library's default HTML type, on bytes (see HTMLEscaping); idempotent.
        MustacheContentTypes.register(HTMLEscaping(), named: "HTML")
        var library = MustacheLibrary()
        var errors: [SourceError] = []
        var fingerprint: UInt64 = 0
        let names: [String]
        do {
            names = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw BuildFailure([SourceError(path: "templates", message: "cannot read the templates folder: \(error.localizedDescription)")])
        }
        for name in names {
            let display = "templates/" + name
            do {
                let text = try ContentLoader.readText(folder.appendingPathComponent(name), displayPath: display)
                ContentHash.combine(&fingerprint, ContentHash.of(name + "\u{0}" + text))
                library.register(try MustacheTemplate(string: text), named: String(name.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                errors.append(SourceError(path: display, line: error.context.lineNumber, message: "template error: \(error.error)"))
            } catch let error as SourceError {
                errors.append(error)
            } catch {
                errors.append(SourceError(path: display, message: "\(error)"))
            }
        }
        for required in ["article", "list", "terms", "archive", "404", "redirect"] where library.getTemplate(named: required) == nil {
            errors.append(SourceError(path: "templates/\(required).mustache", message: "template missing"))
        }
        var strings: [String: String] = [:]
        let stringsFile = folder.appendingPathComponent("i18n/\(language).yml")
        if FileManager.default.fileExists(atPath: stringsFile.path) {
            let display = "templates/i18n/\(language).yml"
            do {
                let text = try ContentLoader.readText(stringsFile, displayPath: display)
                ContentHash.combine(&fingerprint, ContentHash.of(text))
                let (fields, _) = try FrontMatter.readYAML(text, path: display, firstLine: 1)
                for (key, value) in fields { strings[key] = value.text ?? "" }
            } catch let error as SourceError {
                errors.append(error)
            } catch {
                errors.append(SourceError(path: display, message: "\(error)"))
            }
        } else {
            errors.append(SourceError(path: "templates/i18n/\(language).yml", message: "no UI strings for language '\(language)'"))
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        return Theme(library: library, strings: strings, assetsFolder: folder.appendingPathComponent("assets"), fingerprint: fingerprint)
    }

    public func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}

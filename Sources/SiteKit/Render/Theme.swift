import CompiledMustache
import Foundation

/// The templates, compiled once, and the UI strings of the site's language.
public struct Theme: Sendable {
    public let templates: MustacheTemplates
    /// UI strings (`t.other_news` → "Tin khác"), from `templates/i18n/<language>.yml`.
    public let strings: [String: String]
    /// The same strings as templates read them (`t`).
    let stringValues: MustacheValue
    /// Files under `templates/assets/`, copied as they are.
    public let assetsFolder: URL
    /// The assets' fingerprinted names, which pages link.
    let assets: ThemeAssets
    /// A hash of every template, string and asset: pages rendered with another theme are not reused.
    public let fingerprint: UInt64

    /// The templates every site needs; the others (partials, `search`) are optional.
    static let required = ["article", "list", "terms", "archive", "404", "redirect"]

    init(templates: MustacheTemplates, strings: [String: String], assetsFolder: URL, assets: ThemeAssets = ThemeAssets(), fingerprint: UInt64) {
        self.templates = templates
        self.strings = strings
        var values = MustacheObject()
        for (key, value) in strings { values.set(key, .text(value), names: templates.names) }
        stringValues = .object(values)
        self.assetsFolder = assetsFolder
        self.assets = assets
        self.fingerprint = fingerprint
    }

    /// Loads and compiles every `*.mustache` under `folder`, named by relative path without the
    /// extension; reports every template mistake of the folder at once, with line and column.
    public static func load(from folder: URL, language: String) throws(BuildFailure) -> Theme {
        // A theme folder may be a symbolic link (shared between sites).
        let folder = folder.resolvingSymlinksInPath()
        var errors: [SourceError] = []
        var fingerprint: UInt64 = 0
        let names: [String]
        do {
            names = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw BuildFailure([SourceError(path: "templates", message: "cannot read the templates folder: \(error.localizedDescription)")])
        }
        var sources: [MustacheTemplates.Source] = []
        for name in names {
            let display = "templates/" + name
            do {
                let text = try ContentLoader.readText(folder.appendingPathComponent(name), displayPath: display)
                ContentHash.combine(&fingerprint, ContentHash.of(name + "\u{0}" + text))
                sources.append(.init(name: String(name.dropLast(".mustache".count)), file: display, text: text))
            } catch {
                errors.append(error)
            }
        }
        for required in required where !sources.contains(where: { $0.name == required }) {
            errors.append(SourceError(path: "templates/\(required).mustache", message: "template missing"))
        }
        var templates: MustacheTemplates?
        do {
            templates = try MustacheTemplates(sources)
        } catch {
            errors += error.errors.map { SourceError(path: $0.file, line: $0.line, column: $0.column, message: "template error: \($0.message)") }
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
            } catch {
                errors.append(error)
            }
        } else {
            errors.append(SourceError(path: "templates/i18n/\(language).yml", message: "no UI strings for language '\(language)'"))
        }
        var assets = ThemeAssets()
        do {
            assets = try ThemeAssets.read(folder.appendingPathComponent("assets"))
            ContentHash.combine(&fingerprint, assets.fingerprint)
        } catch {
            errors.append(SourceError(path: "templates/assets", message: "cannot read the theme's assets: \(error.localizedDescription)"))
        }
        guard errors.isEmpty, let templates else { throw BuildFailure(errors) }
        return Theme(templates: templates, strings: strings, assetsFolder: folder.appendingPathComponent("assets"), assets: assets,
                     fingerprint: fingerprint)
    }

    public func has(_ template: String) -> Bool {
        templates.template(named: template) != nil
    }

    /// A page's bytes; `root` is the way from the page to the site root ("../../", or the base path).
    func render(_ template: String, _ fields: MustacheObject, root: String) -> [UInt8] {
        guard let compiled = templates.template(named: template) else { return [] }
        return templates.render(compiled, .object(fields), root: root)
    }

    /// HTML shown on many pages (list items, the header), each page filling in its own root.
    func fragment(_ template: String, _ fields: MustacheObject) -> MustacheFragment {
        guard let compiled = templates.template(named: template) else { return MustacheFragment(bytes: []) }
        return templates.fragment(compiled, .object(fields))
    }
}

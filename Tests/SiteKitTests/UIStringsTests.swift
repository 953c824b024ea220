import XCTest
@testable import SiteKit

/// Every UI string a page shows comes from `templates/i18n/<language>.yml`: none is missing in
/// either language, so no page falls back to showing a key (the category index was headed
/// "category" because the renderer asked for "categorys").
final class UIStringsTests: XCTestCase {
    func keys(_ language: String) throws -> [String: String] {
        let url = TestSite.repositoryRoot.appendingPathComponent("templates/i18n/\(language).yml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let (fields, _) = try FrontMatter.readYAML(text, path: "templates/i18n/\(language).yml", firstLine: 1)
        return fields.mapValues { $0.text ?? "" }
    }

    func testBothLanguagesHaveEveryKeyTheTemplatesAndTheRendererUse() throws {
        let vi = try keys("vi"), en = try keys("en")
        XCTAssertEqual(Set(vi.keys), Set(en.keys))
        // `{{t.key}}` and `{{#t.key}}` in every template.
        let templates = TestSite.repositoryRoot.appendingPathComponent("templates")
        var used: Set<String> = []
        for path in try FileManager.default.subpathsOfDirectory(atPath: templates.path) where path.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(path), encoding: .utf8)
            for match in text.matches(of: /\{\{[#^\/{&]?\s*t\.([a-z_]+)/) { used.insert(String(match.1)) }
        }
        XCTAssertTrue(used.contains("other_news"), "the scan finds the keys")
        // Headings the renderer builds from keys: a term page ("Chuyên mục: …") and the index of all terms.
        for kind in Taxonomy.Kind.allCases { used.formUnion([kind.rawValue, kind.plural]) }
        for key in used.sorted() {
            XCTAssertNotNil(vi[key], "vi.yml has no '\(key)'")
            XCTAssertNotNil(en[key], "en.yml has no '\(key)'")
        }
    }

    func testNoPageShowsAKeyInEitherLanguage() throws {
        let vi = try keys("vi")
        let rawKeys = Set(vi.keys).union(Taxonomy.Kind.allCases.flatMap { [$0.rawValue, $0.plural, $0.rawValue + "s"] })
        let headings = ["vi": ["chu-de": "Chủ đề", "chuyen-muc": "Chuyên mục", "tac-gia": "Tác giả"],
                        "en": ["chu-de": "Topics", "chuyen-muc": "Sections", "tac-gia": "Authors"]]
        for language in ["vi", "en"] {
            let site = try TestSite(files: WholeSiteTests.sampleFiles(), siteYML: TestSite.defaultSiteYML + "\nlanguage: \(language)")
            try site.build()
            for (folder, heading) in headings[language]! {
                XCTAssertTrue(try site.page("\(folder)/index.html").contains("<h1>\(heading)</h1>"), "\(language) \(folder)")
            }
            // Headings, titles and labels of every page, cut where the renderer joins a string to a name.
            for path in try FileManager.default.subpathsOfDirectory(atPath: site.output.path) where path.hasSuffix(".html") {
                let page = try site.page(path)
                var texts: [String] = []
                for match in page.matches(of: /<(h1|h2|title)[^>]*>([^<]*)</) { texts.append(String(match.2)) }
                for match in page.matches(of: /aria-label="([^"]*)"/) { texts.append(String(match.1)) }
                for text in texts {
                    for part in text.components(separatedBy: ": ").flatMap({ $0.components(separatedBy: " – ") }) {
                        XCTAssertFalse(rawKeys.contains(part.trimmingCharacters(in: .whitespaces)),
                                       "\(language) \(path) shows the key '\(part)'")
                    }
                }
            }
        }
    }
}

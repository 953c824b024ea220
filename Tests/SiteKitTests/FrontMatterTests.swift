import XCTest
@testable import SiteKit

final class FrontMatterTests: XCTestCase {
    func testFieldsLinesAndBody() throws {
        let text = "---\ntitle: \"Tiêu đề\"\ndate: 2023-08-01\nviews: 2198\ntags: [Kinh tế, Nông nghiệp]\nsource: Báo Lam Giang\n---\n\nĐoạn một.\n"
        let parsed = try FrontMatter.parse(text, path: "a.md")
        XCTAssertEqual(parsed.fields["title"], .string("Tiêu đề"))
        // Dates stay text: Yams would make them UTC midnight.
        XCTAssertEqual(parsed.fields["date"], .string("2023-08-01"))
        XCTAssertEqual(parsed.fields["views"], .int(2198))
        XCTAssertEqual(parsed.fields["tags"], .list([.string("Kinh tế"), .string("Nông nghiệp")]))
        XCTAssertEqual(parsed.fieldLines["views"], 4)
        XCTAssertEqual(parsed.bodyLine, 8)
        XCTAssertEqual(parsed.body, "\nĐoạn một.\n")
    }

    func testQuotedNumberStaysText() throws {
        let parsed = try FrontMatter.parse("---\ntitle: \"2023\"\n---\nx", path: "a.md")
        XCTAssertEqual(parsed.fields["title"], .string("2023"))
    }

    func testBadYAMLNamesTheLine() {
        let text = "---\ntitle: \"Tiêu đề\"\ntags: [a, b\ndate: 2023-08-01\n---\nbody"
        XCTAssertThrowsError(try FrontMatter.parse(text, path: "content/a.md")) { error in
            let error = error as! SourceError
            XCTAssertEqual(error.path, "content/a.md")
            XCTAssertNotNil(error.line)
            XCTAssertGreaterThanOrEqual(error.line ?? 0, 3)
            XCTAssertTrue(error.message.contains("invalid YAML"), error.message)
        }
    }

    func testUnclosedFrontMatterIsAnError() {
        XCTAssertThrowsError(try FrontMatter.parse("---\ntitle: x\n\nbody", path: "a.md")) { error in
            XCTAssertEqual((error as? SourceError)?.line, 1)
        }
    }

    func testDuplicateKeyIsAnError() {
        XCTAssertThrowsError(try FrontMatter.parse("---\ntitle: a\ntitle: b\n---\n", path: "a.md"))
    }

    func testNoFrontMatterIsAllBody() throws {
        let parsed = try FrontMatter.parse("# Tiêu đề\n\nNội dung", path: "a.md")
        XCTAssertTrue(parsed.fields.isEmpty)
        XCTAssertEqual(parsed.body, "# Tiêu đề\n\nNội dung")
    }

    func testInvalidUTF8NamesTheLine() {
        var bytes = Array("---\ntitle: a\n---\nđúng\n".utf8)
        bytes += [0xC3, 0x28, 0x0A]  // an invalid sequence on line 5
        XCTAssertThrowsError(try ContentLoader.decodeUTF8(bytes, path: "content/x.md")) { error in
            let error = error as! SourceError
            XCTAssertEqual(error.line, 5)
            XCTAssertTrue(error.message.contains("UTF-8"))
        }
    }

    func testSiteConfigReadsKeysAndRejectsBadValues() throws {
        let config = try SiteConfig.parse("title: A\nbase_url: https://example.gov.vn/luu-tru\npage_size: 7\nrelative_links: true\nextra: 1\n")
        XCTAssertEqual(config.pageSize, 7)
        XCTAssertEqual(config.basePath, "/luu-tru/")
        XCTAssertEqual(config.absoluteBase, "https://example.gov.vn/luu-tru/")
        XCTAssertTrue(config.relativeLinks)
        XCTAssertEqual(config.params["extra"], .int(1))
        XCTAssertThrowsError(try SiteConfig.parse("title: A\npage_size: zero\n")) { error in
            XCTAssertEqual((error as? SourceError)?.line, 2)
        }
        XCTAssertThrowsError(try SiteConfig.parse("time_zone: Mars/Olympus\n"))
    }

    func testContentFilesAreMarkdownAndLegacyTextButNotBackupsOrSectionFiles() {
        // Names in Vietnamese too, and a dot that a combining mark joins is not a hidden file's.
        for path in ["2023/08/lua.md", "lua.MD", "tin/cu.txt", "a/b/c.markdown", "ten.co.dau.cham.md", "2024/05/bài-viết.md",
                     "tin/TÀI-LIỆU.Txt", "a/.\u{301}lạ.md", "Bài.MarkDown"] {
            XCTAssertTrue(ContentLoader.isContentFile(path), path)
        }
        for path in ["2023/.lua.md.swp", "2023/.an.md", "_index.md", "tin/_index.md", "anh.jpg", "README", "tin/md", "tin/file.", "thu.md/anh.png",
                     "ảnh/hình.jpg", "tin/bài.md\u{301}", "tin/.ẩn.md", "x/_mục.md", "tin/bai.mdx", "tin/bai.m"] {
            XCTAssertFalse(ContentLoader.isContentFile(path), path)
        }
    }

    /// The sign check of `date` reads the first character after tabs and Unicode spaces, as
    /// `trimmingCharacters(in: .whitespaces)` does: the same answer for every scalar that may
    /// lead, and for the shapes a date takes.
    func testTheFirstCharacterAfterSpacesIsFoundationsTrimmedFirst() {
        let whitespaces = CharacterSet.whitespaces
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            XCTAssertEqual(FrontMatter.isSpace(scalar), whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
        }
        for text in ["", " ", "\t \u{3000}", "-2023-08-01", " +2023", "\u{00A0}-1", "\n-2023", " \u{0301}-2023", "-\u{0301}2023",
                     "2023-08-01", "  2023-08-01T08:30:00+07:00", "\u{2003}\u{202F}\u{205F}-", "\u{180E}-2023", "\u{200B}-2023"] {
            XCTAssertEqual(FrontMatter.firstAfterSpaces(text), text.trimmingCharacters(in: .whitespaces).first, text.debugDescription)
        }
        XCTAssertThrowsError(try FrontMatter.parse("---\ntitle: A\ndate: \"\u{3000}-2023-08-01\"\n---\n", path: "a.md"))
    }
}

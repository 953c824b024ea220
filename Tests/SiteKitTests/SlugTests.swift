import XCTest
@testable import SiteKit

final class SlugTests: XCTestCase {
    func testVietnameseTitleFoldsToASCII() {
        XCTAssertEqual(Slug.make("Ban Thường vụ Tỉnh ủy sơ kết công tác tháng 7"), "ban-thuong-vu-tinh-uy-so-ket-cong-tac-thang-7")
    }

    func testDStrokeBecomesD() {
        XCTAssertEqual(Slug.make("Đồng chí Đinh Đức"), "dong-chi-dinh-duc")
        XCTAssertEqual(VietnameseText.fold("ĐẠI HỘI đảng"), "dai hoi dang")
    }

    func testNFDAndNFCGiveTheSameSlug() {
        let nfc = "Tỉnh ủy Lam Giang"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfc.utf8), Array(nfd.utf8))
        XCTAssertEqual(Slug.make(nfd), Slug.make(nfc))
        XCTAssertEqual(Slug.make(nfd), "tinh-uy-lam-giang")
    }

    func testPunctuationCollapsesToSingleHyphens() {
        XCTAssertEqual(Slug.make("  Hội thảo \"Nông nghiệp xanh\" & chuyển đổi số <2024>!  "), "hoi-thao-nong-nghiep-xanh-chuyen-doi-so-2024")
        XCTAssertEqual(Slug.make("Kênh 3/2"), "kenh-3-2")
    }

    func testLongSlugIsCutAtAHyphen() {
        let slug = Slug.make(String(repeating: "nông nghiệp ", count: 30), maxLength: 30)
        XCTAssertLessThanOrEqual(slug.count, 30)
        XCTAssertFalse(slug.hasSuffix("-"))
        XCTAssertTrue(slug.hasSuffix("nghiep") || slug.hasSuffix("nong"))
    }

    func testUnsafeSlugsAreRejected() {
        XCTAssertTrue(Slug.isSafe("bai-viet-1"))
        for bad in ["../etc", "a/b", "", "..", ".hidden", "a\\b", "Có dấu"] {
            XCTAssertFalse(Slug.isSafe(bad), bad)
        }
    }

    func testAliasesCannotLeaveTheSite() {
        XCTAssertEqual(AliasPath.normalise("/tin-tuc/12345.html"), "/tin-tuc/12345.html")
        XCTAssertEqual(AliasPath.normalise("tin-tuc/cu/"), "/tin-tuc/cu/")
        XCTAssertEqual(AliasPath.normalise("/index.php?id=12345"), "/index.php_id-12345")
        for bad in ["/../../etc/passwd", "/a/../../b", "https://evil.example/x", "//evil.example/x", "/a\\b", "/a\0b", "/%2e%2e/x", "/"] {
            XCTAssertNil(AliasPath.normalise(bad), bad)
        }
    }
}

final class VietnameseTextTests: XCTestCase {
    /// The table-driven fold must agree with Foundation's folding (plus đ → d) on every letter Vietnamese uses.
    func testFoldAgreesWithFoundation() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
        for character in letters + letters.uppercased() {
            let text = String(character)
            let expected = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d")
                .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            XCTAssertEqual(VietnameseText.fold(text), expected, text)
        }
        XCTAssertEqual(VietnameseText.fold("Straße Ελλάδα"), "strasse ελλαδα")
    }

    func testNFCLeavesComposedTextAndComposesDecomposedText() {
        let composed = "Tỉnh ủy Lam Giang – “Kênh 3/2”"
        XCTAssertEqual(VietnameseText.nfc(composed), composed)
        XCTAssertEqual(Array(VietnameseText.nfc(composed.decomposedStringWithCanonicalMapping).utf8), Array(composed.utf8))
    }

    func testLowercaseAgreesWithFoundationOnVietnameseAndOtherScripts() {
        let vietnamese = "AÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬBCDĐEÈẺẼÉẸÊỀỂỄẾỆGHIÌỈĨÍỊKLMNOÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢPQRSTUÙỦŨÚỤƯỪỬỮỨỰVXYỲỶỸÝỴ"
        let samples = [vietnamese, vietnamese.lowercased(), "Tỉnh ủy LAM GIANG họp phiên thứ 12", "ÇA VA? ÆØÅ ǄǅǆẞŸ",
                       "İSTANBUL", "ΟΔΟΣ", "Phố cổ ТВЕРЬ", "e\u{301}Ê\u{323}", "", "plain ascii"]
        for sample in samples {
            XCTAssertEqual(VietnameseText.lowercase(sample), sample.lowercased(), sample)
        }
        // Every letter of both tables, one at a time.
        for value in Array(UInt32(0x00C0)...0x024F) + Array(UInt32(0x1E00)...0x1EFF) {
            let text = String(Unicode.Scalar(value)!)
            XCTAssertEqual(VietnameseText.lowercase(text), text.lowercased(), String(value, radix: 16))
        }
    }

    func testKeyJoinsWordsWithOneSpaceWhateverTheSpacing() {
        let samples = ["Kinh tế", "  Kinh   tế ", "Kinh\ttế", "Kinh\u{00A0}tế", "Kinh\u{3000}tế", "Kinh\r\ntế", "Kinh tế\n",
                       "KINH TẾ", "", " ", "Kinh\u{1}tế", "Kinh\u{85}tế", "Kinh\u{202F}tế", "Một", "a b c"]
        for sample in samples {
            let slow = VietnameseText.lowercase(VietnameseText.nfc(sample)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertEqual(VietnameseText.key(sample), slow, sample.debugDescription)
        }
        XCTAssertEqual(VietnameseText.key("  Kinh \u{00A0} TẾ "), "kinh tế")
    }
}

import XCTest
@testable import SiteKit

/// Normalisation and syllables: the rules search.js repeats for the query.
final class SearchTextTests: XCTestCase {
    func folded(_ text: String) -> [String] { SearchText.syllables(text).map(\.folded) }
    func exact(_ text: String) -> [String] { SearchText.syllables(text).map(\.exact) }

    func testSpellingsOfOneWordMeet() {
        let nfc = "Tỉnh ủy"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfc.utf8), Array(nfd.utf8))
        for spelling in [nfc, nfd, "TỈNH ỦY", "tinh uy", "TINH UY", "Tỉnh Ủy"] {
            XCTAssertEqual(folded(spelling), ["tinh", "uy"], spelling)
        }
        // The exact form is NFC and lower case, diacritics kept, whatever the input's form.
        XCTAssertEqual(exact(nfd), ["tỉnh", "ủy"])
        XCTAssertEqual(Array(exact(nfd)[0].utf8), Array("tỉnh".utf8))
        XCTAssertEqual(exact("TỈNH ỦY"), ["tỉnh", "ủy"])
    }

    func testDStrokeFoldsToD() {
        XCTAssertEqual(folded("Đồng chí đến Đắk Lắk"), ["dong", "chi", "den", "dak", "lak"])
        XCTAssertEqual(exact("ĐỒNG"), ["đồng"])
        XCTAssertEqual(folded("ĐĐ"), ["dd"])
        // The same folding as slugs.
        XCTAssertEqual(SearchText.folded("Đường"), VietnameseText.fold("Đường"))
    }

    func testSyllablesAndPairs() {
        let tokens = SearchText.syllables("Kết quả thu ngân sách năm 2023: vượt 12,5%, (dự kiến) Hà Nội - Hải Phòng; kênh 3/2 COVID-19")
        XCTAssertEqual(tokens.map(\.folded), ["ket", "qua", "thu", "ngan", "sach", "nam", "2023", "vuot", "12", "5",
                                              "du", "kien", "ha", "noi", "hai", "phong", "kenh", "3", "2", "covid", "19"])
        // Pairs: only across plain spaces, or inside one run of characters ("3/2", "12,5", "COVID-19").
        XCTAssertEqual(tokens.map(\.pairsWithPrevious), [false, true, true, true, true, true, true, false, true, true,
                                                          false, true, false, true, false, true, false, true, true, true, true])
    }

    func testPairsFollowTheText() {
        var pairs: [String] = []
        var previous: String?
        for token in SearchText.syllables("Ban Thường vụ Tỉnh ủy. Ông nói, “Tỉnh ủy”") {
            if token.pairsWithPrevious, let previous { pairs.append(SearchText.pairKey(previous, token.folded)) }
            previous = token.folded
        }
        XCTAssertEqual(pairs, ["ban thuong", "thuong vu", "vu tinh", "tinh uy", "ong noi", "tinh uy"])
    }

    func testVeryLongRunsAreNotSyllables() {
        let long = String(repeating: "a", count: SearchText.maxTokenLength + 1)
        let tokens = SearchText.syllables("một \(long) hai ba")
        XCTAssertEqual(tokens.map(\.folded), ["mot", "hai", "ba"])
        XCTAssertEqual(tokens.map(\.pairsWithPrevious), [false, false, true])
    }

    func testHTMLToText() {
        let html = "<h2>Tiêu đề</h2>\n<p>Đoạn <strong>một</strong> &amp; <a href=\"/x\">liên kết</a>&#8230;</p><p>Đoạn&nbsp;hai &lt;3</p><script>var tinh = 1;</script><ul><li>A</li><li>B</li></ul>"
        let text = SearchText.plainText(fromHTML: html)
        XCTAssertFalse(text.contains("<p") || text.contains("strong") || text.contains("href"))
        XCTAssertFalse(text.contains("var"))
        XCTAssertTrue(text.contains("Đoạn một & liên kết…"))
        XCTAssertTrue(text.contains("Đoạn hai <3"))
        // Blocks do not pair across their boundary: "đề" / "đoạn", "một"…"hai", "a" / "b".
        let tokens = SearchText.syllables(text)
        XCTAssertEqual(tokens.map(\.folded), ["tieu", "de", "doan", "mot", "lien", "ket", "doan", "hai", "3", "a", "b"])
        XCTAssertEqual(tokens.map(\.pairsWithPrevious), [false, true, false, true, false, true, false, true, false, false, false])
    }

    func testHashesAreFNV1a() {
        // Published FNV-1a 32-bit test vectors: search.js computes the same.
        XCTAssertEqual(SearchIndexBuilder.fnv1a(""), 0x811C_9DC5)
        XCTAssertEqual(SearchIndexBuilder.fnv1a("a"), 0xE40C_292C)
        XCTAssertEqual(SearchIndexBuilder.fnv1a("foobar"), 0xBF9C_F968)
        // A pair's key is the hash of "folded folded", however the builder computes it.
        var tokeniser = SearchIndexBuilder.Tokeniser()
        let slice = tokeniser.tokenise([SearchDocument(title: "Tỉnh ủy", path: "", day: 0, bodyHTML: "")])
        XCTAssertEqual(slice.pairKeys, [SearchIndexBuilder.fnv1a("tinh uy")])
    }

    func testBitCodesRoundTrip() throws {
        var writer = BitWriter()
        let values: [UInt64] = [0, 1, 2, 3, 7, 8, 15, 16, 17, 100, 1000, 65_535, 1 << 20, 35_000, (1 << 32) - 1]
        for value in values {
            writer.gamma(value + 1)
            for k in [0, 1, 3, 10] { writer.rice(value, k: k) }
            writer.write(value & 63, bits: 6)
        }
        var bits = 0
        for value in values {
            bits += BitWriter.gammaBits(value + 1) + 6
            for k in [0, 1, 3, 10] { bits += BitWriter.riceBits(value, k: k) }
        }
        let bytes = writer.finish()
        XCTAssertEqual(bytes.count, (bits + 7) / 8)
        var reader = BitReader(bytes)
        for value in values {
            XCTAssertEqual(try reader.gamma(), value + 1)
            for k in [0, 1, 3, 10] { XCTAssertEqual(try reader.rice(k: k), value, "rice k=\(k)") }
            XCTAssertEqual(try reader.read(bits: 6), value & 63)
        }
    }

    func testRiceParameter() {
        XCTAssertEqual(BitWriter.riceParameter(space: 100, count: 100), 0)
        XCTAssertEqual(BitWriter.riceParameter(space: 35_000, count: 1), 14)  // 2^14 ≤ 0.69 · 35000 < 2^15
        XCTAssertEqual(BitWriter.riceParameter(space: 35_000, count: 35), 9)
    }
}

import Foundation
import XCTest
@testable import SiteKit

/// Term indexes in the order of a Vietnamese dictionary (issue 15).
final class VietnameseCollationTests: XCTestCase {
    func sorted(_ words: [String]) -> [String] {
        VietnameseCollation.sorted(words, name: { $0 }, tieBreak: <)
    }

    func testDBeforeĐAndLettersWithMarksAfterTheirBase() {
        XCTAssertEqual(sorted(["Đầu tư", "Di sản", "Dân tộc", "Du lịch", "Đà Lạt", "Đường tỉnh"]),
                       ["Dân tộc", "Di sản", "Du lịch", "Đà Lạt", "Đầu tư", "Đường tỉnh"])
        XCTAssertEqual(sorted(["Ăn uống", "Âm nhạc", "An sinh", "Bóng đá", "Ánh sáng"]),
                       ["An sinh", "Ánh sáng", "Ăn uống", "Âm nhạc", "Bóng đá"])
        XCTAssertEqual(sorted(["Ơn nghĩa", "Ô tô", "Ông bà", "Oanh", "Ưu đãi", "Uống nước", "Vận tải"]),
                       ["Oanh", "Ô tô", "Ông bà", "Ơn nghĩa", "Uống nước", "Ưu đãi", "Vận tải"])
        XCTAssertEqual(sorted(["Ê-đê", "Em bé", "Giáo dục", "Ghe bầu"]), ["Em bé", "Ê-đê", "Ghe bầu", "Giáo dục"])
    }

    func testTonesOnlyBreakTiesOfTheSameLetters() {
        // ngang, huyền, hỏi, ngã, sắc, nặng: the order of Vietnamese dictionaries.
        XCTAssertEqual(sorted(["mạ", "má", "mã", "mả", "mà", "ma"]), ["ma", "mà", "mả", "mã", "má", "mạ"])
        // Letters first: "Má hồng" has the letters of "Ma hong", before "Mai".
        XCTAssertEqual(sorted(["Mai Anh", "Má hồng", "Mã Lực"]), ["Má hồng", "Mã Lực", "Mai Anh"])
        XCTAssertEqual(sorted(["Văn Thành", "Vân Thanh", "Văn Thanh"]), ["Văn Thanh", "Văn Thành", "Vân Thanh"])
    }

    func testCaseSpacesDigitsAndSpellings() {
        XCTAssertEqual(sorted(["Tỉnh ủy", "tỉnh ủy"]), ["tỉnh ủy", "Tỉnh ủy"])
        // Shorter first; a space before any letter, as ICU sorts ("An sinh" < "Anh").
        XCTAssertEqual(sorted(["Anh", "An", "An sinh"]), ["An", "An sinh", "Anh"])
        XCTAssertEqual(sorted(["Kênh 3/2", "Kênh Bắc Lam", "Kênh 10"]), ["Kênh 10", "Kênh 3/2", "Kênh Bắc Lam"])
        // NFD spellings (from a Mac) sort where their NFC twins do.
        XCTAssertEqual(VietnameseCollation.key("Đầu tư".decomposedStringWithCanonicalMapping), VietnameseCollation.key("Đầu tư"))
    }

    /// ICU's `vi` collation, which Foundation reaches through a locale, agrees with our key on
    /// real words (our key exists because ICU's compare builds a collator each call: slow).
    func testAgreesWithICU() {
        let words = ["Đầu tư", "Dân tộc", "Di sản", "Du lịch", "Đà Nẵng", "dê", "Ánh sáng", "Ăn uống", "Âm nhạc", "An sinh",
                     "Bóng đá", "Ô tô", "Ơn", "Ốc", "Y tế", "Giáo dục", "ma", "mà", "má", "mả", "mã", "mạ", "Nguyễn Thu Hà",
                     "Nguyễn Văn An", "Ngô Quyền", "Chuyển đổi số", "Châu Đốc", "Cà Mau", "Thể thao", "Thời sự", "Tỉnh ủy", "Ưu tiên"]
        let vi = Locale(identifier: "vi")
        let icu = words.sorted { $0.compare($1, options: [], range: nil, locale: vi) == .orderedAscending }
        XCTAssertEqual(sorted(words), icu)
    }

    func testTagIndexOfAWholeSite() throws {
        let names = ["Đầu tư", "Di sản", "Dân tộc", "Giáo dục", "Ăn uống", "An sinh xã hội"]
        var files: [String: String] = [:]
        for (i, tag) in names.enumerated() {
            files["content/2024/0\(i + 1)/bai-\(i).md"] = TestSite.markdown(title: "Bài số \(i)", date: "2024-0\(i + 1)-02", tags: [tag])
        }
        let site = try TestSite(files: files)
        try site.build()
        let index = try site.page("chu-de/index.html")
        let positions = ["An sinh xã hội", "Ăn uống", "Dân tộc", "Di sản", "Đầu tư", "Giáo dục"].map {
            index.range(of: ">\($0)<")?.lowerBound
        }
        XCTAssertFalse(positions.contains(nil), index)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
    }
}

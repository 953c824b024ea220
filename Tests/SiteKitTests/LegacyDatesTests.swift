import XCTest
@testable import SiteKit

/// Dates read from scraped text, in the shapes of the real files: a title line, a lead line, and
/// the whole body on one line.
final class LegacyDatesTests: XCTestCase {
    func date(_ lead: String, body: String = "Nội dung bài viết không có ngày tháng.") throws -> TextDate? {
        try LegacyTextParser.parse("Tiêu đề bài viết\n\(lead)\n\(body)\n", path: "x.txt").textDate
    }

    func testAYearNamingAnotherThingIsNotTheArticlesYear() throws {
        let leads = [
            "Ngày 29/6, đoàn công tác về thăm xã, nơi từng là chiến khu trong những năm 1990.",
            "Sáng ngày 3/7, tòa xét xử vụ án theo Bộ luật hình sự năm 1999.",
            "Ngày 8-2, đoàn khảo sát cao tốc Bắc-Nam, dự kiến hoàn thành sau năm 2025.",
        ]
        for lead in leads {
            let found = try XCTUnwrap(try date(lead), lead)
            XCTAssertNil(found.year, lead)
        }
        let found = try XCTUnwrap(try date(leads[0]))
        XCTAssertEqual([found.day, found.month], [29, 6])
        XCTAssertEqual(found.excerpt, "Ngày 29/6")
    }

    func testAYearOfTheSameMonthInTheSameSentenceBinds() throws {
        let found = try XCTUnwrap(try date("Sáng ngày 1/8, Ban Thường vụ họp để bàn chương trình công tác tháng 8 năm 2023."))
        XCTAssertEqual(found.year, 2023)
        XCTAssertEqual(found.excerpt, "Sáng ngày 1/8 … tháng 8 năm 2023")
        // Another month, or the next sentence: not bound.
        XCTAssertNil(try date("Sáng ngày 1/8, hội nghị bàn kế hoạch tháng 9 năm 2023.")?.year)
        XCTAssertNil(try date("Sáng ngày 1/8, hội nghị khai mạc. Kế hoạch tháng 8 năm 2023 được thông qua.")?.year)
        XCTAssertEqual(try date("Ngày 1/8 năm 2023, tỉnh khai mạc hội chợ.")?.year, 2023)
    }

    func testFullDates() throws {
        let cases: [(String, [Int])] = [
            ("Giá vàng hôm nay ngày 8/2/2017 bất ngờ đảo chiều.", [2017, 2, 8]),
            ("Hôm nay, ngày 3.6.2017 dương lịch, trời nắng.", [2017, 6, 3]),
            ("Chiều 5-9-2022, đoàn kiểm tra đến huyện.", [2022, 9, 5]),
            ("Sáng ngày 2 tháng 9 năm 2020, lễ mít tinh diễn ra.", [2020, 9, 2]),
        ]
        for (lead, expected) in cases {
            let found = try XCTUnwrap(try date(lead), lead)
            XCTAssertEqual([found.year ?? 0, found.month, found.day], expected, lead)
        }
    }

    func testRelativeFormsWithTheirTimeOfDay() throws {
        let cases: [(String, [Int], String)] = [
            ("Sáng 6-6, người dân đổ về trung tâm.", [6, 6], "Sáng 6-6"),
            ("Tối 5/2, một vụ cháy xảy ra ở chợ.", [5, 2], "Tối 5/2"),
            ("Hôm nay (9/6), trời chuyển mưa.", [9, 6], "Hôm nay 9/6"),
            ("Chiều 12/3, Sở Y tế cho biết.", [12, 3], "Chiều 12/3"),
            ("Thí sinh kết thúc môn thi chiều 23.6 tại Hà Nội.", [23, 6], "chiều 23.6"),
            ("Đường ống phát nổ hôm 4/7 đã khiến 5 người thiệt mạng.", [4, 7], "hôm 4/7"),
        ]
        for (lead, dayMonth, excerpt) in cases {
            let found = try XCTUnwrap(try date(lead), lead)
            XCTAssertEqual([found.day, found.month], dayMonth, lead)
            XCTAssertNil(found.year, lead)
            XCTAssertEqual(found.excerpt, excerpt, lead)
        }
    }

    func testTheBodyOpeningGivesTheDateWhenTheLeadHasNone() throws {
        let found = try XCTUnwrap(try date("Công an thành phố cho biết vừa bắt giữ một nhà báo.",
                                           body: "Chiều 23/6, Đại tá Vũ Viết Thoại cho biết cơ quan điều tra đã bắt giữ ông Lê Duy Phong."))
        XCTAssertEqual([found.day, found.month], [23, 6])
        XCTAssertTrue(found.opensArticle)
    }

    func testWeekdaysCrossCheck() throws {
        let saturday = try XCTUnwrap(try date("Thứ Bảy, ngày 15/07/2017, lễ hội khai mạc."))
        XCTAssertEqual(saturday.weekday, 7)
        XCTAssertEqual(saturday.year, 2017)
        // 15/7/2017 was a Saturday: a "thứ Hai" with it is not a date to trust.
        XCTAssertNil(try date("Thứ Hai, ngày 15/07/2017, lễ hội khai mạc."))
        let noYear = try XCTUnwrap(try date("Chủ nhật (9/7), hàng nghìn người đổ về."))
        XCTAssertEqual([noYear.day, noYear.month, noYear.weekday ?? 0], [9, 7, 1])
    }

    func testNumbersThatAreNoDates() throws {
        let leads = [
            "Thu ngân sách đạt hơn 1.300 tỷ đồng ở Q.1, TP.HCM.",
            "Lợi nhuận quý 1/2017 giảm 43% so với cùng kỳ.",
            "Tỷ số giao bóng 7/9 và 3/10 điểm break.",
            "Phố đi bộ mở cửa từ ngày 15/7 tới.",
            "Bà P.T.H (SN 1963) sinh ngày 2/10 ở Huế.",
            "Nghị định 105/2014/NĐ-CP quy định mức đóng.",
        ]
        for lead in leads { XCTAssertNil(try date(lead), lead) }
    }

    func testAFullDateFurtherDownIsALastResort() throws {
        let found = try XCTUnwrap(try date("Tỷ phú chia sẻ bí quyết thành công là luôn mang theo cuốn sổ tay nhỏ để ghi ý tưởng nảy ra.",
                                           body: String(repeating: "Ông luôn mang theo sổ tay. ", count: 30) + "Sách ra mắt ngày 12/6/2017."))
        XCTAssertEqual([found.year ?? 0, found.month, found.day], [2017, 6, 12])
        XCTAssertFalse(found.opensArticle)
    }

    func testDatesOfAnotherEventAreNotTheArticles() throws {
        let leads = [
            "Từ ngày 15/2/2017, quy định mới về xe khách liên tỉnh có hiệu lực.",
            "Giá vé mới áp dụng từ ngày 1/7/2017 trên toàn tỉnh.",
            "Các sở phải báo cáo phương án xử lý đến 10/2/2017.",
            "Hội chợ hoa xuân sẽ khai mạc vào 19h ngày 24/6 tại công viên tỉnh.",
            "Ngày 12/2 tới, Sở Y tế họp bàn về giá khám bệnh.",
            "Cơ quan điều tra khởi tố vụ tai nạn hôm 5/3 vừa qua trên quốc lộ.",
            "Lễ hội đền Mẫu diễn ra vào ngày 13/1 âm lịch hằng năm.",
            "Số liệu chậm chuyến được tính từ ngày 31/5 - 6/6/2017.",
            "Việc đổi biển số bắt đầu từ 00 giờ 00 phút ngày 11/2/2017 tại ba huyện.",
        ]
        for lead in leads { XCTAssertNil(try date(lead), lead) }
    }

    func testTheLeadsOwnDayIsFoundPastAnAnniversaryAndACaption() throws {
        let anniversary = try XCTUnwrap(try date("Nhân kỷ niệm 70 năm ngày thành lập tỉnh (12/7/1947 - 12/7/2017), sáng 9/7, tỉnh tổ chức lễ mít tinh."))
        XCTAssertEqual([anniversary.day, anniversary.month], [9, 7])
        XCTAssertNil(anniversary.year)
        XCTAssertEqual(anniversary.excerpt, "sáng 9/7")
        let captioned = try XCTUnwrap(try date("Đoàn xe qua cầu Bến Thủy ngày 19/5. (Ảnh: Minh Anh) Chiều 30/5, Sở Giao thông cho biết cầu được sửa."))
        XCTAssertEqual([captioned.day, captioned.month], [30, 5])
        // What the news day announces stays the news day; so does a date closed by its comma.
        XCTAssertEqual(try date("Ngày 20/6, hội đồng xét xử cho biết sẽ tuyên án vào tuần sau.").map { [$0.day, $0.month] }, [20, 6])
        XCTAssertEqual(try date("Sáng 6-6, đến dự lễ có lãnh đạo tỉnh.").map { [$0.day, $0.month] }, [6, 6])
        // The dash of a dateline is no range.
        XCTAssertEqual(try date("LAM GIANG - Ngày 7-2, UBND tỉnh có công văn gửi các huyện.").map { [$0.day, $0.month] }, [7, 2])
    }

    func testThePagesTimeStampDatesTheArticleBeforeItsText() throws {
        let found = try XCTUnwrap(try date("Tối 21/5, hai đội bóng gặp nhau ở sân vận động tỉnh.",
                                           body: "Trận đấu kết thúc với tỷ số hòa. Minh Tú - Thể thao Việt Nam | 21:00 22/05/2017"))
        XCTAssertEqual([found.year ?? 0, found.month, found.day], [2017, 5, 22])
        XCTAssertEqual(found.excerpt, "| 21:00 22/05/2017")
        XCTAssertEqual(found.line, 3)
        // No stamp without a time and a valid date.
        for end in ["| 22/05/2017", "| 25:00 22/05/2017", "| 21:00 31/02/2017", "| tin khác"] {
            XCTAssertEqual(try date("Tối 21/5, hai đội bóng gặp nhau.", body: "Trận đấu kết thúc. Minh Tú \(end)")?.day, 21, end)
        }
    }

    /// A word's key is its lower case, whether a letter of it changes or none does.
    func testAWordsKeyIsItsLowerCase() {
        for word in ["Ngày", "ngày", "THÁNG", "Đà", "ĐÀ", "Ảnh", "A\u{0309}nh", "TP.HCM", "năm", "2023", "İ", "Σ"] {
            XCTAssertEqual(LegacyDates.lowercased(word[...]), word.lowercased(), word)
        }
    }
}

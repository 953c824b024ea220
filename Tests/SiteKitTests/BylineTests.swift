import XCTest
@testable import SiteKit

/// Signatures of scraped articles read apart into people and a source.
final class BylineTests: XCTestCase {
    func parse(_ signature: String, outlets: Outlets = .vietnamese) -> Byline {
        Byline.parse(signature, outlets: outlets)
    }

    func testTheoNamesASource() {
        for spelling in ["Theo VnExpress", "Theo Vnexpress", "Theo VNE", "VnExpress", "theo vnexpress.net", "(Theo VnExpress)"] {
            XCTAssertEqual(parse(spelling), Byline(authors: [], source: "VnExpress"), spelling)
        }
        XCTAssertEqual(parse("theo Trí Thức Trẻ"), Byline(source: "Trí Thức Trẻ"))
        XCTAssertEqual(parse("Theo Trithuctre"), Byline(source: "Trí Thức Trẻ"))
        // An outlet the list does not know is still a source, as written.
        XCTAssertEqual(parse("Theo Báo Quảng Ninh"), Byline(source: "Báo Quảng Ninh"))
    }

    func testNotesAboutTheWorkAreNoPartOfTheName() {
        XCTAssertEqual(parse("Kim Thanh (T/h)"), Byline(authors: ["Kim Thanh"]))
        XCTAssertEqual(parse("Nhật Quang (Tổng hợp)"), Byline(authors: ["Nhật Quang"]))
        XCTAssertEqual(parse("Anh Tuấn (lược dịch)"), Byline(authors: ["Anh Tuấn"]))
        XCTAssertEqual(parse("Đăng Đức (Tổng hợp từ ATP & Telegraph)"), Byline(authors: ["Đăng Đức"]))
    }

    func testPersonAndOutletApart() {
        XCTAssertEqual(parse("Bùi Hùng/VOV-Tokyo"), Byline(authors: ["Bùi Hùng"], source: "VOV"))
        XCTAssertEqual(parse("Văn Sơn (TTXVN)"), Byline(authors: ["Văn Sơn"], source: "TTXVN"))
        XCTAssertEqual(parse("TTXVN/Tin Tức"), Byline(authors: [], source: "TTXVN"))
        XCTAssertEqual(parse("Vũ Hạnh/VOV.VN"), Byline(authors: ["Vũ Hạnh"], source: "VOV"))
        XCTAssertEqual(parse("Theo Anh Ngọc ( Vnexpress)"), Byline(authors: ["Anh Ngọc"], source: "VnExpress"))
        XCTAssertEqual(parse("Theo Đinh Văn Quế/Vnexpress"), Byline(authors: ["Đinh Văn Quế"], source: "VnExpress"))
        XCTAssertEqual(parse("Dũng Sĩ (theo Goal.com)"), Byline(authors: ["Dũng Sĩ"], source: "Goal"))
        XCTAssertEqual(parse("Tri Thu (t/h) Theo Đời sống Plus"), Byline(authors: ["Tri Thu"], source: "Đời sống & Pháp luật"))
        XCTAssertEqual(parse("Đông Hùng Thể thao & Văn hóa"), Byline(authors: ["Đông Hùng"], source: "Thể thao & Văn hóa"))
        XCTAssertEqual(parse("Trà Li thesun.co.uk"), Byline(authors: ["Trà Li"], source: "The Sun"))
    }

    func testCreditsAreNotAuthors() {
        XCTAssertEqual(parse("Ảnh Daily Mail"), Byline())
        XCTAssertEqual(parse("Ảnh: Hoàng Hà"), Byline())
        XCTAssertEqual(parse("Clip VFF"), Byline())
        XCTAssertEqual(parse("Nguồn VTV"), Byline(source: "VTV"))
        XCTAssertEqual(parse("Nguồn: VnExpress"), Byline(source: "VnExpress"))
    }

    func testSeveralPeopleAndRepeats() {
        XCTAssertEqual(parse("P.C.Tùng - N.Vân"), Byline(authors: ["P.C.Tùng", "N.Vân"]))
        XCTAssertEqual(parse("Anh Quốc  Anh Quốc"), Byline(authors: ["Anh Quốc"]))
        XCTAssertEqual(parse("Bấm xem >> Tiến Long"), Byline(authors: ["Tiến Long"]))
        XCTAssertEqual(parse("Đặng Phương Thảo -"), Byline(authors: ["Đặng Phương Thảo"]))
    }

    func testNotesAfterTheNameAndGluedWords() {
        XCTAssertEqual(parse("Minh Khoa Tổng hợp"), Byline(authors: ["Minh Khoa"]))
        XCTAssertEqual(parse("Thu Trang thực hiện."), Byline(authors: ["Thu Trang"]))
        XCTAssertEqual(parse("Theo Bảo Ngọc tổng hợp/Vnexpress.net"), Byline(authors: ["Bảo Ngọc"], source: "VnExpress"))
        XCTAssertEqual(parse("Bảo Ngọc theo Phonearena"), Byline(authors: ["Bảo Ngọc"], source: "Phonearena"))
        XCTAssertEqual(parse("T.KhaTổng hợp"), Byline(authors: ["T.Kha"]))
        XCTAssertEqual(parse("Hải ĐăngThể thao & Văn hóa"), Byline(authors: ["Hải Đăng"], source: "Thể thao & Văn hóa"))
        XCTAssertEqual(parse("Quốc Bảo/VOV-Lam Giang Quốc Bảo/VOV-Lam Giang"), Byline(authors: ["Quốc Bảo"], source: "VOV"))
        XCTAssertEqual(parse("Hoàng LongLược dịch"), Byline(authors: ["Hoàng Long"]))
        XCTAssertEqual(parse("Ngọc Hà Nguồn Tổng hợp"), Byline(authors: ["Ngọc Hà"]))
        XCTAssertEqual(parse("Lan AnhTheo Daily MailẢnh: Cosmopolitan"), Byline(authors: ["Lan Anh"], source: "Daily Mail"))
        XCTAssertEqual(parse("Thu Hà - Minh Đức Thu Hà - Minh Đức"), Byline(authors: ["Thu Hà", "Minh Đức"]))
        XCTAssertEqual(parse("Quang Vinh/VOV–TP HCM"), Byline(authors: ["Quang Vinh"], source: "VOV"))
        // Capitals inside a word that start nothing known stay as written.
        XCTAssertEqual(parse("ThS. Hoàng Minh Tâm"), Byline(authors: ["ThS. Hoàng Minh Tâm"]))
        XCTAssertEqual(parse("LyLy"), Byline(authors: ["LyLy"]))
        // An outlet written with an inner capital is still the outlet.
        XCTAssertEqual(parse("Theo VnExpress"), Byline(source: "VnExpress"))
        XCTAssertEqual(parse("Thanh Hà VnExpress"), Byline(authors: ["Thanh Hà"], source: "VnExpress"))
    }

    func testSeeMoreLabelLeftByTheScrapeIsDropped() throws {
        let text = "Tiêu đề bài\nThân bài kể lại sự việc đã diễn ra trong ngày hôm qua tại xã ven biển./. Xem thêm:\n"
        let article = try LegacyTextParser.parse(text, path: "x.txt")
        XCTAssertEqual(article.paragraphs, ["Thân bài kể lại sự việc đã diễn ra trong ngày hôm qua tại xã ven biển./."])
        let signed = try LegacyTextParser.parse("Tiêu đề bài\nThân bài kể lại sự việc đã diễn ra hôm qua. Lê Hòa Xem thêm video:\n", path: "x.txt")
        XCTAssertEqual(signed.author, "Lê Hòa")
        XCTAssertEqual(signed.paragraphs, ["Thân bài kể lại sự việc đã diễn ra hôm qua."])
        // "xem thêm" inside a sentence stays.
        let kept = try LegacyTextParser.parse("Tiêu đề bài\nBạn đọc có thể vào trang của tỉnh để xem thêm.\n", path: "x.txt")
        XCTAssertEqual(kept.paragraphs, ["Bạn đọc có thể vào trang của tỉnh để xem thêm."])
    }

    /// The label is found on the tail alone, in any case, whatever comes before it.
    func testSeeMoreIsMatchedOnTheTailInAnyCase() {
        XCTAssertEqual(LegacyTextParser.droppingSeeMore("Đoàn đã về đến xã. MỜI XEM THÊM ẢNH:"), "Đoàn đã về đến xã.")
        XCTAssertEqual(LegacyTextParser.droppingSeeMore("Đoàn đã về đến xã. Xem Thêm Clip >>"), "Đoàn đã về đến xã.")
        XCTAssertEqual(LegacyTextParser.droppingSeeMore("Ông nói: xem thêm"), "Ông nói:")
        XCTAssertEqual(LegacyTextParser.droppingSeeMore("Đoàn đã về đến xã."), "Đoàn đã về đến xã.")
        for (text, word) in [("ĐỌC XEM THÊM", "xem thêm"), ("xem thêm", "xem thêm"), ("HẸN XEM", "xem thêm"), ("Ảnh", " ảnh"),
                             (" ẢNH", " ảnh"), ("", "tin"), ("TIN", "tin"), ("x\u{301}EM THÊM", "xem thêm")] {
            XCTAssertEqual(LegacyTextParser.endsInLowercase(text, word), text.lowercased().hasSuffix(word), text)
        }
    }

    func testSiteOutletsComeFirst() throws {
        let config = try SiteConfig.parse("""
        outlets:
          - name: "Báo Lam Giang"
            spellings: ["BLG", "baolamgiang.vn"]
        """)
        XCTAssertEqual(parse("Theo BLG", outlets: config.outlets), Byline(source: "Báo Lam Giang"))
        XCTAssertEqual(parse("Mai Lan/baolamgiang.vn", outlets: config.outlets), Byline(authors: ["Mai Lan"], source: "Báo Lam Giang"))
        XCTAssertEqual(parse("Theo VNE", outlets: config.outlets), Byline(source: "VnExpress"), "the default list stays")
    }

    func testSignaturesGluedToTheEndOfAOneLineBody() throws {
        let cases: [(String, String)] = [
            ("… vào ngày 24/9. TTXVN/Tin Tức", "TTXVN/Tin Tức"),
            ("… mới nhất hiện nay. Theo Ngôi sao", "Theo Ngôi sao"),
            ("… coi anh ra gì. Đăng Đức (Tổng hợp từ ATP & Telegraph)", "Đăng Đức (Tổng hợp từ ATP & Telegraph)"),
            ("… học tập. Đông Hùng Thể thao & Văn hóa", "Đông Hùng Thể thao & Văn hóa"),
            ("… thôi việc. Tri Thu (t/h) Theo Đời sống Plus", "Tri Thu (t/h) Theo Đời sống Plus"),
            // Shapes found among corpus-dev's missed signatures (names ours):
            ("… đã hoàn thành. Minh Khoa Tổng hợp", "Minh Khoa Tổng hợp"),
            ("… xin cảm ơn ông! Thu Trang thực hiện", "Thu Trang thực hiện"),
            ("… trên mạng. Bảo Ngọc theo Phonearena", "Bảo Ngọc theo Phonearena"),
            ("… vào cuối tuần. Lan Chi, Theo Thời Đại", "Lan Chi, Theo Thời Đại"),
            ("… trong tỉnh./. Quốc Bảo/VOV-Lam Giang Quốc Bảo/VOV-Lam Giang", "Quốc Bảo/VOV-Lam Giang Quốc Bảo/VOV-Lam Giang"),
            ("… vào tuần này. Hải ĐăngThể thao & Văn hóa", "Hải ĐăngThể thao & Văn hóa"),
            ("… đánh bại đối thủ.” T.KhaTổng hợp", "T.KhaTổng hợp"),
        ]
        for (end, signature) in cases {
            let text = "Tiêu đề bài\nĐoạn mở đầu của bài viết, khá dài để là một đoạn văn thật sự của bài báo.\nThân bài kể lại sự việc đã diễn ra \(end)\n"
            let article = try LegacyTextParser.parse(text, path: "x.txt")
            XCTAssertEqual(article.author, signature, end)
            XCTAssertFalse(article.paragraphs.joined().contains(signature), end)
        }
    }

    func testAnOutletsChannelAndASportsPaperAfterADash() {
        XCTAssertEqual(parse("PV/VTC1"), Byline(authors: ["PV"], source: "VTC"))
        XCTAssertEqual(parse("Hải Đăng – Thu Hoài/VOV5"), Byline(authors: ["Hải Đăng", "Thu Hoài"], source: "VOV"))
        XCTAssertEqual(parse("Theo PV/VTV1"), Byline(authors: ["PV"], source: "VTV"))
        XCTAssertEqual(parse("Minh Tú - Thể thao Việt Nam"), Byline(authors: ["Minh Tú"], source: "Thể thao Việt Nam"))
        // "Bài và ảnh:", "Tin, ảnh:" name the writer; "Ảnh:" alone only a photographer.
        XCTAssertEqual(parse("Bài và ảnh: Hồng Nhung"), Byline(authors: ["Hồng Nhung"]))
        XCTAssertEqual(parse("Tin, ảnh: Minh Hà"), Byline(authors: ["Minh Hà"]))
        XCTAssertEqual(parse("Tin-ảnh: Quốc Việt - Lê Hòa"), Byline(authors: ["Quốc Việt", "Lê Hòa"]))
        XCTAssertEqual(parse("Ảnh: Minh Hà"), Byline())
        // A number that is no channel stays out of the outlet's name.
        XCTAssertNil(Outlets.vietnamese.outlet(named: "VT1"))
    }

    func testSignaturesWithAChannelOrATimeStampAtTheEndOfAOneLineBody() throws {
        let cases: [(String, String)] = [
            ("… không có nhiều thông tin./. PV/VTC1", "PV/VTC1"),
            ("… với xã hội./. Hải Đăng – Thu Hoài/VOV5", "Hải Đăng – Thu Hoài/VOV5"),
            ("… sớm ổn định cuộc sống”. Bài và ảnh: Hồng Nhung", "Bài và ảnh: Hồng Nhung"),
            ("… đã được khắc phục. Tin, ảnh: MINH HÀ", "Tin, ảnh: MINH HÀ"),
            ("… một đối thủ như vậy.” Minh Tú - Thể thao Việt Nam | 21:00 22/05/2017", "Minh Tú - Thể thao Việt Nam"),
        ]
        for (end, signature) in cases {
            let text = "Tiêu đề bài\nTối 21/5, hai đội bóng gặp nhau trong trận đấu được chờ đợi của vòng đấu.\nThân bài kể lại sự việc đã diễn ra \(end)\n"
            let article = try LegacyTextParser.parse(text, path: "x.txt")
            XCTAssertEqual(article.author, signature, end)
            XCTAssertFalse(article.paragraphs.joined().contains("|"), end)
        }
    }
}

import XCTest
@testable import SiteKit

/// Bodies that arrive as one line, as the real scraped files have them.
final class LegacyBodyTests: XCTestCase {
    func paragraphs(_ body: String, lead: String = "Đoạn mở đầu của bài báo kể lại một sự kiện đã diễn ra ở địa phương trong tuần qua, đủ dài.") throws -> LegacyArticle {
        try LegacyTextParser.parse("Tiêu đề bài viết\n\(lead)\n\(body)\n", path: "x.txt")
    }

    static let sentences = [
        "Thu ngân sách của TP.HCM đạt hơn 1.300 tỷ đồng trong quý đầu năm, tăng mạnh so với cùng kỳ năm trước.",
        "Tại Q.1, nhiều doanh nghiệp mở rộng sản xuất và tuyển thêm lao động cho những tháng cuối năm.",
        "Ông Nguyễn Văn A cho biết: \"Chúng tôi đã làm xong. Giờ là lúc nhìn lại. Còn nhiều việc phải làm.\" Ông nói thêm về kế hoạch.",
        "GS. TS. Lê Văn Bình nhận định thị trường sẽ còn biến động trong thời gian tới, nhất là giá vàng.",
        "Các chuyên gia khuyến cáo người dân cần thận trọng khi đầu tư vào những lĩnh vực có nhiều rủi ro.",
        "Trong khi đó, giá xăng dầu được điều chỉnh tăng nhẹ từ chiều nay theo quyết định của liên bộ.",
        "Nhiều hộ kinh doanh nhỏ lẻ phản ánh chi phí vận chuyển tăng khiến giá hàng hóa cũng tăng theo.",
        "Cơ quan chức năng cho biết sẽ tăng cường kiểm tra, xử lý nghiêm các trường hợp găm hàng, tăng giá bất hợp lý.",
        "Theo kế hoạch, chương trình bình ổn thị trường sẽ kéo dài đến hết quý ba với nhiều mặt hàng thiết yếu.",
        "Người tiêu dùng có thể mua hàng bình ổn tại hệ thống siêu thị và các điểm bán lưu động trên địa bàn.",
    ]

    func testAOneLineBodyIsSplitAtSentenceEnds() throws {
        let body = Self.sentences.joined(separator: " ")
        let article = try paragraphs(body)
        XCTAssertGreaterThan(article.paragraphs.count, 3)
        XCTAssertEqual(article.paragraphs.dropFirst().joined(separator: " "), body, "nothing lost, nothing added")
        for paragraph in article.paragraphs.dropFirst() {
            XCTAssertLessThan(paragraph.count, 700, paragraph)
            // Each starts where a sentence starts.
            XCTAssertTrue(Self.sentences.contains { $0.hasPrefix(String(paragraph.prefix(20))) }, paragraph)
        }
    }

    func testNeverInsideAbbreviationsNumbersOrQuotes() {
        let chars = Array(Self.sentences.prefix(4).joined(separator: " "))
        let cuts = LegacyBody.sentenceEnds(chars).map { String(chars[..<$0]) }
        for cut in cuts {
            XCTAssertFalse(cut.hasSuffix("TP.") || cut.hasSuffix("Q.") || cut.hasSuffix("GS.") || cut.hasSuffix("TS."), cut)
            XCTAssertFalse(cut.hasSuffix("làm xong.") || cut.hasSuffix("nhìn lại."), "inside a quotation: \(cut)")
        }
        XCTAssertEqual(cuts.count, 3, "after each of the first three sentences")
    }

    func testPhotoCreditsAreCaptionsOutOfTheTextFlow() throws {
        let body = "Đây là vụ tấn công mới nhất ở miền Nam nước này trong năm nay. Nhân viên an ninh điều tra tại hiện trường ngày 20/4. Ảnh: AFP/TTXVN Đây là vụ tấn công được cho là do lực lượng nổi dậy tiến hành. Tổng thống hai nước gặp nhau bên lề hội nghị. (Ảnh: Getty) AP dẫn lời cố vấn cho biết như vậy."
        let article = try paragraphs(body)
        let captions = article.captions.sorted().map { article.paragraphs[$0] }
        XCTAssertEqual(captions, ["Nhân viên an ninh điều tra tại hiện trường ngày 20/4. Ảnh: AFP/TTXVN",
                                  "Tổng thống hai nước gặp nhau bên lề hội nghị. (Ảnh: Getty)"])
        let text = article.paragraphs.indices.filter { !article.captions.contains($0) }.map { article.paragraphs[$0] }
        XCTAssertFalse(text.joined().contains("Ảnh:"))
        XCTAssertTrue(text.contains("Đây là vụ tấn công được cho là do lực lượng nổi dậy tiến hành."))
        XCTAssertTrue(text.contains("AP dẫn lời cố vấn cho biết như vậy."))
    }

    func testACaptionRendersAsACaption() throws {
        let site = try TestSite(files: ["content/cu/100.txt": "Tiêu đề có ảnh\nNgày 5/6/2017, mở đầu bài viết với đủ chữ để thành một đoạn văn riêng của bài.\nLễ khai mạc diễn ra trang trọng. Ảnh: Hoàng Hà Sau đó các đại biểu đi tham quan.\n"])
        let loaded = try site.load()
        XCTAssertEqual(loaded.site.articles.count, 1)
        XCTAssertTrue(loaded.site.articles[0].bodyHTML.contains("<p><em>Lễ khai mạc diễn ra trang trọng. Ảnh: Hoàng Hà</em></p>"), loaded.site.articles[0].bodyHTML)
    }

    func testTheLeadIsShownOnce() throws {
        let lead = "Con trai tôi 2 tuổi, cân nặng 10kg, cao 80cm nhưng cháu rất lười ăn và hay bị rối loạn tiêu hóa."
        let article = try paragraphs(lead + " Xin bác sĩ cho biết làm thế nào để cháu hết rối loạn tiêu hóa?", lead: lead)
        XCTAssertEqual(article.paragraphs, [lead, "Xin bác sĩ cho biết làm thế nào để cháu hết rối loạn tiêu hóa?"])
    }

    /// The scans compare scalars; a letter spelled as two ("A" + U+0309 for "Ả") is one Character
    /// and must be found as the composed one is (the parser composes files, but the rule stands alone).
    func testACreditSpelledWithACombiningMarkIsACaptionToo() {
        let composed = "Lễ khai mạc diễn ra trang trọng tại nhà văn hóa. Ảnh: Hoàng Hà Sau đó các đại biểu đi tham quan."
        let decomposed = composed.replacingOccurrences(of: "Ả", with: "A\u{0309}")
        XCTAssertNotEqual(Array(composed.unicodeScalars), Array(decomposed.unicodeScalars))
        let expected = [LegacyBody.Paragraph(text: "Lễ khai mạc diễn ra trang trọng tại nhà văn hóa. Ảnh: Hoàng Hà", isCaption: true),
                        LegacyBody.Paragraph(text: "Sau đó các đại biểu đi tham quan.", isCaption: false)]
        XCTAssertEqual(LegacyBody.captionsApart(composed), expected)
        XCTAssertEqual(LegacyBody.captionsApart(decomposed), expected, "Characters compare canonically: the same paragraphs")
    }

    /// Paragraphs are cut out of the text as it was written (not rebuilt Character by
    /// Character): the bytes of each piece are the bytes of its run of the input, a letter
    /// spelled with a combining mark included, and captions and long paragraphs are cut alike.
    func testPiecesKeepTheBytesOfTheText() {
        let sentence = "Đoàn công tác của Ba\u{0300}n Thường vụ đã đến thăm và làm việc tại xã vùng cao. "
        let long = String(repeating: sentence, count: 12) + "Lễ khai mạc diễn ra trang trọng. A\u{0309}nh: Hoàng Hà Sau đó các đại biểu đi tham quan."
        let pieces = LegacyBody.paragraphs([long])
        XCTAssertGreaterThan(pieces.count, 2, "split at sentence ends, and the caption apart")
        XCTAssertEqual(pieces.filter(\.isCaption).map { Array($0.text.unicodeScalars) },
                       [Array("Lễ khai mạc diễn ra trang trọng. A\u{0309}nh: Hoàng Hà".unicodeScalars)])
        let input = Array(long.utf8)
        for piece in pieces {
            let bytes = Array(piece.text.utf8)
            XCTAssertTrue((0...(input.count - bytes.count)).contains { Array(input[$0..<$0 + bytes.count]) == bytes },
                          "not a run of the input: \(piece.text)")
        }
        XCTAssertEqual(pieces.map(\.text).joined(separator: " ").unicodeScalars.filter { $0 != " " }.count,
                       long.unicodeScalars.filter { $0 != " " }.count, "nothing lost or added")
    }

    /// A paragraph with no caption is cut from the letters and sentence ends found while looking
    /// for captions: the same cuts as splitting it alone, on either side of `longParagraph`.
    func testAParagraphWithoutACaptionIsCutAsASplitCutsIt() {
        for count in 1...Self.sentences.count {
            let text = Self.sentences.prefix(count).joined(separator: " ")
            let pieces = LegacyBody.paragraphs([text])
            XCTAssertFalse(pieces.contains(where: \.isCaption), text)
            let expected = text.count <= LegacyBody.longParagraph ? [text] : LegacyBody.split(text)
            XCTAssertEqual(pieces.map(\.text), expected, "\(count) sentences")
        }
    }

    /// Letters are Swift's own Characters, whether they are made from the scalars (text where each
    /// scalar stands alone) or by finding grapheme boundaries (anything else).
    func testLettersAreTheCharactersOfTheText() {
        let texts = [
            "Sáng 5/6, “Đoàn công tác” đã đến thăm xã – vùng cao… Ảnh: Hoàng Hà ©",   // each scalar a Character
            "Ba\u{0300}n Thường vụ A\u{0309}nh",                                          // combining marks
            "dòng một\r\ndòng hai", "cờ 🇻🇳 và 👩\u{200D}🌾 ở đây", "한국 ạ", "",
        ]
        for text in texts {
            let letters = LegacyBody.Letters(text)
            XCTAssertEqual(letters.chars, Array(text), text)
            XCTAssertEqual(letters.scalars, letters.chars.map { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first!.value : LegacyBody.Letters.several }, text)
            XCTAssertEqual(letters.string(0..<letters.count), text, text)
            if letters.count > 2 { XCTAssertEqual(letters.string(1..<letters.count - 1), String(Array(text)[1..<letters.count - 1]), text) }
        }
    }
}

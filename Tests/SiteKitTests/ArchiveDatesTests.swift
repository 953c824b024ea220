import XCTest
@testable import SiteKit

/// Dates that need the whole archive: neighbours in id order, the dates file, out-of-range warnings.
/// The files are in the shape of the real scrape: named after the old CMS's ids, three lines each.
final class ArchiveDatesTests: XCTestCase {
    static func article(_ title: String, lead: String, body: String = "Nội dung chi tiết của bài viết được cập nhật liên tục trong ngày. Minh Anh") -> String {
        "\(title)\n\(lead)\n\(body)\n"
    }

    static let archive: [String: String] = [
        "content/cu/5001.txt": article("Giá vàng tăng mạnh", lead: "Giá vàng hôm nay ngày 5/6/2017 tăng mạnh ở cả hai chiều mua và bán tại các cửa hàng."),
        "content/cu/5002.txt": article("Mưa lớn ở miền núi", lead: "Chiều 5/6, mưa lớn kéo dài gây ngập nhiều tuyến đường ở các huyện miền núi phía Bắc."),
        "content/cu/5003.txt": article("Một bài không có ngày", lead: "Nhiều người dân vẫn chưa biết cách đăng ký dịch vụ công trực tuyến ở địa phương."),
        "content/cu/5004.txt": article("Khai mạc hội chợ", lead: "Sáng ngày 7/6/2017, hội chợ thương mại khai mạc tại trung tâm triển lãm của tỉnh."),
        "content/cu/5005.txt": article("Cháy chợ", lead: "Tối 7/6, một vụ cháy lớn xảy ra tại chợ trung tâm, thiêu rụi hàng chục ki-ốt.",
                                       body: "Theo kế hoạch, chợ mới sẽ xây xong sau năm 2025. Minh Anh"),
        "content/cu/5006.txt": article("Đoàn công tác", lead: "Ngày 8/6/2017, đoàn công tác của bộ làm việc với tỉnh về công tác cải cách hành chính."),
    ]

    func testNeighboursGiveTheYearAndEstimateTheUndated() throws {
        let site = try TestSite(files: Self.archive, siteYML: "title: T\narchive_start: 2016-01-01\n")
        let loaded = try site.load()
        func article(_ id: String) throws -> Article { try XCTUnwrap(loaded.site.articles.first { $0.sourcePath == "cu/\(id).txt" }) }
        let calendar = DateParsing(timeZone: site.configZone).calendar
        func day(_ a: Article) -> [Int] { let p = calendar.dateComponents([.year, .month, .day], from: a.date); return [p.year!, p.month!, p.day!] }

        XCTAssertEqual(day(try article("5002")), [2017, 6, 5])
        guard case .yearFromNeighbours(let excerpt, _, let neighbours)? = try article("5002").provenance["date"] else {
            return XCTFail("\(String(describing: try article("5002").provenance["date"]))")
        }
        XCTAssertEqual(excerpt, "Chiều 5/6")
        XCTAssertTrue(neighbours.contains("5001 (2017-06-05)") && neighbours.contains("5004 (2017-06-07)"), neighbours)
        // "sau năm 2025" names a plan, not the year of "Tối 7/6".
        XCTAssertEqual(day(try article("5005")), [2017, 6, 7])

        // No date at all: between its dated neighbours, marked, warned, explained.
        let undated = try article("5003")
        XCTAssertEqual(day(undated).prefix(2), [2017, 6])
        XCTAssertTrue((5...7).contains(day(undated)[2]), "\(day(undated))")
        guard case .neighbours(let how)? = undated.provenance["date"] else { return XCTFail("\(String(describing: undated.provenance["date"]))") }
        XCTAssertTrue(how.contains("5001 (2017-06-05)") && how.contains("5004 (2017-06-07)"), how)
        XCTAssertTrue(loaded.warnings.contains { $0.path == "content/cu/5003.txt" && $0.message.contains("estimated") }, "\(loaded.warnings)")
        let index = try XCTUnwrap(loaded.site.articles.firstIndex { $0.sourcePath == "cu/5003.txt" })
        let explained = ArchiveCheck.explain(index, in: loaded.site).first { $0.field == "date" }
        XCTAssertTrue(explained?.origin.hasPrefix("estimated from the articles around it in id order") == true, "\(String(describing: explained))")

        let sources = Dictionary(uniqueKeysWithValues: ArchiveCheck.dateSources(in: loaded.site).map { ($0.source, $0.count) })
        XCTAssertEqual(sources, ["text": 3, "text, year from neighbours": 2, "estimated from neighbours": 1])
    }

    func testFutureAndTooEarlyDatesAreWarnedNotHiddenSilently() throws {
        var files = Self.archive
        files["content/cu/5003.txt"] = Self.article("Quy hoạch", lead: "Ngày 12/3/2045, thành phố sẽ hoàn thành quy hoạch mới theo kế hoạch đã duyệt.")
        files["content/cu/5004.txt"] = Self.article("Kỷ niệm", lead: "Ngày 2/9/1995, tỉnh tổ chức lễ kỷ niệm lớn với sự tham gia của đông đảo nhân dân.")
        let site = try TestSite(files: files, siteYML: "title: T\narchive_start: 2016-01-01\n")
        let loaded = try site.load()
        XCTAssertEqual(loaded.site.articles.count, 6, "nothing hidden")
        let future = try XCTUnwrap(loaded.warnings.first { $0.path == "content/cu/5003.txt" && $0.message.contains("after the build time") })
        XCTAssertTrue(future.message.contains("Ngày 12/3/2045"), future.message)
        XCTAssertEqual(future.line, 2)
        XCTAssertTrue(loaded.warnings.contains { $0.path == "content/cu/5004.txt" && $0.message.contains("before archive_start") })
        for article in loaded.site.articles {
            XCTAssertEqual(DateParsing(timeZone: site.configZone).calendar.component(.year, from: article.date), 2017, article.sourcePath)
        }
    }

    func testAStatedDateFarFromEveryNeighbourIsAnotherEvents() throws {
        var files = Self.archive
        files["content/cu/5004.txt"] = Self.article("Luật mới", lead: "Ngày 1/1/2019, luật bảo hiểm xã hội sửa đổi sẽ có hiệu lực với nhiều điểm mới cho người lao động.")
        let site = try TestSite(files: files, siteYML: "title: T\n")
        let loaded = try site.load()
        let article = try XCTUnwrap(loaded.site.articles.first { $0.sourcePath == "cu/5004.txt" })
        let parts = DateParsing(timeZone: site.configZone).calendar.dateComponents([.year, .month], from: article.date)
        XCTAssertEqual([parts.year, parts.month], [2017, 6], "\(String(describing: article.provenance["date"])) \(loaded.warnings)")
        XCTAssertTrue(loaded.warnings.contains { $0.path == "content/cu/5004.txt" && $0.message.contains("far from") && $0.message.contains("Ngày 1/1/2019") },
                      "\(loaded.warnings)")
    }

    func testTheDatesFileWinsOverTextAndNeighbours() throws {
        var files = Self.archive
        files["data/dates.csv"] = "id,date\n5003,2017-06-06T09:15:00+07:00\ncu/5005.txt,2017-06-07\n"
        let site = try TestSite(files: files, siteYML: "title: T\n")
        let loaded = try site.load()
        let undated = try XCTUnwrap(loaded.site.articles.first { $0.sourcePath == "cu/5003.txt" })
        XCTAssertEqual(undated.date, DateParsing(timeZone: site.configZone).parse("2017-06-06T09:15:00+07:00"))
        XCTAssertEqual(undated.provenance["date"], .datesFile("data/dates.csv, line 2"))
        XCTAssertEqual(loaded.site.articles.first { $0.sourcePath == "cu/5005.txt" }?.provenance["date"], .datesFile("data/dates.csv, line 3"))
        XCTAssertFalse(loaded.warnings.contains { $0.path == "content/cu/5003.txt" })

        try site.write("data/dates.csv", "id,date\n5003,hôm qua\n")
        XCTAssertThrowsError(try site.load()) { error in
            XCTAssertTrue("\(error)".contains("data/dates.csv:2"), "\(error)")
        }
    }

    func testWithoutNeighboursTheFileTimeIsUsedAndSaid() throws {
        let site = try TestSite(files: ["content/tin/bai-mot.txt": Self.article("Bài một", lead: "Sáng 6-6, người dân đổ về trung tâm để xem lễ hội đường phố lớn nhất năm.")])
        let loaded = try site.load()
        let warning = try XCTUnwrap(loaded.warnings.first { $0.path == "content/tin/bai-mot.txt" })
        XCTAssertTrue(warning.message.contains("no year in \"Sáng 6-6\""), warning.message)
        let parts = DateParsing(timeZone: site.configZone).calendar.dateComponents([.month, .day], from: loaded.site.articles[0].date)
        XCTAssertEqual([parts.month, parts.day], [6, 6])
    }
}

extension TestSite {
    var configZone: TimeZone { TimeZone(identifier: "Asia/Ho_Chi_Minh")! }
}

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
        XCTAssertTrue(how.contains("5002 (2017-06-05)") && how.contains("5004 (2017-06-07)"), how)  // "Chiều 5/6", its year known, is nearer than 5001
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

    /// Seen on corpus-dev without `archive_start`: a run of leads that state another event's date
    /// with its year (a law's, a period's start) outvotes the five neighbours on one side, and the
    /// archive spread over 1994–2020. The line all firm dates draw in id order still sees them.
    func testARunOfOtherEventsDatesDoesNotOutvoteTheArchive() throws {
        var files: [String: String] = [:]
        // 24 articles of June 2017 stating their own date, one a day, ids in publishing order…
        for n in 0..<24 {
            let day = n + 1
            let id = 6000 + n * 10 + (n >= 12 ? 100 : 0)
            files["content/cu/\(id).txt"] = Self.article("Tin ngày \(day)", lead: "Sáng ngày \(day)/6/2017, các ngành chức năng của tỉnh đã ra quân kiểm tra thực phẩm.")
        }
        // …and after the twelfth, six in a row whose lead opens with an older event's date.
        let years = [2014, 2013, 2015, 2012, 2014, 2011]
        for (n, year) in years.enumerated() {
            files["content/cu/\(6120 + n * 10).txt"] = Self.article("Nhìn lại \(n)", lead: "Ngày 1/7/\(year), quy định về an toàn thực phẩm bắt đầu có hiệu lực và đến nay vẫn còn nhiều vướng mắc.")
        }
        let site = try TestSite(files: files, siteYML: "title: T\n")
        let loaded = try site.load()
        let calendar = DateParsing(timeZone: site.configZone).calendar
        for n in years.indices {
            let path = "cu/\(6120 + n * 10).txt"
            let article = try XCTUnwrap(loaded.site.articles.first { $0.sourcePath == path })
            let parts = calendar.dateComponents([.year, .month], from: article.date)
            XCTAssertEqual([parts.year, parts.month], [2017, 6], "\(path): \(String(describing: article.provenance["date"]))")
            XCTAssertTrue(loaded.warnings.contains { $0.path == "content/" + path && $0.message.contains("far from") }, path)
        }
        // The articles that state their own date keep it.
        let references = Set(years.indices.map { "cu/\(6120 + $0 * 10).txt" })
        for article in loaded.site.articles where !references.contains(article.sourcePath) {
            XCTAssertEqual(calendar.component(.year, from: article.date), 2017, article.sourcePath)
        }
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

    /// An archive of June 2017 whose full dates are far apart, as in the real scrape (one article in
    /// twenty states its year): the day-and-month articles between them, once their year is known,
    /// date the undated; ids are uneven (every seventh of the old CMS's) and interpolated by value.
    static let june: [String: String] = [
        "content/cu/22400007.txt": article("Khai mạc kỳ họp", lead: "Sáng ngày 1/6/2017, kỳ họp thứ tư Hội đồng nhân dân tỉnh khai mạc tại hội trường lớn."),
        "content/cu/22400140.txt": article("Bão số 2", lead: "Chiều 19/6, bão số 2 đổ bộ vào các tỉnh ven biển, nhiều tàu thuyền đã vào nơi tránh trú."),
        "content/cu/22400172.txt": article("Một bài không có ngày", lead: "Người dân cần chủ động theo dõi thông tin dự báo thời tiết trên các phương tiện đại chúng."),
        // Another event's date, the nearest after the undated 22400172: far from the rest of its side.
        "content/cu/22400175.txt": article("Nhìn lại", lead: "Ngày 2/6/2017, tỉnh đã tổ chức hội nghị tổng kết mà đến nay nhiều kiến nghị vẫn chưa được giải quyết."),
        "content/cu/22400204.txt": article("Thi tốt nghiệp", lead: "Tối 23/6, các điểm thi đã nhận đề thi và sẵn sàng cho kỳ thi tốt nghiệp trung học phổ thông."),
        "content/cu/22400210.txt": article("Khởi công cầu", lead: "Hôm nay (23/6), tỉnh khởi công cây cầu nối hai huyện với tổng vốn đầu tư hơn 1.300 tỷ đồng."),
        "content/cu/22400224.txt": article("Giá xăng", lead: "Chiều 24/6, giá xăng được điều chỉnh giảm nhẹ theo quyết định của liên bộ."),
        "content/cu/22400231.txt": article("Hội thao", lead: "Sáng 24-6, hội thao công nhân viên chức khai mạc với hơn 500 vận động viên tham gia."),
        "content/cu/22400238.txt": article("Bóng đá", lead: "Tối 25/6, đội bóng của tỉnh giành chiến thắng 2-1 trên sân nhà."),
        "content/cu/22400420.txt": article("Tổng kết", lead: "Ngày 30/6/2017, tỉnh tổng kết công tác sáu tháng đầu năm và triển khai nhiệm vụ sáu tháng cuối năm."),
    ]

    func testTheUndatedAreInterpolatedBetweenTheNearestDatedNeighboursIgnoringAnOutlier() throws {
        let site = try TestSite(files: Self.june, siteYML: "title: T\narchive_start: 2016-01-01\n")
        let loaded = try site.load()
        let calendar = DateParsing(timeZone: site.configZone).calendar
        func article(_ id: String) throws -> Article { try XCTUnwrap(loaded.site.articles.first { $0.sourcePath == "cu/\(id).txt" }) }
        func day(_ id: String) throws -> [Int] {
            let p = calendar.dateComponents([.year, .month, .day], from: try article(id).date); return [p.year!, p.month!, p.day!]
        }
        // Halfway by id between "Chiều 19/6" (22400140) and "Tối 23/6" (22400204): the 21st, not the
        // 12th that the two full dates (1/6 and 30/6) would give, nor the outlier's 2nd.
        XCTAssertEqual(try day("22400172"), [2017, 6, 21])
        guard case .neighbours(let how)? = try article("22400172").provenance["date"] else {
            return XCTFail("\(String(describing: try article("22400172").provenance["date"]))")
        }
        XCTAssertEqual(how, "the articles around it in id order: 22400140 (2017-06-19) and 22400204 (2017-06-23)")
        // The outlier keeps what its text says (near enough to the full dates around it to be true).
        XCTAssertEqual(try day("22400175"), [2017, 6, 2])
        XCTAssertEqual(try day("22400210"), [2017, 6, 23])

        let warning = try XCTUnwrap(loaded.warnings.first { $0.path == "content/cu/22400172.txt" })
        XCTAssertEqual(warning.message, "no date in the dates file, path or text: estimated 2017-06-21 from " + how + " (see check --explain)")
        XCTAssertEqual(loaded.warnings.count, 1, "\(loaded.warnings)")
        func explained(_ id: String) throws -> String {
            let index = try XCTUnwrap(loaded.site.articles.firstIndex { $0.sourcePath == "cu/\(id).txt" })
            return try XCTUnwrap(ArchiveCheck.explain(index, in: loaded.site).first { $0.field == "date" }).origin
        }
        XCTAssertEqual(try explained("22400172"), "estimated from " + how)
        XCTAssertEqual(try explained("22400140"),
                       "text \"Chiều 19/6\", line 2; year from the articles around it in id order: 22400007 (2017-06-01) and 22400420 (2017-06-30)")
    }

    func testADayAndMonthTakeTheYearOfTheirNeighboursAcrossNewYear() throws {
        let site = try TestSite(files: [
            "content/cu/21000007.txt": Self.article("Tổng kết năm", lead: "Ngày 29/12/2016, tỉnh tổng kết công tác năm và đề ra nhiệm vụ cho năm tới."),
            "content/cu/21000014.txt": Self.article("Pháo hoa", lead: "Tối 31/12, hàng nghìn người dân đổ về quảng trường chờ đón năm mới."),
            "content/cu/21000021.txt": Self.article("Chào năm mới", lead: "Sáng 1-1, lễ thượng cờ được tổ chức trang trọng tại quảng trường trung tâm."),
            "content/cu/21000028.txt": Self.article("Hội nghị đầu năm", lead: "Ngày 3/1/2017, Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai nhiệm vụ năm 2017."),
        ], siteYML: "title: T\narchive_start: 2016-01-01\n")
        let loaded = try site.load()
        let calendar = DateParsing(timeZone: site.configZone).calendar
        func day(_ id: String) throws -> [Int] {
            let a = try XCTUnwrap(loaded.site.articles.first { $0.sourcePath == "cu/\(id).txt" })
            let p = calendar.dateComponents([.year, .month, .day], from: a.date); return [p.year!, p.month!, p.day!]
        }
        XCTAssertEqual(try day("21000014"), [2016, 12, 31])
        XCTAssertEqual(try day("21000021"), [2017, 1, 1])
        XCTAssertTrue(loaded.warnings.isEmpty, "\(loaded.warnings)")
    }

    func testWithoutNeighboursTheFileTimeIsUsedAndSaid() throws {
        let site = try TestSite(files: ["content/tin/bai-mot.txt": Self.article("Bài một", lead: "Sáng 6-6, người dân đổ về trung tâm để xem lễ hội đường phố lớn nhất năm.")])
        let loaded = try site.load()
        let warning = try XCTUnwrap(loaded.warnings.first { $0.path == "content/tin/bai-mot.txt" })
        XCTAssertTrue(warning.message.contains("no year in \"Sáng 6-6\""), warning.message)
        let parts = DateParsing(timeZone: site.configZone).calendar.dateComponents([.month, .day], from: loaded.site.articles[0].date)
        XCTAssertEqual([parts.month, parts.day], [6, 6])
    }

    /// The old id is the file name up to its first dot when that is all digits (what the dates
    /// file and the neighbours go by); the byte scan that replaced a split must read it the same.
    func testTheOldIDIsTheNumericFileName() {
        XCTAssertEqual(ArchiveDates.numericName("legacy/21459320.txt"), "21459320")
        XCTAssertEqual(ArchiveDates.numericName("21459320"), "21459320")
        XCTAssertEqual(ArchiveDates.numericName("a/b/5001.tar.gz"), "5001")
        XCTAssertEqual(ArchiveDates.numericName("a/5001/"), "5001")
        XCTAssertEqual(ArchiveDates.numericName("a/.5001.txt"), "5001")
        XCTAssertEqual(ArchiveDates.numericName(String(repeating: "9", count: 18) + ".txt"), String(repeating: "9", count: 18))
        XCTAssertNil(ArchiveDates.numericName(String(repeating: "9", count: 19) + ".txt"))
        XCTAssertNil(ArchiveDates.numericName("2023/08/bai-5001.md"))
        XCTAssertNil(ArchiveDates.numericName("legacy/５００１.txt"))  // full-width digits are not an id
        XCTAssertNil(ArchiveDates.numericName(""))
        XCTAssertNil(ArchiveDates.numericName("a/.txt/"))
    }
}

extension TestSite {
    var configZone: TimeZone { TimeZone(identifier: "Asia/Ho_Chi_Minh")! }
}

import XCTest
@testable import SiteKit

final class FormattingTests: XCTestCase {
    let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    func testVietnameseLongDate() {
        let date = DateParsing(timeZone: zone).date(year: 2023, month: 8, day: 1, hour: 8)!
        let format = Formatting(language: "vi", timeZone: zone)
        XCTAssertEqual(format.longDate(date), "Thứ Ba, 01/08/2023")
        XCTAssertEqual(format.shortDate(date), "01/08/2023")
        XCTAssertEqual(format.isoDate(date), "2023-08-01T08:00:00+07:00")
        XCTAssertEqual(format.rfc822Date(date), "Tue, 01 Aug 2023 08:00:00 +0700")
        XCTAssertEqual(format.monthLabel(year: 2023, month: 8), "Tháng 8/2023")
    }

    func testLateEveningStaysOnTheLocalDay() {
        // 23:30 in Vietnam is 16:30 UTC the same day; 00:30 local is the previous day in UTC.
        let date = DateParsing(timeZone: zone).parse("2023-08-02T00:30:00+07:00")!
        XCTAssertEqual(Formatting(language: "vi", timeZone: zone).longDate(date), "Thứ Tư, 02/08/2023")
    }

    /// `Formatting` counts a date's parts out from the zone's offset between 1900 and 2100: the
    /// same parts as the calendar's, across daylight saving, odd offsets, month and leap-day edges.
    func testDatePartsAgreeWithTheCalendar() {
        var times: [TimeInterval] = [-2_208_988_800, 4_102_444_799, -1, 0, 86_399, 951_782_400, 951_868_800, 1_583_020_800]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<4000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            times.append(-2_208_988_800 + TimeInterval((state >> 16) % 6_311_433_600))
        }
        for name in ["Asia/Ho_Chi_Minh", "UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"] {
            let zone = TimeZone(identifier: name)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let format = Formatting(language: "en", timeZone: zone)
            for time in times {
                let date = Date(timeIntervalSince1970: time)
                let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
                let two = { (value: Int?) in String(format: "%02d", value ?? 0) }
                let expected = "\(Formatting.rfcWeekdays[p.weekday! - 1]), \(two(p.day)) \(Formatting.rfcMonths[p.month! - 1]) \(p.year!) "
                    + "\(two(p.hour)):\(two(p.minute)):\(two(p.second))"
                XCTAssertTrue(format.rfc822Date(date).hasPrefix(expected), "\(name) \(time): \(format.rfc822Date(date)) is not \(expected)")
            }
        }
    }

    func testNumbersUseDotsInVietnamese() {
        let vi = Formatting(language: "vi", timeZone: zone)
        XCTAssertEqual(vi.number(2198), "2.198")
        XCTAssertEqual(vi.number(1_234_567), "1.234.567")
        XCTAssertEqual(vi.number(999), "999")
        XCTAssertEqual(Formatting(language: "en", timeZone: zone).number(2198), "2,198")
    }

    func testTheMostNegativeNumberIsFormattedWithoutTrapping() {
        // Issue 16, item 1: `abs(Int.min)` overflows.
        let vi = Formatting(language: "vi", timeZone: zone)
        XCTAssertEqual(vi.number(Int.min), "-9.223.372.036.854.775.808")
        XCTAssertEqual(vi.number(Int.max), "9.223.372.036.854.775.807")
        XCTAssertEqual(vi.number(-2198), "-2.198")
    }

    func testDateParsingForms() {
        let parse = DateParsing(timeZone: zone)
        let midnight = parse.date(year: 2023, month: 8, day: 1)!
        XCTAssertEqual(parse.parse("2023-08-01"), midnight)
        XCTAssertEqual(parse.parse("01/08/2023"), midnight)
        XCTAssertEqual(parse.parse("2023-07-31T17:00:00Z"), midnight)
        XCTAssertEqual(parse.parse("2023-08-01 08:30"), parse.date(year: 2023, month: 8, day: 1, hour: 8, minute: 30))
        XCTAssertNil(parse.parse("2023-02-30"))
        XCTAssertNil(parse.parse("hôm qua"))
    }

    func testDatesWithAnOffsetAgreeWithTheCalendar() {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let parse = DateParsing(timeZone: zone)
        var seed: UInt64 = 7
        func next(_ range: ClosedRange<Int>) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((seed >> 33) % UInt64(range.count))
        }
        let fixed = [(1583, 1, 1), (1600, 2, 29), (1900, 2, 28), (1969, 12, 31), (1970, 1, 1), (2000, 2, 29), (2024, 2, 29), (9999, 12, 31)]
        let dates = fixed + (0..<500).map { _ in (next(1583...2200), next(1...12), next(1...28)) }
        for (year, month, day) in dates {
            let hour = next(0...23), minute = next(0...59), second = next(0...59), offset = next(-12...14)
            let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:00", year, month, day, hour, minute, second,
                              offset < 0 ? "-" : "+", abs(offset))
            let expected = utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
                .addingTimeInterval(TimeInterval(-offset * 3600))
            XCTAssertEqual(parse.parse(text), expected, text)
        }
        XCTAssertNil(parse.parse("2023-02-29T08:00:00+07:00"))
        XCTAssertNil(parse.parse("1900-02-29T08:00:00Z"))
        XCTAssertNil(parse.parse("2023-04-31T08:00:00Z"))
        XCTAssertNotNil(parse.parse("2024-02-29T08:00:00Z"))
    }

    func testLinksUnderBasePathAndRelative() {
        var config = SiteConfig()
        config.baseURL = "https://example.gov.vn/luu-tru/"
        XCTAssertEqual(Links(config: config).href("2023/08/a/", from: "chu-de/x/"), "/luu-tru/2023/08/a/")
        config.relativeLinks = true
        let links = Links(config: config)
        XCTAssertEqual(links.href("2023/08/a/", from: "chu-de/x/"), "../../2023/08/a/index.html")
        XCTAssertEqual(links.href("", from: "2023/08/a/"), "../../../index.html")
        XCTAssertEqual(links.href("assets/style.css", from: ""), "assets/style.css")
        XCTAssertEqual(links.href("2023/08/b/", from: "2023/08/a/"), "../../../2023/08/b/index.html")
        // A rooted link is a path from the root, written after the page's root by the template engine.
        guard case .rootPath(let path) = links.rooted("chu-de/x/") else { return XCTFail("not rooted") }
        XCTAssertEqual(links.root(of: "2023/08/a/") + path, "../../../chu-de/x/index.html")
    }
}

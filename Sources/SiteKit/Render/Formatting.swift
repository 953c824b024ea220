import Foundation

/// Dates and numbers as Vietnamese readers write them ("Thứ Ba, 01/08/2023", "2.198").
/// Written from calendar parts rather than DateFormatter: identical on every ICU version,
/// and safe to call from every rendering thread at once.
public struct Formatting: Sendable {
    static let vietnameseWeekdays = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
    static let englishWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"]
    static let rfcWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let rfcMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public let isVietnamese: Bool
    let calendar: Calendar
    let monthWord: String

    public init(language: String, timeZone: TimeZone, monthWord: String = "Tháng") {
        isVietnamese = language == "vi"
        self.monthWord = monthWord
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    static let partNames: Set<Calendar.Component> = [.year, .month, .day, .hour, .minute, .second, .weekday]

    /// A date's parts in the site's zone. Whole seconds between 1900 and 2100 (every date of the
    /// archive) are counted out from the zone's offset: `Calendar.dateComponents` was the most of
    /// formatting a date, done several times for every page. Others go through the calendar.
    private func parts(_ date: Date) -> DateComponents {
        let time = date.timeIntervalSince1970
        guard time >= -2_208_988_800, time < 4_102_444_800, time == time.rounded(.down) else {
            return calendar.dateComponents(Self.partNames, from: date)
        }
        let local = Int(time) + calendar.timeZone.secondsFromGMT(for: date)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        let civil = DateParsing.civil(daysSince1970: days)
        var parts = DateComponents()
        parts.year = civil.year
        parts.month = civil.month
        parts.day = civil.day
        parts.hour = seconds / 3600
        parts.minute = seconds / 60 % 60
        parts.second = seconds % 60
        parts.weekday = ((days + 4) % 7 + 7) % 7 + 1  // 1970-01-01 was a Thursday; 1 is Sunday
        return parts
    }

    private static func two(_ value: Int?) -> String {
        let value = value ?? 0
        return value < 10 ? "0\(value)" : "\(value)"
    }

    /// "Thứ Ba, 01/08/2023" / "Tuesday, 1 August 2023".
    public func longDate(_ date: Date) -> String {
        let p = parts(date)
        let weekday = (p.weekday ?? 1) - 1
        if isVietnamese {
            return "\(Self.vietnameseWeekdays[weekday]), \(Self.two(p.day))/\(Self.two(p.month))/\(p.year ?? 0)"
        }
        return "\(Self.englishWeekdays[weekday]), \(p.day ?? 0) \(Self.englishMonths[(p.month ?? 1) - 1]) \(p.year ?? 0)"
    }

    /// "01/08/2023" / "1 Aug 2023".
    public func shortDate(_ date: Date) -> String {
        let p = parts(date)
        if isVietnamese { return "\(Self.two(p.day))/\(Self.two(p.month))/\(p.year ?? 0)" }
        return "\(p.day ?? 0) \(Self.rfcMonths[(p.month ?? 1) - 1]) \(p.year ?? 0)"
    }

    /// "2023-08-01T08:30:00+07:00", for `<time datetime>` and sitemaps.
    public func isoDate(_ date: Date) -> String {
        let p = parts(date)
        return "\(p.year ?? 0)-\(Self.two(p.month))-\(Self.two(p.day))T\(Self.two(p.hour)):\(Self.two(p.minute)):\(Self.two(p.second))\(offset(date, colon: true))"
    }

    /// "Tue, 01 Aug 2023 08:30:00 +0700", for RSS.
    public func rfc822Date(_ date: Date) -> String {
        let p = parts(date)
        return "\(Self.rfcWeekdays[(p.weekday ?? 1) - 1]), \(Self.two(p.day)) \(Self.rfcMonths[(p.month ?? 1) - 1]) \(p.year ?? 0) "
            + "\(Self.two(p.hour)):\(Self.two(p.minute)):\(Self.two(p.second)) \(offset(date, colon: false))"
    }

    private func offset(_ date: Date, colon: Bool) -> String {
        let seconds = calendar.timeZone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + Self.two(minutes / 60) + (colon ? ":" : "") + Self.two(minutes % 60)
    }

    public func year(_ date: Date) -> Int { calendar.component(.year, from: date) }

    /// "Tháng 8/2023" / "August 2023".
    public func monthLabel(year: Int, month: Int) -> String {
        if isVietnamese { return "\(monthWord) \(month)/\(year)" }
        return "\(Self.englishMonths[max(0, min(11, month - 1))]) \(year)"
    }

    /// "2.198" in Vietnamese, "2,198" in English.
    public func number(_ value: Int) -> String {
        let separator: Character = isVietnamese ? "." : ","
        let digits = String(value.magnitude)  // `abs(Int.min)` traps
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(separator) }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}

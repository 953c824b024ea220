import Foundation

/// Dates as editors write them, read in the site's time zone (machines run in UTC; the archive does not).
public struct DateParsing: Sendable {
    public let calendar: Calendar

    public init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// A date from its parts in the site's time zone; nil for an impossible date (31/2).
    public func date(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day else { return nil }
        return date
    }

    /// "2023-08-01", "2023-08-01 08:30", "2023-08-01T08:30:00+07:00", "2023-08-01T01:30:00Z", "01/08/2023".
    public func parse(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let digits = text.split(whereSeparator: { !$0.isNumber }).map(String.init)
        if text.contains("/") {
            // Vietnamese order: day/month/year.
            guard digits.count >= 3, let day = Int(digits[0]), let month = Int(digits[1]), let year = Int(digits[2]),
                  digits[2].count == 4 else { return nil }
            return date(year: year, month: month, day: day)
        }
        guard digits.count >= 3, digits[0].count == 4, let year = Int(digits[0]), let month = Int(digits[1]),
              let day = Int(digits[2]) else { return nil }
        let hour = digits.count > 3 ? Int(digits[3]) ?? 0 : 0
        let minute = digits.count > 4 ? Int(digits[4]) ?? 0 : 0
        let second = digits.count > 5 ? Int(digits[5]) ?? 0 : 0
        // An explicit offset wins over the site's zone, and needs no calendar: most front matter says one.
        let offset = Self.offsetSeconds(text)
        if let offset, year >= 1583, year <= 9999, (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
           let day = Self.daysSince1970(year: year, month: month, day: day) {
            return Date(timeIntervalSince1970: TimeInterval(day * 86_400 + hour * 3600 + minute * 60 + second - offset))
        }
        guard let local = date(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else { return nil }
        guard let offset else { return local }
        let siteOffset = calendar.timeZone.secondsFromGMT(for: local)
        return local.addingTimeInterval(TimeInterval(siteOffset - offset))
    }

    /// Days from 1970-01-01 to a date of the Gregorian calendar (Foundation's calendar is Julian
    /// before October 1582, so callers keep to later years); nil for an impossible date (31/2).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int? {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...lengths[month - 1]).contains(day) else { return nil }
        // Years counted from March, so that the leap day ends the year.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian date `days` after 1970-01-01 (the inverse of `daysSince1970`).
    static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153  // months counted from March
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// "+07:00" / "-0500" / "Z" after the time part; nil when the text names no zone.
    static func offsetSeconds(_ text: String) -> Int? {
        guard let timeStart = text.firstIndex(where: { $0 == "T" || $0 == " " }) else { return nil }
        let time = text[timeStart...]
        if time.hasSuffix("Z") { return 0 }
        guard let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) else { return nil }
        let digits = time[time.index(after: sign)...].filter(\.isNumber)
        guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
        let seconds = digits.count == 4 ? (value / 100) * 3600 + (value % 100) * 60 : value * 3600
        return time[sign] == "-" ? -seconds : seconds
    }
}

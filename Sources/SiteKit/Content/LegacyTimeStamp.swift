/// The time stamp some old pages print after the signature: "Phúc Vũ - Thể thao Việt Nam | 19:55
/// 06/02/2017" (37 of corpus-dev's 5,062 articles). It is the page's own publishing time, so it
/// dates the article before anything the text says, and it is no part of the signature.
enum LegacyTimeStamp {
    /// The text without its trailing stamp, and the stamp's date; nil when the text ends with none.
    static func split(_ text: String, line: Int) -> (rest: String, date: TextDate)? {
        // A stamp is short: look at the end only (a body can be a megabyte on one line).
        let u = text.unicodeScalars
        guard let bar = u[(u.index(u.endIndex, offsetBy: -40, limitedBy: u.startIndex) ?? u.startIndex)...].lastIndex(of: "|") else { return nil }
        let stamp = Substring(u[u.index(after: bar)...]).split(whereSeparator: \.isWhitespace)
        guard stamp.count == 2 else { return nil }
        let time = stamp[0].split(separator: ":", omittingEmptySubsequences: false), day = LegacyTextParser.fields(stamp[1], "/")
        guard time.count == 2, let hour = LegacyTextParser.number(time[0], digits: 1...2), let minute = LegacyTextParser.number(time[1], digits: 2...2),
              hour < 24, minute < 60, day.count == 3, let d = LegacyTextParser.number(day[0], digits: 1...2),
              let m = LegacyTextParser.number(day[1], digits: 1...2), let y = LegacyTextParser.number(day[2], digits: 4...4),
              LegacyTextParser.isValid(y, m, d) else { return nil }
        let rest = LegacyTextParser.trim(Substring(u[..<bar]))
        return (rest, TextDate(year: y, month: m, day: d, excerpt: "| \(stamp[0]) \(stamp[1])", line: line))
    }
}

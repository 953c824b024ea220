/// A date read from an article's text, with the words it came from so an editor can check it.
public struct TextDate: Equatable, Sendable {
    /// nil when the text gives a day and month only ("Sáng 6-6", "Hôm nay (9/6)"): the year then
    /// comes from the articles published around it.
    public var year: Int?
    public var month: Int, day: Int
    /// 1 = Sunday … 7 = Saturday (as Foundation counts, and as "thứ 2" … "thứ 7" do), when named.
    public var weekday: Int?
    /// The words it came from, short, e.g. "Sáng ngày 1/8 … tháng 8 năm 2023".
    public var excerpt: String
    public var line: Int
    /// Found where an article says when its news happened (the lead, the body's first sentences),
    /// not further down where dates are more often another event's.
    public var opensArticle: Bool

    public init(year: Int?, month: Int, day: Int, weekday: Int? = nil, excerpt: String, line: Int, opensArticle: Bool = true) {
        (self.year, self.month, self.day, self.weekday) = (year, month, day, weekday)
        (self.excerpt, self.line, self.opensArticle) = (excerpt, line, opensArticle)
    }
}

/// Finds the date a legacy article gives itself. Measured on 5,062 real scraped articles: the
/// news date is the first date of the lead or of the body's opening ("Chiều 23/6, …", "Ngày
/// 10/7, …"), usually without a year; a "năm yyyy" further on names something else (a decade, a
/// law, a plan) as often as not, so a year is taken only from the same expression ("1/8/2023",
/// "ngày 1/8 năm 2023") or from a "tháng 8 năm 2023" of the same month in the same sentence.
enum LegacyDates {
    /// A body word: without edge punctuation, lowercased when short enough to be a keyword, its
    /// line, whether a sentence or a clause ends with it ("6/6," "(9/6)"), and whether it opens a
    /// bracket ("(Nguồn:").
    struct Word {
        var text: Substring, key: String, line: Int, endsSentence: Bool
        var endsClause = false, opensBracket = false
    }

    /// Words that put a bare "d/m" in time: "ngày", "hôm", times of day, "nay"/"qua" of "Hôm nay
    /// (9/6)" and "hôm qua (5/2)", weekdays ("thứ Bảy (15/7)").
    static let markers: Set = ["ngày", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "nay", "qua",
                               "hai", "ba", "tư", "năm", "sáu", "bảy", "nhật", "2", "3", "4", "5", "6", "7"]
    /// A date after these is a deadline, a start or a range's end ("từ ngày 15/7", "trước ngày 1/6",
    /// "sau ngày 28/2", "(21/6/1925 - 21/6/2017)"), not the news.
    static let notTheNews: Set = ["từ", "đến", "tới", "trước", "sau", "hạn", "sinh", "sn", "kể"]
    static let weekdays: [String: Int] = ["hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7,
                                          "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7]
    static let sentenceEnds = Set(".!?…".unicodeScalars), clauseEnds = Set(",;:.!?…)\"”’»".unicodeScalars)
    /// Words of the body's opening searched after the lead: its first sentences.
    static let openingWords = 120

    /// The lead's first date, else the body opening's, else a full date further down.
    static func find(in groups: [[LegacyTextParser.BodyLine]]) -> TextDate? {
        guard let first = groups.first else { return nil }
        let lead = words(first)
        if let date = firstDate(lead, fullOnly: false) { return date }
        let rest = groups.dropFirst().map(words)
        let opening = Array(rest.joined().prefix(openingWords))
        if let date = firstDate(opening, fullOnly: false) { return date }
        for ws in rest {
            if var date = firstDate(ws, fullOnly: true) { date.opensArticle = false; return date }
        }
        return nil
    }

    static func words(_ group: [LegacyTextParser.BodyLine]) -> [Word] {
        group.flatMap { line in
            LegacyTextParser.splitWords(line.text[...]).map { raw in
                let text = LegacyTextParser.clean(raw)
                let last = raw.unicodeScalars.last(where: { !"\"”’»)".unicodeScalars.contains($0) })
                let ends = last.map { sentenceEnds.contains($0) } ?? false
                let clause = raw.unicodeScalars.last.map { clauseEnds.contains($0) } ?? false
                return Word(text: text, key: text.utf8.count <= 7 ? lowercased(text) : "", line: line.number, endsSentence: ends,
                            endsClause: clause, opensBracket: raw.unicodeScalars.first == "(")
            }
        }
    }

    /// `text.lowercased()`, without mapping it when no letter of it changes (most words of a body).
    static func lowercased(_ text: Substring) -> String {
        let changes = text.unicodeScalars.contains { (0x41...0x5A).contains($0.value) || ($0.value >= 0x80 && $0.properties.changesWhenLowercased) }
        return changes ? text.lowercased() : String(text)
    }

    /// The first date in `ws`; with `fullOnly`, only dates that state their year.
    static func firstDate(_ ws: [Word], fullOnly: Bool) -> TextDate? {
        for i in ws.indices {
            if let date = fullDate(ws, at: i) { return date }
            if !fullOnly, let date = dayMonth(ws, at: i) { return date }
        }
        return nil
    }

    /// "17/7/2023", "17-7-2023", "17.7.2023" at `i`, or "ngày 17 tháng 7 năm 2023" starting at `i`.
    static func fullDate(_ ws: [Word], at i: Int) -> TextDate? {
        guard !isBirth(ws, i) else { return nil }
        let f = LegacyTextParser.fields(ws[i].text, "/-.")
        if f.count == 3, let d = LegacyTextParser.number(f[0], digits: 1...2), let m = LegacyTextParser.number(f[1], digits: 1...2),
           let y = LegacyTextParser.number(f[2], digits: 4...4), LegacyTextParser.isValid(y, m, d) {
            let (start, weekday) = context(ws, before: i)
            guard weekday.map({ $0 == LegacyDates.weekday(y, m, d) }) ?? true else { return nil }  // "thứ Hai, 15/7/2017" is no Monday
            guard !namesAnotherEvent(ws, start, i) else { return nil }
            return TextDate(year: y, month: m, day: d, weekday: weekday, excerpt: excerpt(ws, start, i), line: ws[i].line)
        }
        if ws[i].key == "ngày", i + 5 < ws.count, let d = LegacyTextParser.number(ws[i + 1].text, digits: 1...2), ws[i + 2].key == "tháng",
           let m = LegacyTextParser.number(ws[i + 3].text, digits: 1...2), ws[i + 4].key == "năm",
           let y = LegacyTextParser.number(ws[i + 5].text, digits: 4...4), LegacyTextParser.isValid(y, m, d) {
            let (start, weekday) = context(ws, before: i + 1)
            guard weekday.map({ $0 == LegacyDates.weekday(y, m, d) }) ?? true, !namesAnotherEvent(ws, start, i + 5) else { return nil }
            return TextDate(year: y, month: m, day: d, weekday: weekday, excerpt: excerpt(ws, start, i + 5), line: ws[i].line)
        }
        return nil
    }

    /// A day and month put in time by the word before them ("Sáng 6-6", "ngày 20.5", "hôm 4/7",
    /// "Hôm nay (9/6)", "ngày 5 tháng 9"), with the year when the same sentence binds one.
    static func dayMonth(_ ws: [Word], at i: Int) -> TextDate? {
        guard i > 0, markers.contains(ws[i - 1].key) else { return nil }
        // A weekday word only with its "thứ" / "chủ": "có 2 7/9" is a score.
        if weekdays[ws[i - 1].key] != nil, i < 2 || ws[i - 2].key != "thứ" { return nil }
        if ws[i - 1].key == "nhật", i < 2 || ws[i - 2].key != "chủ" { return nil }
        var d: Int?, m: Int?, end = i
        let f = LegacyTextParser.fields(ws[i].text, "/-.")
        if f.count == 2 {
            (d, m) = (LegacyTextParser.number(f[0], digits: 1...2), LegacyTextParser.number(f[1], digits: 1...2))
        } else if f.count == 1, ws[i - 1].key == "ngày", i + 2 < ws.count, ws[i + 1].key == "tháng" {
            (d, m, end) = (LegacyTextParser.number(ws[i].text, digits: 1...2), LegacyTextParser.number(ws[i + 2].text, digits: 1...2), i + 2)
        }
        guard let d, let m, (1...31).contains(d), (1...12).contains(m) else { return nil }
        let (start, weekday) = context(ws, before: i)
        guard !isBirth(ws, i), !namesAnotherEvent(ws, start, end) else { return nil }
        if let (y, yearEnd) = boundYear(ws, after: end, month: m), LegacyTextParser.isValid(y, m, d) {
            let text = yearEnd == end + 2 ? excerpt(ws, start, yearEnd) : excerpt(ws, start, end) + " … tháng \(m) năm \(y)"
            return TextDate(year: y, month: m, day: d, weekday: weekday, excerpt: text, line: ws[i].line)
        }
        guard LegacyTextParser.isValid(2000, m, d) else { return nil }  // 29/2 is valid in some year
        return TextDate(year: nil, month: m, day: d, weekday: weekday, excerpt: excerpt(ws, start, end), line: ws[i].line)
    }

    /// "… 1/8 năm 2023" right after the date, or a "tháng 8 năm 2023" of the same month before the
    /// sentence ends: (year, index of its word).
    static func boundYear(_ ws: [Word], after end: Int, month: Int) -> (Int, Int)? {
        if end + 2 < ws.count, ws[end + 1].key == "năm", let y = LegacyTextParser.number(ws[end + 2].text, digits: 4...4) {
            return (y, end + 2)
        }
        var j = end
        while j + 3 < ws.count, j - end < 60, !ws[j].endsSentence {  // a sentence, and no run-on line
            j += 1
            if ws[j].key == "tháng", LegacyTextParser.number(ws[j + 1].text, digits: 1...2) == month, ws[j + 2].key == "năm",
               let y = LegacyTextParser.number(ws[j + 3].text, digits: 4...4) {
                return (y, j + 3)
            }
        }
        return nil
    }

    /// Where the date's words start (time of day, "ngày", a weekday) and the weekday they name.
    static func context(_ ws: [Word], before i: Int) -> (start: Int, weekday: Int?) {
        var start = i, weekday: Int?
        while start > 0, i - start < 5 {
            let key = ws[start - 1].key
            if key == "nhật", start >= 2, ws[start - 2].key == "chủ" {
                weekday = 1
                start -= 2
            } else if start >= 2, ws[start - 2].key == "thứ", let day = weekdays[key] {
                weekday = day
                start -= 2
            } else if ["ngày", "hôm", "nay", "qua", "rạng", "vào"].contains(key) || LegacyTextParser.timesOfDay.contains(key) {
                start -= 1
            } else {
                break
            }
        }
        return (start, weekday)
    }

    /// Whether the date in words `start...end` is another event's than the article's own, as
    /// the words around it say (found in the misses of a review by hand of corpus-dev's dates):
    /// a start, deadline or range ("từ ngày 15/2/2017", "đến 10/2/2017", "(4/7/1776 - 4/7/2017)");
    /// an event to come or gone by ("ngày 20/6 tới", "ngày 22/5 vừa qua", "sẽ diễn ra vào 20h
    /// ngày 24/6"); a lunar date ("13/1 âm lịch"); a photo caption's ("… ngày 19/5. (Nguồn: …)").
    static func namesAnotherEvent(_ ws: [Word], _ start: Int, _ end: Int) -> Bool {
        // The word before, past an hour ("từ 00 giờ 00 phút ngày 11/2/2017", "đến 17h ngày 5/6").
        var j = start - 1
        while j >= 0, start - j <= 5, ws[j].text.first?.isNumber == true || ["giờ", "phút", "lúc", "vào"].contains(ws[j].key) { j -= 1 }
        if j >= 0, notTheNews.contains(ws[j].key) { return true }
        // A range's second date: "9 - 14/6"; not the dash of a dateline ("LAM GIANG - Ngày 7-2").
        if start >= 2, ["-", "–"].contains(ws[start - 1].key), ws[start - 2].text.first?.isNumber == true { return true }
        if !ws[end].endsClause, end + 1 < ws.count {
            let next = ws[end + 1].key, after = end + 2 < ws.count ? ws[end + 2].key : ""
            if ["tới", "sắp", "-", "–"].contains(next) || (next, after) == ("vừa", "qua") || (next, after) == ("âm", "lịch")
                || next == "đến" && (after == "ngày" || after.first?.isNumber == true) { return true }
        }
        // "sẽ" earlier in the date's clause: what is to happen then.
        j = start - 1
        while j >= 0, start - j <= 15, !ws[j].endsClause {
            if ws[j].key == "sẽ" { return true }
            j -= 1
        }
        // A caption: its sentence is followed by the credit in brackets.
        j = end
        while j + 1 < ws.count, j - end < 40, !ws[j].endsSentence { j += 1 }
        return ws[j].endsSentence && j + 1 < ws.count && ws[j + 1].opensBracket && ["nguồn", "ảnh"].contains(ws[j + 1].key)
    }

    /// Birth dates and years ("sinh ngày 2/10/2000", "(SN 1990)") say nothing about the article.
    static func isBirth(_ ws: [Word], _ i: Int) -> Bool {
        let j = i > 0 && ws[i - 1].key == "ngày" ? i - 2 : i - 1
        return j >= 0 && (ws[j].key == "sinh" || ws[j].key == "sn")
    }

    static func excerpt(_ ws: [Word], _ from: Int, _ to: Int) -> String {
        ws[from...to].map(\.text).joined(separator: " ")
    }

    /// Day of the week of a Gregorian date, 1 = Sunday … 7 = Saturday.
    static func weekday(_ y: Int, _ m: Int, _ d: Int) -> Int? {
        DateParsing.daysSince1970(year: y, month: m, day: d).map { days in ((days + 4) % 7 + 7) % 7 + 1 }
    }
}

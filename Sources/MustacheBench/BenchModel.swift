import CompiledMustache
import Foundation

/// The benchmark's data, written once and given to either engine in its own value types.
public indirect enum BenchValue: Sendable {
    case text(String)
    case html(String)
    case number(Int)
    case bool(Bool)
    case list([BenchValue])
    case object([(String, BenchValue)])
    /// The UI strings, `t`.
    case strings

    public func value(_ names: MustacheNames, t: MustacheValue) -> MustacheValue {
        switch self {
        case .text(let text): return .text(text)
        case .html(let html): return .html(html)
        case .number(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        case .list(let items): return .list(items.map { $0.value(names, t: t) })
        case .object(let fields):
            var object = MustacheObject()
            object.reserveCapacity(fields.count)  // as `MustacheObject(_:names:)` does for SiteKit's pages
            for (name, value) in fields { object.set(name, value.value(names, t: t), names: names) }
            return .object(object)
        case .strings: return t
        }
    }

    /// The same data as swift-mustache reads it (`Any` dictionaries and arrays).
    public func any(t: [String: String]) -> Any {
        switch self {
        case .text(let text), .html(let text): return text
        case .number(let number): return number
        case .bool(let flag): return flag
        case .list(let items): return items.map { $0.any(t: t) }
        case .object(let fields): return Dictionary(fields.map { ($0.0, $0.1.any(t: t)) }, uniquingKeysWith: { $1 })
        case .strings: return t
        }
    }
}

/// An article page as a build makes it: a 5 KB Vietnamese body, two authors, five tags,
/// five related articles, ten most read, the site's fields and links.
public struct BenchModel: Sendable {
    public let site: BenchValue
    public let nav: BenchValue
    public let items: [BenchValue]
    public let page: BenchValue

    public func strings(_ strings: [String: String], _ names: MustacheNames) -> MustacheValue {
        var object = MustacheObject()
        for (key, value) in strings { object.set(key, .text(value), names: names) }
        return .object(object)
    }

    /// `key: "value"` lines of the theme's string table.
    public static func strings(_ file: URL) -> [String: String] {
        var strings: [String: String] = [:]
        for line in ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            strings[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return strings
    }

    public static func article() -> BenchModel {
        let words = ["Sáng", "ngày", "tỉnh", "Quảng Trị", "tổ chức", "hội nghị", "tổng kết", "công tác", "năm", "đồng chí",
                     "Bí thư", "Tỉnh ủy", "phát biểu", "chỉ đạo", "nhân dân", "địa phương", "phát triển", "kinh tế", "xã hội",
                     "“đột phá”", "&", "các", "huyện", "thị xã", "đã", "triển khai", "kế hoạch", "hiệu quả", "nông thôn mới"]
        var body = ""
        var seed: UInt64 = 42
        while body.utf8.count < 5_000 {
            var paragraph = "<p>"
            for _ in 0..<60 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                paragraph += words[Int(seed >> 33) % words.count] + " "
            }
            body += paragraph.replacingOccurrences(of: " & ", with: " &amp; ") + "</p>\n"
        }
        let site: BenchValue = .object([
            ("title", .text("Báo Quảng Trị – Lưu trữ")), ("language", .text("vi")), ("home_url", .text("../../../index.html")),
            ("feed_url", .text("../../../feed.xml")), ("css_url", .text("../../../assets/style.css")),
            ("tags_url", .text("../../../chu-de/index.html")), ("categories_url", .text("../../../chuyen-muc/index.html")),
            ("authors_url", .text("../../../tac-gia/index.html")), ("archive_url", .text("../../../luu-tru/index.html")),
            ("search_url", .text("../../../tim-kiem/index.html")), ("description", .text("Tin tức tỉnh Quảng Trị")),
        ])
        let categories = ["Thời sự", "Kinh tế", "Xã hội", "Văn hóa", "Thể thao", "Quốc phòng", "Pháp luật", "Nông nghiệp"]
        let nav: BenchValue = .list(categories.enumerated().map { index, name in
            .object([("name", .text(name)), ("url", .text("../../../chuyen-muc/\(index)/index.html")), ("is_current", .bool(index == 1))])
        })
        let items: [BenchValue] = (0..<17).map { index in
            .object([("title", .text("Đồng chí Bí thư Tỉnh ủy làm việc với huyện Hải Lăng về \"nông thôn mới\" số \(index)")),
                     ("url", .text("../../../2023/08/bai-viet-\(index)/index.html")), ("date_iso", .text("2023-08-0\(index % 9 + 1)")),
                     ("date_short", .text("0\(index % 9 + 1)/08/2023"))])
        }
        func links(_ names: [String], _ folder: String) -> BenchValue {
            .list(names.map { .object([("name", .text($0)), ("url", .text("../../../\(folder)/\($0.count)/index.html"))]) })
        }
        let article: BenchValue = .object([
            ("title", .text("Hội nghị tổng kết công tác năm 2023 của Tỉnh ủy Quảng Trị")), ("url", .text("index.html")),
            ("date_display", .text("Thứ Ba, 01/08/2023")), ("date_iso", .text("2023-08-01T07:30:00+07:00")),
            ("authors", links(["Nguyễn Văn An", "Trần Thị Bình"], "tac-gia")), ("has_authors", .bool(true)),
            ("has_views", .bool(true)), ("views_display", .text("12.345")),
            ("tags", links(["Tỉnh ủy", "Hội nghị", "Kinh tế", "Nông thôn mới", "Hải Lăng"], "chu-de")), ("has_tags", .bool(true)),
            ("categories", links(["Thời sự"], "chuyen-muc")), ("body", .html(body)), ("reading_minutes", .number(4)),
            ("month_url", .text("../../index.html")), ("month_label", .text("Tháng 8/2023")),
            ("summary", .text("Sáng 1/8, Tỉnh ủy Quảng Trị tổ chức hội nghị tổng kết công tác năm 2023.")),
        ])
        let page: BenchValue = .object([
            ("site", site), ("t", .strings),
            ("page", .object([("title", .text("Hội nghị tổng kết – Báo Quảng Trị")), ("canonical_url", .text("https://baoquangtri.vn/2023/08/hoi-nghi/")),
                              ("noindex", .bool(false)), ("description", .text("Sáng 1/8, Tỉnh ủy Quảng Trị tổ chức hội nghị."))])),
            ("article", article), ("has_related", .bool(true)), ("has_most_read", .bool(true)),
        ])
        return BenchModel(site: site, nav: nav, items: items, page: page)
    }
}

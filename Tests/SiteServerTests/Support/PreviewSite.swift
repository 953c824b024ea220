import Foundation
import SiteKit
import XCTest

/// A small site in a temporary folder: files written from strings, the repository's default
/// theme copied in (found from this file's path, so nothing depends on the working folder).
final class PreviewSite: @unchecked Sendable {  // immutable after init
    let root: URL
    var project: Project { Project(root: root, output: root.appendingPathComponent("public")) }
    var output: URL { root.appendingPathComponent("public") }

    static let repositoryTemplates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    init(files: [String: String] = PreviewSite.sampleFiles) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-serve-\(UUID().uuidString.prefix(8))").resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repositoryTemplates, to: root.appendingPathComponent("templates"))
        for (path, text) in files { try write(path, text) }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        let url = url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Saves the way many editors do: a temporary file renamed over the old one.
    func replace(_ path: String, _ text: String) throws {
        let url = url(path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func read(output path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    static func markdown(title: String, date: String, tags: [String] = ["Nông nghiệp"], category: String = "Kinh tế",
                         author: String = "Nguyễn Thu Hà", views: Int = 100, body: String = "Nội dung bài viết.") -> String {
        """
        ---
        title: "\(title)"
        date: \(date)
        author: "\(author)"
        views: \(views)
        tags: [\(tags.map { "\"\($0)\"" }.joined(separator: ", "))]
        categories: ["\(category)"]
        ---

        \(body)

        """
    }

    static let articlePath = "2023/08/nong-dan-lam-giang-thu-hoach-lua-he-thu/"
    static let articleFile = "content/2023/08/lua-he-thu.md"

    static var sampleFiles: [String: String] {
        [
            "site.yml": "title: \"Lưu trữ thử\"\nbase_url: \"https://example.gov.vn/\"\nlanguage: vi\npage_size: 2\n",
            articleFile: markdown(title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00",
                                  views: 1534, body: "Vụ hè thu năm nay đạt năng suất cao."),
            "content/2023/07/hop-tinh-uy.md": markdown(title: "Ban Thường vụ Tỉnh ủy họp tháng 7", date: "2023-07-31",
                                                        tags: ["Tỉnh ủy"], category: "Chính trị", views: 2198),
            "content/2022/01/giao-duc.md": markdown(title: "Khai giảng năm học mới ở Ia Krông", date: "2022-01-10",
                                                     tags: ["Giáo dục"], category: "Xã hội", views: 700),
            "templates/assets/icon.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"></svg>\n",
            "templates/assets/font.woff2": "wOF2 not really a font",
            "templates/assets/data.json": "{\"ok\": true}\n",
        ]
    }
}

/// Polls until `condition` holds or the time runs out (no fixed sleeps in tests).
func eventually(timeout: Double = 10, interval: Double = 0.02, _ message: @autoclosure () -> String = "condition not met",
                file: StaticString = #filePath, line: UInt = #line, _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .seconds(interval))
    }
    XCTFail("timed out after \(timeout) s: \(message())", file: file, line: line)
    throw CancellationError()
}

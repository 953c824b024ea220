import Foundation
import XCTest
@testable import SiteKit

/// Videos written as Markdown images (issue 15): a lite YouTube embed that loads nothing from
/// Google before a click, a self-hosted file as the browser's player, bad addresses as file:line.
final class VideoEmbedTests: XCTestCase {
    func embed(_ source: String) -> VideoEmbed? {
        guard case .success(let video) = VideoEmbed.parse(source) else { return nil }
        return video
    }

    func testRecognisesTheAddressesEditorsCopy() {
        for address in ["https://www.youtube.com/watch?v=aBcD3fGh1jK", "https://youtu.be/aBcD3fGh1jK",
                        "https://m.youtube.com/watch?feature=share&v=aBcD3fGh1jK", "https://www.youtube.com/shorts/aBcD3fGh1jK",
                        "https://www.youtube-nocookie.com/embed/aBcD3fGh1jK", "http://youtube.com/live/aBcD3fGh1jK"] {
            XCTAssertEqual(embed(address)?.kind, .youtube(id: "aBcD3fGh1jK", start: nil), address)
        }
        XCTAssertEqual(embed("https://youtu.be/aBcD3fGh1jK?t=95")?.playURL,
                       "https://www.youtube-nocookie.com/embed/aBcD3fGh1jK?autoplay=1&start=95")
        XCTAssertEqual(embed("/video/lu-song-lam.mp4")?.kind, .file("/video/lu-song-lam.mp4"))
        XCTAssertEqual(embed("https://media.lamgiang.gov.vn/2024/le-hoi.webm")?.kind, .file("https://media.lamgiang.gov.vn/2024/le-hoi.webm"))
        // Photos are no videos.
        XCTAssertNil(VideoEmbed.parse("anh-1.jpg"))
        XCTAssertNil(VideoEmbed.parse("https://example.vn/anh.jpg"))
        XCTAssertNil(VideoEmbed.parse("/images/mp4.png"))
    }

    func testRefusesWhatCannotPlay() {
        for address in ["https://www.youtube.com/watch?v=short", "https://www.youtube.com/watch?v=aBcD3fGh1j\"", "https://youtu.be/",
                        "https://www.youtube.com/@BaoLamGiang", "https://www.youtube.com/watch?v=aBcD3fGh1jK&t=abc", "clip.mp4"] {
            guard case .failure = VideoEmbed.parse(address) else { return XCTFail("accepted \(address)") }
        }
    }

    func testWholeSiteRendersEscapedLiteEmbeds() throws {
        let body = """
        Đêm khai mạc lễ hội.

        ![Cồng chiêng <b>Jrai</b> & "xoang"](https://www.youtube.com/watch?v=aBcD3fGh1jK&t=30 "Video: Bùi Thanh Hương")

        ![Lũ về sông Lam](/video/lu-song-lam.mp4)

        ![Không ảnh bìa](/video/khong-anh.webm)

        Xem lại ![đoạn ngắn](https://youtu.be/zYxW9vUt8sR) trên mạng.
        """
        let site = try TestSite(files: [
            "content/2024/10/le-hoi.md": TestSite.markdown(title: "Lễ hội cồng chiêng", date: "2024-10-15", body: body),
            "static/video/lu-song-lam.mp4": "not really a video, but a file",
            "static/video/lu-song-lam.jpg": "its poster, beside it",
            "static/video/khong-anh.webm": "a video without a poster",
        ])
        try site.build()
        let page = try site.page("2024/10/le-hoi-cong-chieng/index.html")
        XCTAssertTrue(page.contains("<figure class=\"video\">"), page)
        XCTAssertTrue(page.contains("href=\"https://www.youtube-nocookie.com/embed/aBcD3fGh1jK?autoplay=1&amp;start=30\""), page)
        // Nothing from Google before the click: no iframe, no script, no thumbnail of theirs.
        XCTAssertFalse(page.contains("<iframe"))
        XCTAssertFalse(page.contains("ytimg.com"))
        XCTAssertFalse(page.contains("<img src=\"https://www.youtube"))
        XCTAssertFalse(page.contains("<b>Jrai</b>"))
        // cmark keeps the caption's text (it drops raw HTML in safe mode), which is escaped.
        XCTAssertTrue(page.contains("<figcaption>Cồng chiêng Jrai &amp; &quot;xoang&quot; <span"), page)
        XCTAssertTrue(page.contains("<span class=\"credit\">Video: Bùi Thanh Hương</span>"))
        // The file: the browser's player, nothing loaded first, the address rooted like any body link.
        XCTAssertTrue(page.contains("<video controls preload=\"none\" src=\"/luu-tru/video/lu-song-lam.mp4\" poster=\"/luu-tru/video/lu-song-lam.jpg\""), page)
        XCTAssertTrue(page.contains("<video controls preload=\"none\" src=\"/luu-tru/video/khong-anh.webm\" aria-label"), page)
        XCTAssertTrue(site.exists("video/lu-song-lam.mp4"))
        // Within text, a link (a figure cannot sit inside a paragraph).
        XCTAssertTrue(page.contains("<a class=\"video-link\" href=\"https://www.youtube-nocookie.com/embed/zYxW9vUt8sR?autoplay=1\">đoạn ngắn"), page)
        XCTAssertFalse(try LinkChecker.brokenLinks(in: site.output, basePath: "/luu-tru/").contains { $0.contains("video") })
    }

    /// A file name with a quote and an ampersand reaches the page escaped, and plays.
    func testHostileFileNamesAreEscaped() throws {
        let site = try TestSite(files: [
            "content/2024/10/la.md": TestSite.markdown(title: "Tên lạ", date: "2024-10-15",
                                                      body: "Đoạn một.\n\n![Lạ <i>x</i>](/video/a\"b&c.mp4 \"Video: <b>Kha</b>\")"),
            "static/video/a\"b&c.mp4": "bytes",
        ])
        try site.build()
        let page = try site.page("2024/10/ten-la/index.html")
        XCTAssertTrue(page.contains("<video controls preload=\"none\" src=\"/luu-tru/video/a&quot;b&amp;c.mp4\""), page)
        XCTAssertFalse(page.contains("<b>Kha"))
        XCTAssertTrue(page.contains("<span class=\"credit\">Video: &lt;b&gt;Kha&lt;/b&gt;</span>"), page)
    }

    func testBadVideosAreErrorsWithTheirLines() throws {
        let body = "Đoạn một.\n\n![Sai](https://www.youtube.com/watch?v=qua-ngan)\n\n![Thiếu](/video/khong-co.mp4)\n\n![Tương đối](clip.mp4)"
        let site = try TestSite(files: [
            "content/2024/10/loi.md": TestSite.markdown(title: "Bài lỗi", date: "2024-10-15", body: body),
        ])
        XCTAssertThrowsError(try site.build()) { error in
            let errors = (error as? BuildFailure)?.errors ?? []
            let text = errors.map(\.description)
            // Front matter is 4 lines, then a blank line: the body starts on line 6.
            XCTAssertTrue(text.contains { $0.hasPrefix("content/2024/10/loi.md:8:") && $0.contains("11-character id") }, "\(text)")
            XCTAssertTrue(text.contains { $0.hasPrefix("content/2024/10/loi.md:10:") && $0.contains("static/video/khong-co.mp4") }, "\(text)")
            XCTAssertTrue(text.contains { $0.hasPrefix("content/2024/10/loi.md:12:") && $0.contains("from static/") }, "\(text)")
        }
        XCTAssertFalse(site.exists("index.html"))
    }
}

import XCTest
@testable import SiteKit

final class BodyLinksTests: XCTestCase {
    func testLinksFromTheSiteRootAreResolvedAndOthersKept() {
        let html = #"<p>a=b, "="/x" <a href="/2023/08/lua/">lúa</a> <img src="/img/a.jpg" alt="x=/y"> "#
            + #"<a href="//cdn.vn/x">cdn</a> <a href="https://a.vn/b?c=đ">đây</a> <a title="/t">t</a></p><a href="/cut"#
        let resolved = BodyLinks.rewrite(html) { "../" + $0 }
        XCTAssertEqual(resolved, #"<p>a=b, "="/x" <a href="../2023/08/lua/">lúa</a> <img src="../img/a.jpg" alt="x=/y"> "#
            + #"<a href="//cdn.vn/x">cdn</a> <a href="https://a.vn/b?c=đ">đây</a> <a title="/t">t</a></p><a href="/cut"#)
        XCTAssertEqual(BodyLinks.rewrite("không có liên kết = gì") { _ in "?" }, "không có liên kết = gì")
        XCTAssertEqual(BodyLinks.rewrite(#"href="/"#) { _ in "?" }, #"href="/"#)
        XCTAssertEqual(BodyLinks.rewrite(#"<a href="/a/">1</a><a href="/b/">2</a>"#) { $0.uppercased() }, #"<a href="A/">1</a><a href="B/">2</a>"#)
    }
}

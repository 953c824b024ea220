import XCTest
@testable import SiteKit

final class ByteOrderTests: XCTestCase {
    /// The order of the UTF-8 bytes, as the generic comparison gives it: prefixes first, a byte
    /// above 0x7F after every ASCII byte, decomposed and precomposed letters apart.
    func testStringsSortByTheirUTF8Bytes() {
        let words = ["", "a", "a/b", "a-b", "ab", "abc", "B", "b", "bài", "bai", "ba\u{300}i", "Đà Nẵng", "Ä", "zz",
                     "2024/05/bài-viết.md", "2024/05/bai-viet.md", "2024/05", "2024/05/", "một chuỗi dài hơn mười lăm byte", "😀", "\u{0}"]
        for a in words {
            for b in words {
                XCTAssertEqual(ByteOrder.less(a, b), a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
            }
        }
        XCTAssertEqual(words.sorted(by: ByteOrder.less), words.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}

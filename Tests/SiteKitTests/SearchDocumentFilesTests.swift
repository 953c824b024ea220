import XCTest
@testable import SiteKit

/// The documents' entries are written byte by byte and scalar by scalar for speed: they must be
/// what the step-by-step definitions (search.js's `slug()`, JSON's escapes) give, for every
/// character a title may hold.
final class SearchDocumentFilesTests: XCTestCase {
    /// search.js's `slug()` step by step, as `scriptSlug` was first written: đ → d, NFD,
    /// combining marks dropped, lower case, ß → ss, runs of anything but a–z and 0–9 → "-".
    func referenceSlug(_ title: String) -> String? {
        for scalar in title.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E: continue
            default: return nil
            }
        }
        var text = ""
        for scalar in title.unicodeScalars { text.unicodeScalars.append(scalar == "đ" || scalar == "Đ" ? "d" : scalar) }
        var folded = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where !(0x300...0x36F).contains(scalar.value) {
            folded.unicodeScalars.append(scalar)
        }
        folded = folded.lowercased()
        var slug = ""
        var pendingHyphen = false
        func emit(_ scalar: Unicode.Scalar) {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        for scalar in folded.unicodeScalars {
            if scalar == "ß" { emit("s"); emit("s") } else { emit(scalar) }
        }
        if slug.count > 80 {
            let prefix = slug.prefix(80)
            slug = String(prefix.lastIndex(of: "-").map { prefix[..<$0] } ?? prefix)
        }
        return slug
    }

    func testScriptSlugFollowsTheStepByStepDefinition() {
        let ranges: [ClosedRange<UInt32>] = [0x00...0x2FF, 0x300...0x36F, 0x370...0x3FF, 0x1E00...0x1EFF, 0x2000...0x206F]
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = String(Character(scalar))
            for title in [character, "Ab" + character + "cd 1", character + "\u{301}x", "Đà Nẵng " + character + character] {
                XCTAssertEqual(SearchIndexBuilder.scriptSlug(title), referenceSlug(title), "U+\(String(value, radix: 16)) in \(title)")
            }
        }
        let long = String(repeating: "Quảng Trị – Thừa Thiên Huế, ", count: 5)
        XCTAssertEqual(SearchIndexBuilder.scriptSlug(long), referenceSlug(long))
        XCTAssertEqual(SearchIndexBuilder.scriptSlug("Ban Thường vụ Tỉnh ủy họp"), "ban-thuong-vu-tinh-uy-hop")
    }

    /// JSON as `jsonString` was first written, scalar by scalar.
    func referenceJSON(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    func testJSONEscapesLikeTheScalarDefinition() throws {
        var everything = ""
        for value in Array(UInt32(0)...0x3000) + [0x1F600, 0x10FFFF] {
            if let scalar = Unicode.Scalar(value) { everything.unicodeScalars.append(scalar) }
        }
        for text in [everything, "", "Tiêu đề \"trích\" \\ <b>", "Dòng\u{2028}mới\u{2029}", "\u{E2}\u{80}"] {
            XCTAssertEqual(SearchIndexBuilder.jsonString(text), referenceJSON(text))
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(SearchIndexBuilder.jsonString(everything).utf8), options: .fragmentsAllowed)
        XCTAssertEqual(parsed as? String, everything)
    }
}

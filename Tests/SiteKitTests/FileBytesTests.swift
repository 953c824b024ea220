import Foundation
import XCTest
@testable import SiteKit

final class FileBytesTests: XCTestCase {
    /// The size fstat gives is only a first guess: a file as large as it says is read in one
    /// pass, and one that turns out larger (here /proc's, which say 0) is read to its end.
    func testReadsFilesLargerThanTheirStatedSize() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 4095, 4096, 70_000] {
            let file = folder.appendingPathComponent("f\(size)")
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try Data(bytes).write(to: file)
            XCTAssertEqual(try FileBytes.read(file.path), bytes, "\(size) bytes")
        }
        let stated = try FileManager.default.attributesOfItem(atPath: "/proc/self/mountinfo")[.size] as? Int
        XCTAssertEqual(stated, 0, "/proc says nothing of its size")
        let mountinfo = try FileBytes.read("/proc/self/mountinfo")
        XCTAssertGreaterThan(mountinfo.count, 0)
        XCTAssertEqual(mountinfo, Array(try Data(contentsOf: URL(fileURLWithPath: "/proc/self/mountinfo"))))
        XCTAssertThrowsError(try FileBytes.read(folder.appendingPathComponent("none").path))
    }
}

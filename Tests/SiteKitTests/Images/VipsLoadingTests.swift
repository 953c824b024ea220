import Foundation
import XCTest

/// libvips is opened by the shim when a photo first needs it (vips_shim.c), not linked: linked,
/// its ~95 shared libraries made every start of `sitegen` take about 60 ms before any work, which
/// was most of a build with nothing to do.
final class VipsLoadingTests: XCTestCase {
    #if os(Linux)
    func testTheSitegenCommandDoesNotLinkLibvips() throws {
        // The executable is built beside the test bundle (`swift build --build-tests`, `swift test`).
        let tests = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let sitegen = tests.deletingLastPathComponent().appendingPathComponent("sitegen")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: sitegen.path), "no sitegen built at \(sitegen.path)")
        let needed = try Self.neededLibraries(of: sitegen)
        XCTAssertTrue(needed.contains { $0.hasPrefix("libcmark") }, "readelf listed \(needed)")
        XCTAssertFalse(needed.contains { $0.hasPrefix("libvips") }, "sitegen links libvips: \(needed)")
        XCTAssertFalse(needed.contains { $0.hasPrefix("libgio") || $0.hasPrefix("libgobject") }, "\(needed)")
    }

    /// The shared libraries an ELF file names as needed at start (`readelf -d`).
    private static func neededLibraries(of file: URL) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["readelf", "-d", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "readelf failed")
        // "0x0000000000000001 (NEEDED)  Shared library: [libvips.so.42]"
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { $0.contains("(NEEDED)") }
            .compactMap { line in line.split(separator: "[").last.map { String($0.dropLast()) } }
    }
    #endif
}

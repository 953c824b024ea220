import Foundation
@testable import SiteKit

/// Photos for tests, drawn by libvips here (never copied from anywhere), and the damaged and
/// hostile files a build must refuse.
enum TestPhotos {
    static func jpeg(_ width: Int, _ height: Int) throws -> [UInt8] {
        try Vips.gradient(width: width, height: height)
    }

    static func png(_ width: Int, _ height: Int) throws -> [UInt8] {
        try Vips.gradient(width: width, height: height, png: true)
    }

    /// A JPEG with an EXIF block as a phone writes one: an orientation (6: turn 90° clockwise to
    /// show it) and a GPS position (21°1′30″ N), inserted after the JFIF segment.
    static func withEXIF(_ jpeg: [UInt8], orientation: UInt16 = 6) -> [UInt8] {
        var tiff: [UInt8] = Array("II".utf8) + le16(42) + le32(8)
        // IFD0: Orientation, and the pointer to the GPS IFD (at 8 + 2 + 2·12 + 4 = 38).
        tiff += le16(2)
        tiff += le16(0x0112) + le16(3) + le32(1) + le16(orientation) + le16(0)
        tiff += le16(0x8825) + le16(4) + le32(1) + le32(38)
        tiff += le32(0)
        // GPS IFD: latitude "N" and 21/1, 1/1, 30/1 (its rationals at 38 + 30 = 68).
        tiff += le16(2)
        tiff += le16(0x0001) + le16(2) + le32(2) + Array("N".utf8) + [0, 0, 0]
        tiff += le16(0x0002) + le16(5) + le32(3) + le32(68)
        tiff += le32(0)
        for (numerator, denominator) in [(21, 1), (1, 1), (30, 1)] as [(UInt32, UInt32)] { tiff += le32(numerator) + le32(denominator) }
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let segment: [UInt8] = [0xFF, 0xE1] + be16(UInt16(payload.count + 2)) + payload
        var insertAt = 2
        if jpeg[2] == 0xFF, jpeg[3] == 0xE0 { insertAt = 4 + Int(jpeg[4]) << 8 + Int(jpeg[5]) }
        return Array(jpeg[..<insertAt]) + segment + Array(jpeg[insertAt...])
    }

    /// A real JPEG whose frame header claims `width`×`height`: a huge photo (or a bomb) as its header says.
    static func claimingSize(_ jpeg: [UInt8], width: UInt16, height: UInt16) -> [UInt8] {
        var bytes = jpeg
        for index in 0..<(bytes.count - 9) where bytes[index] == 0xFF && (bytes[index + 1] == 0xC0 || bytes[index + 1] == 0xC2) {
            bytes.replaceSubrange((index + 5)..<(index + 9), with: be16(height) + be16(width))
            return bytes
        }
        return bytes
    }

    /// A PNG of a few hundred bytes that declares `width`×`height` pixels: a decompression bomb's header.
    static func pngBomb(width: UInt32, height: UInt32) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(crc32(body))
        }
        let header = be32(width) + be32(height) + [8, 2, 0, 0, 0]
        // A zlib stream of zeros (deflate of a run of zero bytes), far too short for the size claimed.
        let idat: [UInt8] = [0x78, 0x9C, 0xED, 0xC1, 0x01, 0x0D, 0x00, 0x00, 0x00, 0xC2, 0xA0, 0xF7, 0x4F, 0x6D, 0x0E, 0x37, 0xA0, 0x00, 0x00]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", idat) + chunk("IEND", [])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    private static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
    private static func be32(_ value: UInt32) -> [UInt8] { (0..<4).reversed().map { UInt8((value >> (8 * $0)) & 0xFF) } }
}

extension TestSite {
    func write(_ path: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Output files under `img/` whose names start with `stem`, sorted.
    func photoFiles(_ stem: String) throws -> [String] {
        let folder = output.appendingPathComponent("img")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(stem + "-") }.sorted()
    }

    func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: output.appendingPathComponent(path)))
    }
}

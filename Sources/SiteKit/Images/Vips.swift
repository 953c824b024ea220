import CVipsShim
import Foundation

/// libvips through the C shim (`CVipsShim`): the only file that calls it.
enum Vips {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Header: Sendable {
        /// As displayed, the EXIF orientation applied.
        var width: Int
        var height: Int
        var loader: String
    }

    enum Format: Int, Sendable {
        case jpeg = 0, webp = 1

        var fileExtension: String { self == .jpeg ? "jpg" : "webp" }
    }

    /// A decoded, oriented, resized sRGB picture in memory, without metadata; freed with the value.
    final class Image {
        private let pointer: OpaquePointer

        fileprivate init(_ pointer: OpaquePointer) { self.pointer = pointer }
        deinit { sg_image_release(pointer) }

        var width: Int { Int(sg_image_width(pointer)) }
        var height: Int { Int(sg_image_height(pointer)) }

        /// A smaller version (never larger): `width` wide, or cropped to cover width×height.
        func resized(width: Int, height: Int = 0) throws(Failure) -> Image {
            var result: OpaquePointer?
            try call { sg_image_resize_image(pointer, Int32(width), Int32(height), &result, $0, $1) }
            return Image(result!)
        }

        func encoded(_ format: Format, quality: Int) throws(Failure) -> [UInt8] {
            var data: UnsafeMutableRawPointer?
            var length = 0
            try call { sg_image_save(pointer, Int32(format.rawValue), Int32(quality), &data, &length, $0, $1) }
            defer { sg_free(data) }
            return Array(UnsafeRawBufferPointer(start: data, count: length))
        }
    }

    /// The libvips version, for cache keys ("8.14.1").
    static let version: String = String(cString: sg_vips_version())

    static func start() throws(Failure) {
        try call { sg_vips_start($0, $1) }
    }

    /// The header only: nothing is decoded, so a size limit can be checked before anything costly.
    static func probe(_ bytes: [UInt8]) throws(Failure) -> Header {
        try start()
        var header = sg_image_header()
        try check(bytes.withUnsafeBytes { buffer in
            message { sg_image_probe(buffer.baseAddress, buffer.count, &header, $0, $1) }
        })
        let loader = withUnsafeBytes(of: header.loader) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return Header(width: Int(header.width), height: Int(header.height), loader: loader)
    }

    /// Decodes a photo (failing on any damage), oriented, in sRGB, shrunk to `width` pixels wide
    /// (never enlarged) while it is decoded.
    static func decode(_ bytes: [UInt8], width: Int) throws(Failure) -> Image {
        try start()
        var image: OpaquePointer?
        try check(bytes.withUnsafeBytes { buffer in
            message { sg_image_resize(buffer.baseAddress, buffer.count, Int32(width), 0, &image, $0, $1) }
        })
        return Image(image!)
    }

    /// A picture we draw (see `sg_image_gradient`): for tests and the sample archive.
    static func gradient(width: Int, height: Int, png: Bool = false, format: Format = .jpeg) throws(Failure) -> [UInt8] {
        var data: UnsafeMutableRawPointer?
        var length = 0
        try call { sg_image_gradient(Int32(width), Int32(height), png ? Int32(SG_SAMPLE_PNG) : Int32(format.rawValue), &data, &length, $0, $1) }
        defer { sg_free(data) }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }

    private static func call(_ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) throws(Failure) {
        try check(message(body))
    }

    private static func check(_ message: String?) throws(Failure) {
        if let message { throw Failure(description: message.isEmpty ? "libvips failed" : message) }
    }

    /// nil when `body` succeeded, else the message it left.
    private static func message(_ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> String? {
        var text = [CChar](repeating: 0, count: 512)
        let status = text.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
        return status == 0 ? nil : String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

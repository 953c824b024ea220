/// libvips 8.14's WebP saver writes an EXIF chunk even when told to strip metadata (it makes
/// one from the resolution and orientation): the chunks are removed from the RIFF container here.
enum WebPMetadata {
    /// `webp` without its EXIF, XMP and ICC chunks, the VP8X flags and the RIFF size made to
    /// match; bytes that are not a RIFF/WebP container are returned as they are.
    static func stripped(_ webp: [UInt8]) -> [UInt8] {
        guard webp.count >= 12, webp[0..<4].elementsEqual("RIFF".utf8), webp[8..<12].elementsEqual("WEBP".utf8) else { return webp }
        var chunks: [UInt8] = []
        var offset = 12
        while offset + 8 <= webp.count {
            let type = String(decoding: webp[offset..<offset + 4], as: UTF8.self)
            let size = Int(webp[offset + 4]) | Int(webp[offset + 5]) << 8 | Int(webp[offset + 6]) << 16 | Int(webp[offset + 7]) << 24
            let end = offset + 8 + size + (size & 1)  // chunks are padded to an even size
            guard end <= webp.count else { return webp }
            if !["EXIF", "XMP ", "ICCP"].contains(type) {
                var chunk = Array(webp[offset..<end])
                // VP8X flags: ICC 0x20, EXIF 0x08, XMP 0x04.
                if type == "VP8X", chunk.count > 8 { chunk[8] &= ~UInt8(0x20 | 0x08 | 0x04) }
                chunks += chunk
            }
            offset = end
        }
        let size = UInt32(4 + chunks.count)
        return Array("RIFF".utf8) + (0..<4).map { UInt8((size >> (8 * $0)) & 0xFF) } + Array("WEBP".utf8) + chunks
    }
}

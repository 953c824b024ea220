/// A photo as the site serves it: the files made from it, each named by the hash of the photo's
/// bytes and the settings (so a host may cache them forever: new bytes, new names).
public struct ProcessedImage: Sendable, Hashable, Encodable {
    public struct Variant: Sendable, Hashable, Encodable {
        /// Output path ("img/anh-1-0123456789abcdef-800.webp").
        public var path: String
        public var format: String
        public var width: Int
        public var height: Int
    }

    /// The responsive versions, narrowest first, JPEG and WebP of each width.
    public var variants: [Variant]
    /// The picture for shares (og:image), cropped to the share size; only for lead photos.
    public var share: Variant?

    func variants(_ format: Vips.Format) -> [Variant] {
        variants.filter { $0.format == format.fileExtension }
    }

    /// The JPEG that stands in for the others (the `src` of `<img>`): the widest up to `width`.
    func fallback(upTo width: Int) -> Variant? {
        let jpegs = variants(.jpeg)
        return jpegs.last { $0.width <= width } ?? jpegs.first
    }
}

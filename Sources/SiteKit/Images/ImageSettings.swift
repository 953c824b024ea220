/// How photos are processed (`images:` in site.yml). Every value enters the cache key of the
/// files it makes, so changing one re-encodes the photos, and only then.
public struct ImageSettings: Sendable, Equatable, Hashable {
    /// Widths of the responsive variants, in pixels (a photo narrower than one gets its own width instead).
    public var widths = [480, 800, 1200]
    /// The small picture of lists and "Tin khác".
    public var thumbnailWidth = 240
    public var jpegQuality = 80
    public var webpQuality = 75
    /// The picture shares show (og:image): cropped to exactly this size.
    public var shareWidth = 1200
    public var shareHeight = 630
    /// A photo with more pixels than this is refused before it is decoded (a decompression bomb
    /// declares a huge size in a small file). A 24-megapixel camera's photos pass.
    public var maximumPixels = 50_000_000
    /// A photo file larger than this is refused before it is read.
    public var maximumFileBytes = 64 << 20

    public init() {}

    /// The widths a photo of `width` pixels is made in: those below it, and its own when it is smaller than the largest.
    func widths(for width: Int, thumbnail: Bool) -> [Int] {
        var all = Set(widths)
        if thumbnail { all.insert(thumbnailWidth) }
        var chosen = all.filter { $0 < width }
        if chosen.count < all.count { chosen.insert(width) }
        return chosen.sorted()
    }
}

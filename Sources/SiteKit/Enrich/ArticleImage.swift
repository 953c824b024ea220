/// A photo an article shows, as the editor wrote it: the front matter's lead photo (`image`,
/// `image_alt`, `image_caption`, `image_credit`) or a Markdown image in the body
/// (`![Chú thích](anh-1.jpg "Ảnh: Xuân Kha")`: the text is the caption and alt, the title the credit).
public struct ArticleImage: Sendable, Equatable {
    public enum Role: String, Sendable { case lead, body }

    /// As written: relative to the article's file ("anh-1.jpg"), or from the site root ("/images/x.jpg", in `static/`).
    public var source: String
    /// The line of the content file that names it.
    public var line: Int?
    public var role: Role
    public var alt: String
    public var caption: String?
    public var credit: String?

    /// Addresses of other sites and inline data are left as written: nothing to process.
    public var isLocal: Bool {
        let lower = source.lowercased()
        return !source.isEmpty && !lower.hasPrefix("http://") && !lower.hasPrefix("https://") && !lower.hasPrefix("//")
            && !lower.hasPrefix("data:")
    }
}

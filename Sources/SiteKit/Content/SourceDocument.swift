import Foundation

/// One content file as read from disk: raw fields and a Markdown body, nothing inferred yet.
public struct SourceDocument: Sendable {
    public enum Format: String, Sendable { case markdown, legacyText }

    /// Path relative to the content folder, NFC, with "/" separators.
    public var path: String
    public var format: Format
    /// Front matter, or the fields a legacy file states itself (title, views, author).
    public var fields: [String: FieldValue]
    /// 1-based line of each field in the file.
    public var fieldLines: [String: Int]
    /// A date written in a legacy article's text ("Sáng ngày 1/8 … năm 2023").
    public var textDate: TextDate?
    /// The body as Markdown (legacy paragraphs are escaped into Markdown paragraphs).
    public var body: String
    /// The line of the file on which the body starts.
    public var bodyLine: Int
    public var modified: Date

    public init(
        path: String, format: Format, fields: [String: FieldValue], fieldLines: [String: Int] = [:],
        textDate: TextDate? = nil, body: String, bodyLine: Int = 1, modified: Date
    ) {
        self.path = path
        self.format = format
        self.fields = fields
        self.fieldLines = fieldLines
        self.textDate = textDate
        self.body = body
        self.bodyLine = bodyLine
        self.modified = modified
    }
}

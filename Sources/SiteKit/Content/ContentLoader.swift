import Foundation

/// Load: finds the content files under a folder and reads each once into a `SourceDocument`.
public enum ContentLoader {
    public static let markdownExtensions: Set<String> = ["md", "markdown"]
    public static let legacyExtensions: Set<String> = ["txt"]

    /// Every content file under `root`, relative and sorted so every run sees the same order.
    /// With a `boundary` (the site folder), symbolic links that lead outside it are not followed.
    public static func contentFiles(in root: URL, boundary: URL? = nil) throws(SourceError) -> [String] {
        try contentListing(in: root, boundary: boundary).files.map(\.path)
    }

    /// The same, with each file's stamp, for the build cache.
    public static func contentFilesWithStamps(in root: URL, boundary: URL? = nil) throws(SourceError) -> [(path: String, stamp: FileTree.Stamp)] {
        try contentListing(in: root, boundary: boundary).files
    }

    /// The content files with their stamps, and a warning for every file or folder the walk skipped.
    public static func contentListing(in root: URL, boundary: URL? = nil) throws(SourceError)
        -> (files: [(path: String, stamp: FileTree.Stamp)], skipped: [SourceError]) {
        let listing = try fullListing(in: root, boundary: boundary)
        return (listing.files, listing.skipped)
    }

    /// The same, plus the other files (a page bundle's photos), whose stamps a build's fingerprint needs too.
    static func fullListing(in root: URL, boundary: URL? = nil) throws(SourceError)
        -> (files: [(path: String, stamp: FileTree.Stamp)], others: [(path: String, stamp: FileTree.Stamp)], skipped: [SourceError]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SourceError(path: root.path, message: "content folder not found")
        }
        let listing = FileTree.listing(under: root.path, boundary: boundary?.path)
        let skipped = listing.skipped.map { SourceError(path: "content/" + $0.path, message: "skipped: " + $0.reason) }
        var files: [(path: String, stamp: FileTree.Stamp)] = [], others: [(path: String, stamp: FileTree.Stamp)] = []
        for file in listing.files {
            if isContentFile(file.path) { files.append(file) } else { others.append(file) }
        }
        return (files, others, skipped)
    }

    /// Markdown and legacy text, not editor backups or `_index.md` section files.
    /// Plain string work, not NSString's path methods: it runs for every file of every build.
    public static func isContentFile(_ path: String) -> Bool {
        // An ASCII name is judged on its bytes: a Character at a time (and a lowercased copy of
        // the extension) was a third of scanning 35,000 files.
        if let judged = path.utf8.withContiguousStorageIfAvailable(isASCIIContentFile), let judged { return judged }
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        guard let first = name.first, first != ".", first != "_", let dot = name.lastIndex(of: ".") else { return false }
        let ext = name[name.index(after: dot)...].lowercased()
        return markdownExtensions.contains(ext) || legacyExtensions.contains(ext)
    }

    /// `isContentFile` for a path whose file name is ASCII; nil for any other name (there a
    /// combining mark can join a dot or a slash into another Character, so Characters decide).
    private static func isASCIIContentFile(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        let start = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        var dot: Int?
        for index in start..<bytes.count {
            if bytes[index] >= 0x80 { return nil }
            if bytes[index] == UInt8(ascii: ".") { dot = index }
        }
        guard start < bytes.count, bytes[start] != UInt8(ascii: "."), bytes[start] != UInt8(ascii: "_"), let dot else { return false }
        let ext = bytes[(dot + 1)...].lazy.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        return markdownExtensions.contains { $0.utf8.elementsEqual(ext) } || legacyExtensions.contains { $0.utf8.elementsEqual(ext) }
    }

    /// An article is a few kilobytes; a scraped one with photos inlined, a few megabytes. A file
    /// larger than this is refused before it is read.
    public static let maximumFileBytes = 32 << 20

    /// Reads one file; `relativePath` names it in the document and in errors.
    public static func read(_ url: URL, relativePath: String) throws(SourceError) -> SourceDocument {
        let displayPath = "content/" + relativePath
        if let stamp = FileTree.Stamp.of(url.path), stamp.size > maximumFileBytes {
            throw SourceError(path: displayPath, message: "the file is \(stamp.size) bytes, more than the limit of \(maximumFileBytes)")
        }
        let bytes: [UInt8]
        let modified: Date
        do {
            bytes = try FileBytes.read(url.path)
            modified = try FileBytes.modificationDate(url.path)
        } catch {
            throw SourceError(path: displayPath, message: "cannot read the file: \(error)")
        }
        let text = try decodeUTF8(bytes, path: displayPath)
        let ext = url.pathExtension.lowercased()
        let path = VietnameseText.nfc(relativePath)
        if legacyExtensions.contains(ext) {
            return try LegacyDocument.make(text: text, path: path, displayPath: displayPath, modified: modified)
        }
        let parsed = try FrontMatter.parse(text, path: displayPath)
        return SourceDocument(
            path: path, format: .markdown, fields: parsed.fields, fieldLines: parsed.fieldLines,
            body: parsed.body, bodyLine: parsed.bodyLine, modified: modified
        )
    }

    /// A UTF-8 text file (settings, data, templates), any failure named after `displayPath`.
    public static func readText(_ url: URL, displayPath: String) throws(SourceError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(url.path)
        } catch {
            throw SourceError(path: displayPath, message: "cannot read: \(error)")
        }
        return try decodeUTF8(bytes, path: displayPath)
    }

    /// UTF-8 only (with or without BOM): a scraped file in another encoding is reported, not garbled.
    static func decodeUTF8(_ bytes: [UInt8], path: String) throws(SourceError) -> String {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        if let text = String(validating: slice, as: UTF8.self) {
            return slice.contains(UInt8(ascii: "\r")) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        }
        throw SourceError(path: path, line: firstInvalidLine(slice), message: "the file is not valid UTF-8 text (save it as UTF-8)")
    }

    /// The line of the first byte that breaks UTF-8, found in one linear pass.
    static func firstInvalidLine(_ bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0
            if length == 0 || index + length > bytes.endIndex { return line }
            if length > 1, String(validating: bytes[index..<index + length], as: UTF8.self) == nil { return line }
            if lead == 0x0A { line += 1 }
            index += length
        }
        return line
    }
}

import Foundation

/// Load: finds the content files under a folder and reads each once into a `SourceDocument`.
public enum ContentLoader {
    public static let markdownExtensions: Set<String> = ["md", "markdown"]
    public static let legacyExtensions: Set<String> = ["txt"]

    /// Every content file under `root`, relative and sorted so every run sees the same order.
    public static func contentFiles(in root: URL) throws(SourceError) -> [String] {
        let manager = FileManager()
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SourceError(path: root.path, message: "content folder not found")
        }
        guard let enumerator = manager.enumerator(atPath: root.path) else { return [] }
        var paths: [String] = []
        for case let path as String in enumerator {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") || name.hasPrefix("_") { continue }  // editor backups, _index.md sections
            let ext = (name as NSString).pathExtension.lowercased()
            guard markdownExtensions.contains(ext) || legacyExtensions.contains(ext) else { continue }
            paths.append(path)
        }
        return paths.sorted()
    }

    /// Reads every file in parallel; a bad file becomes an error in the list, never a crash.
    public static func load(root: URL) throws(SourceError) -> (documents: [SourceDocument], errors: [SourceError]) {
        let paths = try contentFiles(in: root)
        let results = parallelMap(paths) { path in
            Result { () throws(SourceError) -> SourceDocument in
                try read(root.appendingPathComponent(path), relativePath: path)
            }
        }
        var documents: [SourceDocument] = []
        var errors: [SourceError] = []
        documents.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .success(let document): documents.append(document)
            case .failure(let error): errors.append(error)
            }
        }
        return (documents, errors)
    }

    /// Reads one file; `relativePath` names it in the document and in errors.
    public static func read(_ url: URL, relativePath: String) throws(SourceError) -> SourceDocument {
        let displayPath = "content/" + relativePath
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

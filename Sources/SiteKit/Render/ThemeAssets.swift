import Foundation

/// The theme's files under `templates/assets/`. Stylesheets and scripts, which every page links,
/// are published twice: by names carrying a hash of their bytes (`assets/style.3f9a0c21d4e8.css`),
/// which the pages link, so that a host can let browsers keep them for a year and a changed
/// stylesheet is a new name no browser has kept; and by their own names, for hand-written links.
/// Other assets (fonts, pictures a stylesheet names by a relative `url()`) keep their names only,
/// so those references still hold.
struct ThemeAssets: Sendable {
    static let fingerprintedTypes: Set<String> = ["css", "js"]

    /// Asset path ("style.css") → the fingerprinted output path ("assets/style.3f9a0c21d4e8.css").
    var fingerprinted: [String: String] = [:]
    /// Every file to write, by both names.
    var files: [OutputFile] = []
    /// A hash of every asset's name and bytes: pages link the names, so they change with them.
    var fingerprint: UInt64 = 0

    static func read(_ folder: URL) throws -> ThemeAssets {
        var assets = ThemeAssets()
        guard let paths = try? FileManager.default.subpathsOfDirectory(atPath: folder.path) else { return assets }
        for path in paths.sorted() {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  !(path as NSString).lastPathComponent.hasPrefix(".") else { continue }
            let bytes = try FileBytes.read(url.path)
            let hash = ContentHash.of(bytes)
            assets.files.append(OutputFile(path: "assets/" + path, bytes: bytes))
            if fingerprintedTypes.contains((path as NSString).pathExtension.lowercased()) {
                let named = "assets/" + fingerprintedName(path, hash: hash)
                assets.fingerprinted[path] = named
                assets.files.append(OutputFile(path: named, bytes: bytes))
            }
            ContentHash.combine(&assets.fingerprint, ContentHash.of(path))
            ContentHash.combine(&assets.fingerprint, hash)
        }
        return assets
    }

    /// "css/style.css" → "css/style.3f9a0c21d4e8.css": the hash before the extension, so that
    /// hosts still tell the type by it.
    static func fingerprintedName(_ path: String, hash: UInt64) -> String {
        let hex = String(String(hash, radix: 16).reversed()).padding(toLength: 12, withPad: "0", startingAt: 0)
        let name = (path as NSString).lastPathComponent
        let folder = (path as NSString).deletingLastPathComponent
        let stamped: String
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            stamped = "\(name[..<dot]).\(hex)\(name[dot...])"
        } else {
            stamped = "\(name).\(hex)"
        }
        return folder.isEmpty ? stamped : folder + "/" + stamped
    }

    /// Whether an output path is a name `fingerprintedName` made ("assets/style.3f9a0c21d4e8.css"):
    /// such a file never changes under its name, so a host may cache it for good.
    static func isFingerprinted(_ path: String) -> Bool {
        guard path.hasPrefix("assets/") else { return false }
        let name = path.split(separator: "/").last ?? ""
        let pieces = name.split(separator: ".", omittingEmptySubsequences: false)
        return pieces.count >= 3 && FingerprintedNames.isHex(pieces[pieces.count - 2], count: 12)
    }

    /// The path pages link for an asset: its fingerprinted name, else (a theme without it) its own.
    func path(_ asset: String) -> String {
        fingerprinted[asset] ?? "assets/" + asset
    }
}

/// Output files named by a hash of their bytes: the theme's stylesheets and scripts
/// (`ThemeAssets`) and the processed photos (`ImageProcessor`). Such a file never changes under
/// its name, so a host may let browsers keep it for good (`sitegen deploy` says so to S3).
public enum FingerprintedNames {
    /// Whether the build made `path` (relative to the output folder) under a hashed name. A file
    /// an editor put in `static/` under a name that merely looks hashed is not one.
    public static func contains(_ path: String) -> Bool {
        ThemeAssets.isFingerprinted(path) || ImageProcessor.isVariantPath(path)
    }

    /// The lowercase hex digits of a hash, as both write them.
    static func isHex(_ text: Substring, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

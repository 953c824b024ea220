import Foundation

/// Processing: each photo checked (its header, before any pixel is decoded), then resized to
/// the settings' widths as JPEG and WebP, oriented, in sRGB, without metadata; lead photos get
/// a thumbnail and a share picture too. Photos run in parallel, one per core, and each holds one
/// resized picture in memory at a time (libvips streams the decoding). A photo whose file did
/// not change since the last build (its stamp) or whose bytes were encoded before with the same
/// settings (its key) is not encoded again.
struct ImageProcessor: Sendable {
    let settings: ImageSettings
    let store: ImageStore
    /// Reuse `.sitegen-cache/images/` (false: encode everything again, still storing the result).
    let useCache: Bool

    /// Bumped when the code below encodes differently.
    static let encoderVersion: UInt64 = 2

    struct Photo: Sendable {
        var image: ProcessedImage
        var key: UInt64
        /// Encoded in this build.
        var encoded: Bool
        /// The encoded files when the store could not keep them.
        var bytes: [String: [UInt8]]?
    }

    /// Every photo of `sources`, or every problem (each use of a bad photo named by its article's line).
    func process(_ sources: ImageSources, articles: [Article]) throws(BuildFailure) -> [Photo] {
        let known = useCache ? store.readStamps() : [:]
        let results = parallelMap(sources.sources) { source in
            Result { () throws(Vips.Failure) -> Photo in try process(source, known: known[source.display]) }
        }
        var photos: [Photo] = []
        var errors: [SourceError] = []
        var stamps: [String: ImageStore.Known] = [:]
        for (source, result) in zip(sources.sources, results) {
            switch result {
            case .success(let photo):
                photos.append(photo)
                if let stamp = FileTree.Stamp.of(source.file) { stamps[source.display] = .init(stamp: stamp, key: photo.key, settings: settingsKey(isLead: source.isLead), image: photo.image) }
            case .failure(let failure):
                for use in source.uses {
                    let article = articles[use.article]
                    errors.append(SourceError(path: "content/" + article.sourcePath, line: article.images[use.image].line,
                                              message: "image '\(article.images[use.image].source)' (\(source.display)) \(failure.description)"))
                }
            }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        store.writeStamps(stamps)
        return photos
    }

    /// What every photo file of `sources` would give, checking only what is cheap: that it can be
    /// read and is an image of an accepted size (for `sitegen check`, which writes nothing).
    func inspect(_ sources: ImageSources, articles: [Article]) throws(BuildFailure) {
        let problems = parallelMap(sources.sources) { source -> String? in
            do throws(Vips.Failure) {
                _ = try header(of: try read(source))
                return nil
            } catch {
                return error.description
            }
        }
        var errors: [SourceError] = []
        for (source, problem) in zip(sources.sources, problems) {
            guard let problem else { continue }
            for use in source.uses {
                let article = articles[use.article]
                errors.append(SourceError(path: "content/" + article.sourcePath, line: article.images[use.image].line,
                                          message: "image '\(article.images[use.image].source)' (\(source.display)) \(problem)"))
            }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
    }

    private func read(_ source: ImageSources.Source) throws(Vips.Failure) -> [UInt8] {
        do {
            return try FileBytes.read(source.file)
        } catch {
            throw Vips.Failure(description: "cannot be read: \(error)")
        }
    }

    private func header(of bytes: [UInt8]) throws(Vips.Failure) -> Vips.Header {
        let header: Vips.Header
        do {
            header = try Vips.probe(bytes)
        } catch {
            throw Vips.Failure(description: "is not an image sitegen can read: \(error.description)")
        }
        guard header.width > 0, header.height > 0, header.width * header.height <= settings.maximumPixels else {
            throw Vips.Failure(description: "is \(header.width)×\(header.height) pixels, more than the limit of "
                               + "\(settings.maximumPixels / 1_000_000) megapixels (images.max_megapixels in site.yml)")
        }
        return header
    }

    /// The settings' part of a photo's key: the same bytes encoded with other settings are other files.
    func settingsKey(isLead: Bool) -> UInt64 {
        var hash = Self.encoderVersion
        for value in settings.widths + [settings.thumbnailWidth, settings.jpegQuality, settings.webpQuality,
                                        settings.shareWidth, settings.shareHeight, isLead ? 1 : 0] {
            ContentHash.combine(&hash, UInt64(value))
        }
        ContentHash.combine(&hash, ContentHash.of(Vips.version))
        return hash
    }

    private func process(_ source: ImageSources.Source, known: ImageStore.Known?) throws(Vips.Failure) -> Photo {
        let stem = Self.stem(of: source.display)
        // Unchanged file, same settings: the names and sizes are known without reading it.
        if let known, known.stamp == FileTree.Stamp.of(source.file), known.settings == settingsKey(isLead: source.isLead),
           known.image.variants.first?.path.hasPrefix("img/\(stem)-") == true,
           FileManager.default.fileExists(atPath: store.cache.folder.appendingPathComponent(ImageStore.name(known.key)).path) {
            return Photo(image: known.image, key: known.key, encoded: false, bytes: nil)
        }
        let bytes = try read(source)
        let key = Self.key(ofBytesKey: ContentHash.of(bytes), settings: settingsKey(isLead: source.isLead))
        if useCache, let entry = store.read(key) {
            return Photo(image: Self.image(entry, stem: stem, key: key), key: key, encoded: false, bytes: nil)
        }
        let header = try header(of: bytes)
        var entry = ImageStore.Entry(variants: [])
        do {
            // Decoded once, at the largest size needed; the other sizes are made from it.
            let widths = settings.widths(for: header.width, thumbnail: source.isLead)
            let largest = try Vips.decode(bytes, width: max(widths.last ?? 0, source.isLead ? settings.shareWidth : 0))
            for width in widths {
                let resized = width >= largest.width ? largest : try largest.resized(width: width)
                entry.variants.append(("jpg", resized.width, resized.height, try resized.encoded(.jpeg, quality: settings.jpegQuality)))
                entry.variants.append(("webp", resized.width, resized.height,
                                       WebPMetadata.stripped(try resized.encoded(.webp, quality: settings.webpQuality))))
            }
            if source.isLead {
                let share = try largest.resized(width: settings.shareWidth, height: settings.shareHeight)
                entry.variants.append(("share", share.width, share.height, try share.encoded(.jpeg, quality: settings.jpegQuality)))
            }
        } catch {
            throw Vips.Failure(description: "cannot be decoded: \(error.description)")
        }
        let image = Self.image(entry, stem: stem, key: key)
        if store.write(entry, key: key) {
            return Photo(image: image, key: key, encoded: true, bytes: nil)
        }
        var files: [String: [UInt8]] = [:]
        for (variant, encoded) in zip(Self.paths(entry, stem: stem, key: key), entry.variants) { files[variant] = encoded.bytes }
        return Photo(image: image, key: key, encoded: true, bytes: files)
    }

    static func key(ofBytesKey bytes: UInt64, settings: UInt64) -> UInt64 {
        var key = bytes
        ContentHash.combine(&key, settings)
        return key
    }

    /// "content/2023/08/slug/Ảnh 1.JPG" → "anh-1".
    static func stem(of display: String) -> String {
        let name = ((display as NSString).lastPathComponent as NSString).deletingPathExtension
        let slug = Slug.make(name, maxLength: 40)
        return slug.isEmpty ? "anh" : slug
    }

    /// Whether an output path is one `paths` made ("img/anh-1-0123456789abcdef-800.webp",
    /// "img/anh-1-0123456789abcdef-share.jpg"): named by the photo's hash, so cacheable for good.
    static func isVariantPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard parts.count == 2, parts[0] == "img", let dot = parts[1].lastIndex(of: ".") else { return false }
        let pieces = parts[1][..<dot].split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count >= 3, let last = pieces.last else { return false }
        let isVariant = last == "share" || (!last.isEmpty && last.utf8.allSatisfy { (48...57).contains($0) })
        return isVariant && FingerprintedNames.isHex(pieces[pieces.count - 2], count: 16)
    }

    static func paths(_ entry: ImageStore.Entry, stem: String, key: UInt64) -> [String] {
        entry.variants.map { variant in
            variant.kind == "share" ? "img/\(stem)-\(ImageStore.hex(key))-share.jpg"
                : "img/\(stem)-\(ImageStore.hex(key))-\(variant.width).\(variant.kind)"
        }
    }

    static func image(_ entry: ImageStore.Entry, stem: String, key: UInt64) -> ProcessedImage {
        var image = ProcessedImage(variants: [], share: nil)
        for (variant, path) in zip(entry.variants, paths(entry, stem: stem, key: key)) {
            let made = ProcessedImage.Variant(path: path, format: variant.kind == "share" ? "jpg" : variant.kind,
                                              width: variant.width, height: variant.height)
            if variant.kind == "share" { image.share = made } else { image.variants.append(made) }
        }
        return image
    }
}

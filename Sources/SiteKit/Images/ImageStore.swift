import Foundation

/// `.sitegen-cache/images/`: the encoded files of each photo, by the key of its bytes and the
/// settings, so that a rebuild encodes only new or changed photos; and each photo file's stamp
/// with its key, so that it does not even read the photos that did not change. A damaged entry
/// is ignored (the photo is encoded again).
struct ImageStore: Sendable {
    let cache: BuildCache

    init(project: Project) {
        cache = BuildCache(folder: project.root.appendingPathComponent(".sitegen-cache/images"))
    }

    struct Entry: Sendable {
        var variants: [(kind: String, width: Int, height: Int, bytes: [UInt8])]
    }

    static func name(_ key: UInt64) -> String { hex(key) }

    static func hex(_ key: UInt64) -> String {
        let text = String(key, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    func read(_ key: UInt64) -> Entry? {
        guard let bytes = cache.load(Self.name(key)) else { return nil }
        var reader = BinaryReader(bytes)
        do {
            guard try reader.uint64() == key else { return nil }
            var variants: [(kind: String, width: Int, height: Int, bytes: [UInt8])] = []
            for _ in 0..<(try reader.count()) {
                variants.append((try reader.string(), try reader.int(), try reader.int(), Array(try reader.slice())))
            }
            return Entry(variants: variants)
        } catch {
            cache.damaged.add("images/" + Self.name(key))
            return nil
        }
    }

    /// False when it could not be written (the caller then keeps the bytes itself).
    @discardableResult
    func write(_ entry: Entry, key: UInt64) -> Bool {
        var writer = BinaryWriter()
        writer.uint64(key)
        writer.int(entry.variants.count)
        for variant in entry.variants {
            writer.string(variant.kind)
            writer.int(variant.width)
            writer.int(variant.height)
            variant.bytes.withUnsafeBufferPointer { writer.slice($0) }
        }
        cache.save(writer.bytes, as: Self.name(key))
        return FileManager.default.fileExists(atPath: cache.folder.appendingPathComponent(Self.name(key)).path)
    }

    /// What the last build made of a photo file, while its stamp stays the same.
    struct Known: Sendable {
        var stamp: FileTree.Stamp
        var key: UInt64
        /// `ImageProcessor.settingsKey` it was made with.
        var settings: UInt64
        var image: ProcessedImage
    }

    /// Photo file (display path) → what the last build made of it.
    func readStamps() -> [String: Known] {
        guard let bytes = cache.load("stamps") else { return [:] }
        var reader = BinaryReader(bytes)
        var stamps: [String: Known] = [:]
        do {
            guard try reader.uint64() == BuildCache.generator else { return [:] }
            for _ in 0..<(try reader.count()) {
                let path = try reader.string()
                let stamp = FileTree.Stamp(size: Int64(try reader.int()), modifiedSeconds: Int64(try reader.int()),
                                           modifiedNanoseconds: Int64(try reader.int()), inode: try reader.uint64())
                let key = try reader.uint64(), settings = try reader.uint64()
                func variant() throws -> ProcessedImage.Variant {
                    ProcessedImage.Variant(path: try reader.string(), format: try reader.string(), width: try reader.int(), height: try reader.int())
                }
                let variants = try (0..<reader.count()).map { _ in try variant() }
                let share = try reader.bool() ? try variant() : nil
                stamps[path] = Known(stamp: stamp, key: key, settings: settings, image: ProcessedImage(variants: variants, share: share))
            }
        } catch {
            cache.damaged.add("images/stamps")
            return [:]
        }
        return stamps
    }

    func writeStamps(_ stamps: [String: Known]) {
        var writer = BinaryWriter()
        writer.uint64(BuildCache.generator)
        writer.int(stamps.count)
        func variant(_ variant: ProcessedImage.Variant) {
            writer.string(variant.path)
            writer.string(variant.format)
            writer.int(variant.width)
            writer.int(variant.height)
        }
        for path in stamps.keys.sorted() {
            let entry = stamps[path]!
            writer.string(path)
            writer.int(Int(entry.stamp.size))
            writer.int(Int(entry.stamp.modifiedSeconds))
            writer.int(Int(entry.stamp.modifiedNanoseconds))
            writer.uint64(entry.stamp.inode)
            writer.uint64(entry.key)
            writer.uint64(entry.settings)
            writer.int(entry.image.variants.count)
            entry.image.variants.forEach(variant)
            writer.bool(entry.image.share != nil)
            entry.image.share.map(variant)
        }
        cache.save(writer.bytes, as: "stamps")
    }
}

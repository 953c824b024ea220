#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names used by a set of templates, numbered at compile time.
///
/// Every page looks up the names of all the fields it sets, so the lookup is a small open-addressing
/// table over the names' bytes (FNV-1a) rather than a `Dictionary<String, _>`, whose seeded
/// SipHash was a tenth of the time of building and rendering an article page.
public struct MustacheNames: Sendable {
    private struct Slot: Sendable {
        var hash: UInt32 = 0
        /// -1 when the slot is free.
        var id: Int32 = -1
    }

    /// All names' bytes, one after the other; name `id` is `bytes[ends[id - 1]..<ends[id]]`.
    /// One flat pool, so that comparing a name retains no array of its own.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var slots = [Slot](repeating: Slot(), count: 64)

    public init() {}

    public var count: Int { ends.count }

    public func id(of name: String) -> Int32? {
        if let found = name.utf8.withContiguousStorageIfAvailable({ find($0) }) { return found }
        var name = name
        return name.withUTF8 { find($0) }
    }

    mutating func intern(_ name: String) -> Int32 {
        if let id = id(of: name) { return id }
        let id = Int32(ends.count)
        bytes.append(contentsOf: name.utf8)
        ends.append(bytes.count)
        if ends.count * 2 > slots.count {
            // Kept at most half full, so that a miss ends at a free slot soon.
            slots = [Slot](repeating: Slot(), count: slots.count * 2)
            for index in ends.indices { place(spelling(Int32(index), Self.hash), Int32(index)) }
        } else {
            place(spelling(id, Self.hash), id)
        }
        return id
    }

    private mutating func place(_ hash: UInt32, _ id: Int32) {
        let mask = slots.count - 1
        var index = Int(hash) & mask
        while slots[index].id >= 0 { index = (index + 1) & mask }
        slots[index] = Slot(hash: hash, id: id)
    }

    private func find(_ name: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(name)
        let mask = slots.count - 1
        var index = Int(hash) & mask
        while true {
            let slot = slots[index]
            if slot.id < 0 { return nil }
            if slot.hash == hash, spelling(slot.id, { Self.same($0, name) }) { return slot.id }
            index = (index + 1) & mask
        }
    }

    /// Calls `body` with the bytes of name `id`.
    private func spelling<R>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = id == 0 ? 0 : ends[Int(id) - 1]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[Int(id)]])) }
    }

    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }
}

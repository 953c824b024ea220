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

    /// Each name's bytes, by id.
    private var spellings: [[UInt8]] = []
    private var slots = [Slot](repeating: Slot(), count: 64)

    public init() {}

    public var count: Int { spellings.count }

    public func id(of name: String) -> Int32? {
        if let found = name.utf8.withContiguousStorageIfAvailable({ find($0) }) { return found }
        var name = name
        return name.withUTF8 { find($0) }
    }

    mutating func intern(_ name: String) -> Int32 {
        if let id = id(of: name) { return id }
        let id = Int32(spellings.count)
        spellings.append(Array(name.utf8))
        if spellings.count * 2 > slots.count {
            // Kept at most half full, so that a miss ends at a free slot soon.
            slots = [Slot](repeating: Slot(), count: slots.count * 2)
            for (index, spelling) in spellings.enumerated() {
                place(spelling.withUnsafeBufferPointer(Self.hash), Int32(index))
            }
        } else {
            let hash = spellings[Int(id)].withUnsafeBufferPointer(Self.hash)
            place(hash, id)
        }
        return id
    }

    private mutating func place(_ hash: UInt32, _ id: Int32) {
        let mask = slots.count - 1
        var index = Int(hash) & mask
        while slots[index].id >= 0 { index = (index + 1) & mask }
        slots[index] = Slot(hash: hash, id: id)
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var index = Int(hash) & mask
        while true {
            let slot = slots[index]
            if slot.id < 0 { return nil }
            if slot.hash == hash, Self.same(spellings[Int(slot.id)], bytes) { return slot.id }
            index = (index + 1) & mask
        }
    }

    private static func same(_ spelling: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard spelling.count == bytes.count else { return false }
        return spelling.withUnsafeBufferPointer { spelling in
            spelling.count == 0 || memcmp(spelling.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }
}

/// LEB128 varints, for the tokenised slices kept between builds (`SliceCoding`): most numbers
/// there are small gaps and counts, which take one byte instead of eight.
struct VarintWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func varint(_ value: Int) { varint(UInt64(value)) }

    /// A length, then the bytes.
    mutating func data(_ data: some Collection<UInt8>) {
        varint(data.count)
        bytes.append(contentsOf: data)
    }
}

/// Reads what `VarintWriter` wrote, from memory the caller keeps alive; anything out of bounds
/// or malformed throws, so a damaged file is rejected, never trusted.
struct VarintReader {
    struct Corrupt: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    var offset: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == bytes.count }

    @inline(__always)
    mutating func varint() throws(Corrupt) -> UInt64 {
        guard offset < bytes.count else { throw Corrupt() }
        let first = bytes[offset]
        offset += 1
        if first < 0x80 { return UInt64(first) }
        var value = UInt64(first & 0x7F)
        var shift: UInt64 = 7
        while true {
            guard offset < bytes.count, shift < 64 else { throw Corrupt() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A varint no larger than `limit`.
    @inline(__always)
    mutating func int(max limit: Int) throws(Corrupt) -> Int {
        let value = try varint()
        guard value <= UInt64(limit) else { throw Corrupt() }
        return Int(value)
    }

    /// A length and that many bytes, as a range of `bytes`.
    mutating func data() throws(Corrupt) -> Range<Int> {
        let count = try int(max: bytes.count - offset)
        offset += count
        return (offset - count)..<offset
    }
}

import Foundation

/// A compact, versioned byte format for the build cache: read back tens of thousands of articles
/// in a fraction of the time JSON would take. Not an interchange format; a cache from another
/// version of sitegen is simply ignored.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 }
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func double(_ value: Double) { uint64(value.bitPattern) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { slice($0) }
    }

    /// A length-prefixed run of bytes (`BinaryReader.slice`).
    mutating func slice(_ raw: UnsafeBufferPointer<UInt8>) {
        int(raw.count)
        bytes += raw
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    /// Whole numbers of one width as a length-prefixed run of little-endian bytes: millions of
    /// them (the words of "Tin khác") are written at the speed of a copy.
    mutating func numbers<Number: FixedWidthInteger>(_ values: [Number]) {
        #if _endian(little)
        values.withUnsafeBytes { slice($0.bindMemory(to: UInt8.self)) }
        #else
        values.map(\.littleEndian).withUnsafeBytes { slice($0.bindMemory(to: UInt8.self)) }
        #endif
    }
}

struct BinaryReader {
    struct Corrupt: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    /// Reads `bytes` from `offset` on (past a header the caller has checked).
    init(_ bytes: [UInt8], from offset: Int = 0) {
        self.bytes = bytes
        self.offset = min(max(offset, 0), bytes.count)
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// Where the next read starts.
    var position: Int { offset }

    /// The hash of the bytes read since `start` (an earlier `position`).
    func hashOfBytes(from start: Int) -> UInt64 {
        bytes.withUnsafeBytes { ContentHash.of(UnsafeRawBufferPointer(rebasing: $0[start..<offset])) }
    }

    mutating func uint64() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Corrupt() }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        offset += 8
        return UInt64(littleEndian: value)
    }

    mutating func int() throws -> Int { Int(Int64(bitPattern: try uint64())) }
    mutating func double() throws -> Double { Double(bitPattern: try uint64()) }

    mutating func bool() throws -> Bool {
        guard offset < bytes.count else { throw Corrupt() }
        offset += 1
        return bytes[offset - 1] != 0
    }

    mutating func string() throws -> String {
        String(decoding: try slice(), as: UTF8.self)
    }

    /// A length-prefixed run of bytes, sharing the reader's buffer.
    mutating func slice() throws -> ArraySlice<UInt8> {
        let count = try int()
        // Compared with what is left: `offset + count` overflows for a damaged length near Int.max.
        guard count >= 0, count <= bytes.count - offset else { throw Corrupt() }
        offset += count
        return bytes[(offset - count)..<offset]
    }

    /// A count of things that follow, each at least one byte long: a damaged count can never
    /// make a reader allocate or loop past the end of its bytes.
    mutating func count() throws -> Int {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Corrupt() }
        return count
    }

    mutating func strings() throws -> [String] {
        try (0..<count()).map { _ in try string() }
    }

    mutating func optionalString() throws -> String? {
        try bool() ? try string() : nil
    }

    /// What `BinaryWriter.numbers` wrote.
    mutating func numbers<Number: FixedWidthInteger>(_ type: Number.Type = Number.self) throws -> [Number] {
        let raw = try slice()
        let size = MemoryLayout<Number>.size
        guard raw.count % size == 0 else { throw Corrupt() }
        return raw.withUnsafeBytes { buffer in
            (0..<(raw.count / size)).map { Number(littleEndian: buffer.loadUnaligned(fromByteOffset: $0 * size, as: Number.self)) }
        }
    }
}

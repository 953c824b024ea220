/// Bit-level codes of the search shards (most significant bit first), written here and read by
/// `SearchEngine` and templates/assets/search.js.
///
/// - `gamma(v)`, v ≥ 1: Elias gamma (n zeros, then v in n+1 bits).
/// - `rice(v, k)`, v ≥ 0: q = v >> k in unary (q ones and a zero) then the k low bits; a
///   quotient of 16 or more is written as 16 ones then gamma(q − 15), so an odd long gap costs
///   a few bits, not thousands.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var pending = 0

    static let unaryLimit = 16

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The low `count` bits of `value` (count ≤ 32).
    @inline(__always)
    mutating func write(_ value: UInt64, bits count: Int) {
        guard count > 0 else { return }
        // Fewer than 32 bits wait between calls, so the accumulator never overflows and bytes
        // are appended four at a time.
        accumulator = (accumulator << UInt64(count)) | (value & ((1 << UInt64(count)) - 1))
        pending += count
        if pending >= 32 {
            pending -= 32
            let word = UInt32(truncatingIfNeeded: accumulator >> UInt64(pending))
            bytes.append(UInt8(word >> 24))
            bytes.append(UInt8(word >> 16 & 0xFF))
            bytes.append(UInt8(word >> 8 & 0xFF))
            bytes.append(UInt8(word & 0xFF))
            accumulator &= (1 << UInt64(pending)) - 1
        }
    }

    mutating func writeOnes(_ count: Int) {
        var left = count
        while left > 0 {
            let chunk = min(left, 32)
            write((1 << UInt64(chunk)) - 1, bits: chunk)
            left -= chunk
        }
    }

    mutating func gamma(_ value: UInt64) {
        precondition(value >= 1)
        let width = 64 - value.leadingZeroBitCount
        write(0, bits: width - 1)
        if width > 32 {
            write(value >> 32, bits: width - 32)
            write(value & 0xFFFF_FFFF, bits: 32)
        } else {
            write(value, bits: width)
        }
    }

    @inline(__always)
    mutating func rice(_ value: UInt64, k: Int) {
        let quotient = value >> UInt64(k)
        if quotient < UInt64(Self.unaryLimit), Int(quotient) + 1 + k <= 32 {
            // The common case in one write: q ones, a zero, the k low bits.
            write(((1 << quotient) - 1) << UInt64(k + 1) | (value & ((1 << UInt64(k)) - 1)), bits: Int(quotient) + 1 + k)
            return
        }
        if quotient < UInt64(Self.unaryLimit) {
            writeOnes(Int(quotient))
            write(0, bits: 1)
        } else {
            writeOnes(Self.unaryLimit)
            gamma(quotient - UInt64(Self.unaryLimit) + 1)
        }
        write(value, bits: k)
    }

    /// The bytes, the last one padded with zeros.
    mutating func finish() -> [UInt8] {
        while pending >= 8 {
            pending -= 8
            bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(pending)))
        }
        if pending > 0 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator << UInt64(8 - pending)))
        }
        accumulator = 0
        pending = 0
        return bytes
    }

    static func gammaBits(_ value: UInt64) -> Int {
        2 * (64 - value.leadingZeroBitCount) - 1
    }

    static func riceBits(_ value: UInt64, k: Int) -> Int {
        let quotient = value >> UInt64(k)
        let prefix = quotient < UInt64(unaryLimit) ? Int(quotient) + 1 : unaryLimit + gammaBits(quotient - UInt64(unaryLimit) + 1)
        return prefix + k
    }

    /// The Rice parameter for `count` sorted values spread over `space`: about log2(0.69 · space / count),
    /// derived from numbers both sides know, so it is never stored.
    static func riceParameter(space: Int, count: Int) -> Int {
        var k = 0
        while k < 40, count * 100 << (k + 1) <= space * 69 { k += 1 }
        return k
    }
}

struct BitReader {
    let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8], byteOffset: Int = 0) {
        self.bytes = bytes
        position = byteOffset * 8
    }

    struct EndOfData: Error {}

    mutating func bit() throws(EndOfData) -> UInt64 {
        let byte = position >> 3
        guard byte < bytes.count else { throw EndOfData() }
        let value = (bytes[byte] >> UInt8(7 - position & 7)) & 1
        position += 1
        return UInt64(value)
    }

    mutating func read(bits count: Int) throws(EndOfData) -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<count { value = value << 1 | (try bit()) }
        return value
    }

    mutating func gamma() throws(EndOfData) -> UInt64 {
        var zeros = 0
        while try bit() == 0 {
            zeros += 1
            guard zeros < 64 else { throw EndOfData() }
        }
        return (1 << UInt64(zeros)) | (try read(bits: zeros))
    }

    mutating func rice(k: Int) throws(EndOfData) -> UInt64 {
        var quotient: UInt64 = 0
        while quotient < UInt64(BitWriter.unaryLimit), try bit() == 1 { quotient += 1 }
        if quotient == UInt64(BitWriter.unaryLimit) {
            quotient = try gamma() + UInt64(BitWriter.unaryLimit) - 1
        }
        return quotient << UInt64(k) | (try read(bits: k))
    }
}

/// The value of a posting: a fixed code, the same in every segment, so that a segment's lists
/// depend on its own postings only (a code fitted to the archive would change every file when one
/// article is added). tf and flags, not a BM25 level: the level needs the archive's average length,
/// so search.js computes it at query time from the segment's `lengths.bin` (see `SearchEngine`).
///
/// flags 0 (most postings): a 0 bit, then gamma(tf); else a 1 bit, the two flag bits, gamma(tf + 1)
/// (a title or a tag may hold a word the body does not).
enum PostingCode {
    @inline(__always)
    static func write(flags: UInt32, tf: UInt32, into bits: inout BitWriter) {
        if flags == 0 {
            bits.write(0, bits: 1)
            bits.gamma(UInt64(tf))
        } else {
            bits.write(UInt64(4 | flags & 3), bits: 3)
            bits.gamma(UInt64(tf) + 1)
        }
    }

    static func cost(flags: UInt32, tf: UInt32) -> Int {
        flags == 0 ? 1 + BitWriter.gammaBits(UInt64(tf)) : 3 + BitWriter.gammaBits(UInt64(tf) + 1)
    }

    static func read(_ reader: inout BitReader) throws(BitReader.EndOfData) -> (flags: Int, tf: Int) {
        if try reader.bit() == 0 { return (0, Int(try reader.gamma())) }
        let flags = Int(try reader.read(bits: 2))
        return (flags, Int(try reader.gamma()) - 1)
    }
}

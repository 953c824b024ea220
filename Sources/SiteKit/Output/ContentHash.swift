/// A stable 64-bit hash of a file's bytes (Swift's `Hasher` is seeded per process, so it cannot
/// compare one build with the last). FNV-1a over 8-byte words: the output of a large archive is
/// hundreds of megabytes, and a byte at a time costs a second.
public enum ContentHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    public static func of(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        var hash = offset ^ UInt64(buffer.count)
        var index = 0
        while index + 8 <= buffer.count {
            hash = (hash ^ buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* prime
            hash ^= hash >> 29
            index += 8
        }
        while index < buffer.count {
            hash = (hash ^ UInt64(buffer[index])) &* prime
            index += 1
        }
        return hash
    }

    /// `hash` with every bit depending on every other (the finaliser of MurmurHash3), for
    /// choosing a bucket by its low bits: the low bits of `of` follow the last bytes alone, so
    /// "bai-000010.txt", "bai-000020.txt", … would all fall in a few of 64 buckets.
    public static func spread(_ hash: UInt64) -> UInt64 {
        var hash = hash
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }

    /// Combines hashes in order, for signatures made of several parts.
    public static func combine(_ hash: inout UInt64, _ value: UInt64) {
        hash = (hash ^ value) &* prime
        hash ^= hash >> 29
    }

    public static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }
}

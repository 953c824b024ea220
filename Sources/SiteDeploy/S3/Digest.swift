import COpenSSL

/// The three digests a deploy needs (SHA-256 and HMAC-SHA-256 for S3's signatures, MD5 for its
/// ETags and `Content-MD5`), from the system's libcrypto (OpenSSL). swift-crypto gave the same
/// three, but compiled a copy of BoringSSL of its own (366 C files) into every clean build,
/// besides the one the HTTPS client already carries.
enum Digest {
    static func sha256<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        digest(bytes, EVP_sha256())
    }

    static func md5<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        digest(bytes, EVP_md5())
    }

    static func hmacSHA256(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var size: UInt32 = 0
        _ = key.withUnsafeBufferPointer { key in
            message.withUnsafeBufferPointer { message in
                HMAC(EVP_sha256(), key.baseAddress, Int32(key.count), message.baseAddress, message.count, &out, &size)
            }
        }
        return Array(out.prefix(Int(size)))
    }

    private static func digest<Bytes: Collection>(_ bytes: Bytes, _ kind: OpaquePointer?) -> [UInt8] where Bytes.Element == UInt8 {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var size: UInt32 = 0
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            EVP_Digest(buffer.baseAddress, buffer.count, &out, &size, kind, nil)
        }
        if contiguous == nil {
            let copy = Array(bytes)
            _ = copy.withUnsafeBufferPointer { EVP_Digest($0.baseAddress, $0.count, &out, &size, kind, nil) }
        }
        return Array(out.prefix(Int(size)))
    }
}

/// The MD5 digest (RFC 1321), computed by libcrypto.
///
/// The vendor's sign is built on MD5; nothing else in xiaoa-crypto should use it.
public enum MD5 {
    /// The size of a digest in bytes.
    public static let byteCount = 16

    /// The 16-byte digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        digest.withUnsafeMutableBufferPointer { out in
            withContiguousBytes(of: bytes) { input in
                LibcryptoDigest.md5.digest(input, into: out)
            }
        }
        return digest
    }

    /// The digest of `bytes` as 32 lowercase hexadecimal characters, as PHP's `md5()` returns it.
    public static func hexDigest(_ bytes: some Collection<UInt8>) -> String {
        Hex.encode(hash(bytes))
    }

    /// Writes the lowercase hex digest of `input` (32 ASCII bytes) into `output`.
    ///
    /// The allocation-free form for hot loops: `output` must hold at least 32 bytes.
    public static func hexDigest(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) {
        precondition(output.count >= 2 * byteCount, "output buffer too small for a hex MD5 digest")
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: byteCount) { digest in
            LibcryptoDigest.md5.digest(input, into: digest)
            Hex.encode(UnsafeBufferPointer(digest), into: output)
        }
    }
}

/// A reusable MD5 context for hot loops: one libcrypto digest context, reset per message.
///
/// Copies share the context, so keep each value on one thread at a time.
public struct MD5Hasher {
    private let context: LibcryptoDigestContext

    public init() { context = LibcryptoDigestContext(.md5) }

    /// Writes the lowercase hex digest of `input` (32 ASCII bytes) into `output`, which must hold 32 bytes.
    public func hexDigest(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) {
        precondition(output.count >= 2 * MD5.byteCount, "output buffer too small for a hex MD5 digest")
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: MD5.byteCount) { digest in
            context.digest(input, into: digest)
            Hex.encode(UnsafeBufferPointer(digest), into: output)
        }
    }
}

/// Calls `body` with the bytes of `collection` as one contiguous buffer, copying only when needed.
@inlinable
package func withContiguousBytes<R>(
    of collection: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) throws -> R
) rethrows -> R {
    if let result = try collection.withContiguousStorageIfAvailable({ try body(UnsafeRawBufferPointer($0)) }) {
        return result
    }
    return try Array(collection).withUnsafeBytes { try body($0) }
}

internal import COpenSSL

/// The libcrypto side of ``HMACSHA256``: an EVP_MAC_CTX initialised with the key and SHA-256 once, then
/// duplicated for every code; freed on deinit.
final class LibcryptoHMACTemplate: @unchecked Sendable {
    // @unchecked: `context` is written only in init; afterwards it is only read, by EVP_MAC_CTX_dup, which copies
    // it (HMAC's dup takes new references to the digest with atomic counts), so sharing it between threads is safe.

    /// The HMAC implementation, fetched once for the process.
    // A fetched EVP_MAC is immutable and may be shared between threads (OpenSSL 3 provider docs).
    nonisolated(unsafe) private static let algorithm: OpaquePointer? = EVP_MAC_fetch(nil, "HMAC", nil)

    private let context: OpaquePointer

    init(key: UnsafeRawBufferPointer) throws(PrimitiveError) {
        guard let algorithm = Self.algorithm else { throw PrimitiveError("libcrypto has no HMAC implementation") }
        guard let context = EVP_MAC_CTX_new(algorithm) else {
            throw PrimitiveError("libcrypto could not allocate a MAC context")
        }
        // EVP_MAC wants a key pointer even for an empty key; an empty Swift buffer may have a nil base address.
        let initialised = withUnsafeBytes(of: 0 as UInt8) { empty in
            "digest".withCString { name in
                "SHA256".withCString { digest in
                    let params = [
                        OSSL_PARAM_construct_utf8_string(name, UnsafeMutablePointer(mutating: digest), 0),
                        OSSL_PARAM_construct_end(),
                    ]
                    let keyPointer = (key.baseAddress ?? empty.baseAddress!).assumingMemoryBound(to: UInt8.self)
                    return EVP_MAC_init(context, keyPointer, key.count, params) == 1
                }
            }
        }
        guard initialised else {
            EVP_MAC_CTX_free(context)
            throw PrimitiveError("libcrypto EVP_MAC_init(HMAC-SHA256) failed")
        }
        self.context = context
    }

    deinit { EVP_MAC_CTX_free(context) }

    func code(_ message: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) throws(PrimitiveError)
    {
        precondition(output.count >= HMACSHA256.byteCount)
        guard let copy = EVP_MAC_CTX_dup(context) else { throw PrimitiveError("libcrypto EVP_MAC_CTX_dup failed") }
        defer { EVP_MAC_CTX_free(copy) }
        if message.count > 0 {
            guard EVP_MAC_update(copy, message.baseAddress!.assumingMemoryBound(to: UInt8.self), message.count) == 1
            else { throw PrimitiveError("libcrypto EVP_MAC_update failed") }
        }
        var length = 0
        guard EVP_MAC_final(copy, output.baseAddress, &length, output.count) == 1, length == HMACSHA256.byteCount
        else { throw PrimitiveError("libcrypto EVP_MAC_final failed") }
    }
}

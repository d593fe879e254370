internal import COpenSSL

#if canImport(Glibc)
    import Glibc
#endif

/// The libcrypto side of ``AES128CBC`` and ``AES256CBC``: one EVP_CIPHER_CTX, freed on deinit.
final class LibcryptoCipherContext {
    /// The ciphers, fetched once for the process (the fetch, not the cipher, dominates a short run).
    // A fetched EVP_CIPHER is immutable and may be shared between threads (OpenSSL 3 provider docs).
    nonisolated(unsafe) private static let aes128: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-128-CBC", nil)
    nonisolated(unsafe) private static let aes256: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-256-CBC", nil)

    private let algorithm: OpaquePointer
    private let context: OpaquePointer
    /// The key and direction the context is keyed for; a new IV alone needs no new key schedule.
    private var keyedFor: (key: [UInt8], encrypt: Bool)?

    private func isKeyed(for key: UnsafeRawBufferPointer, encrypt: Bool) -> Bool {
        guard let keyedFor, keyedFor.encrypt == encrypt, keyedFor.key.count == key.count else { return false }
        return keyedFor.key.withUnsafeBytes { memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }
    }

    /// A context for AES-CBC with keys of `keyBytes` (16 or 32) bytes.
    init(keyBytes: Int) throws(PrimitiveError) {
        guard let algorithm = keyBytes == 32 ? Self.aes256 : Self.aes128 else {
            throw PrimitiveError("libcrypto has no AES-\(keyBytes * 8)-CBC implementation")
        }
        self.algorithm = algorithm
        guard let context = EVP_CIPHER_CTX_new() else {
            throw PrimitiveError("libcrypto could not allocate a cipher context")
        }
        self.context = context
    }

    deinit { EVP_CIPHER_CTX_free(context) }  // EVP_CIPHER_CTX_free cleanses the key schedule

    /// Sizes were validated by the caller: the key fits the cipher, the IV is 16 bytes, input whole blocks, output as
    /// long.
    func crypt(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
        key: UnsafeRawBufferPointer, iv: UnsafeRawBufferPointer, encrypt: Bool
    ) throws(PrimitiveError) {
        let ivPointer = iv.baseAddress?.assumingMemoryBound(to: UInt8.self)
        if isKeyed(for: key, encrypt: encrypt) {
            // Same key and direction: only the IV changes, so keep the key schedule and the padding setting
            // (a full re-init per value costs more than encrypting a short password).
            guard EVP_CipherInit_ex2(context, nil, nil, ivPointer, encrypt ? 1 : 0, nil) == 1
            else { throw PrimitiveError("libcrypto EVP_CipherInit_ex2 failed") }
        } else {
            keyedFor = nil
            guard
                EVP_CipherInit_ex2(
                    context, algorithm, key.baseAddress?.assumingMemoryBound(to: UInt8.self), ivPointer,
                    encrypt ? 1 : 0, nil) == 1
            else { throw PrimitiveError("libcrypto EVP_CipherInit_ex2 failed") }
            // Padding is removed by the caller in constant time; libcrypto's own unpadding branches on the bytes.
            guard EVP_CIPHER_CTX_set_padding(context, 0) == 1 else {
                throw PrimitiveError("EVP_CIPHER_CTX_set_padding failed")
            }
            keyedFor = (Array(key), encrypt)
        }
        if input.isEmpty { return }
        var written: Int32 = 0
        guard
            EVP_CipherUpdate(
                context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &written,
                input.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(input.count)) == 1
        else { throw PrimitiveError("libcrypto EVP_CipherUpdate failed") }
        var tail: Int32 = 0
        guard
            EVP_CipherFinal_ex(context, output.baseAddress!.assumingMemoryBound(to: UInt8.self) + Int(written), &tail)
                == 1,
            Int(written + tail) == input.count
        else { throw PrimitiveError("libcrypto EVP_CipherFinal_ex failed") }
    }
}

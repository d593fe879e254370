internal import COpenSSL

/// The libcrypto side of ``PBKDF2``: one call to `PKCS5_PBKDF2_HMAC`.
enum LibcryptoPBKDF2 {
    /// SHA-256, fetched once (the fetch, not one hash, is libcrypto's expensive step).
    // A fetched EVP_MD is immutable and may be shared between threads (OpenSSL 3 provider docs).
    nonisolated(unsafe) private static let algorithm: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil)

    /// Sizes were validated by the caller (they fit in C ints, the output is not empty).
    static func sha256(
        password: UnsafeRawBufferPointer, salt: UnsafeRawBufferPointer, iterations: Int,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Bool {
        guard let algorithm = Self.algorithm else { return false }
        // An empty Swift buffer may have a nil base address; libcrypto wants a pointer even for zero bytes.
        return withUnsafeBytes(of: 0 as UInt8) { empty in
            let passwordPointer = (password.baseAddress ?? empty.baseAddress!).assumingMemoryBound(to: CChar.self)
            let saltPointer = (salt.baseAddress ?? empty.baseAddress!).assumingMemoryBound(to: UInt8.self)
            return PKCS5_PBKDF2_HMAC(
                passwordPointer, Int32(password.count), saltPointer, Int32(salt.count), Int32(iterations),
                algorithm, Int32(output.count), output.baseAddress) == 1
        }
    }
}

internal import COpenSSL

/// The libcrypto side of ``SHA256``.
enum LibcryptoSHA256 {
    /// The SHA-256 implementation, fetched once.
    // A fetched EVP_MD is immutable and may be shared between threads (OpenSSL 3 provider docs).
    nonisolated(unsafe) static let algorithm: OpaquePointer = {
        guard let md = EVP_MD_fetch(nil, "SHA256", nil) else {
            fatalError("libcrypto has no SHA-256 implementation (is the default provider missing?)")
        }
        return md
    }()

    static func digest(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) {
        precondition(output.count >= SHA256.byteCount)
        var length: UInt32 = 0
        // EVP_Digest accepts a NULL data pointer only with a zero length; an empty Swift buffer may have a nil base.
        let rc = withUnsafeBytes(of: 0 as UInt8) { empty in
            EVP_Digest(input.baseAddress ?? empty.baseAddress, input.count, output.baseAddress, &length, algorithm, nil)
        }
        precondition(rc == 1 && length == UInt32(SHA256.byteCount), "libcrypto EVP_Digest(SHA256) failed")
    }
}

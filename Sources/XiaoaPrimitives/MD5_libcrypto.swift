internal import COpenSSL

/// The libcrypto side of ``MD5``: the pointer code, kept out of the public file.
enum LibcryptoMD5 {
    /// The MD5 implementation, fetched once: OpenSSL 3's first fetch is its most expensive call.
    // A fetched EVP_MD is immutable and may be shared between threads (OpenSSL 3 provider docs).
    nonisolated(unsafe) static let algorithm: OpaquePointer = {
        guard let md = EVP_MD_fetch(nil, "MD5", nil) else {
            // Only a libcrypto without its default provider gets here; nothing can be computed then.
            fatalError("libcrypto has no MD5 implementation (is the default provider missing?)")
        }
        return md
    }()

    static func digest(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) {
        precondition(output.count >= MD5.byteCount)
        var length: UInt32 = 0
        // EVP_Digest accepts a NULL data pointer only with a zero length; an empty Swift buffer may have a nil base.
        let rc = withUnsafeBytes(of: 0 as UInt8) { empty in
            EVP_Digest(input.baseAddress ?? empty.baseAddress, input.count, output.baseAddress, &length, algorithm, nil)
        }
        // EVP_Digest fails only when libcrypto cannot allocate a context; there is no input that makes MD5 fail.
        precondition(rc == 1 && length == UInt32(MD5.byteCount), "libcrypto EVP_Digest(MD5) failed")
    }
}

/// One EVP_MD_CTX, reused for many digests (EVP_Digest allocates and frees one per call).
final class LibcryptoDigestContext {
    private let context: OpaquePointer

    init() {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto could not allocate a digest context") }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    func digest(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) {
        var length: UInt32 = 0
        // Only an allocation failure inside libcrypto can make these fail; MD5 accepts any input.
        let ok = EVP_DigestInit_ex(context, LibcryptoMD5.algorithm, nil) == 1
            && (input.isEmpty || EVP_DigestUpdate(context, input.baseAddress, input.count) == 1)
            && EVP_DigestFinal_ex(context, output.baseAddress, &length) == 1
        precondition(ok && length == UInt32(MD5.byteCount), "libcrypto MD5 digest failed")
    }
}

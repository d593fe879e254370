internal import COpenSSL

/// The libcrypto side of ``MD5`` and ``SHA256``: a message digest fetched once, and the pointer code.
struct LibcryptoDigest: @unchecked Sendable {
    // @unchecked: a fetched EVP_MD is immutable and may be shared between threads (OpenSSL 3 provider docs).

    /// MD5, for the vendor's sign.
    static let md5 = LibcryptoDigest(fetching: "MD5", byteCount: MD5.byteCount)
    /// SHA-256, for the tests' checksums.
    static let sha256 = LibcryptoDigest(fetching: "SHA256", byteCount: SHA256.byteCount)

    fileprivate let algorithm: OpaquePointer
    let byteCount: Int

    /// Fetches the implementation once: OpenSSL 3's first fetch is its most expensive call.
    private init(fetching name: String, byteCount: Int) {
        guard let algorithm = EVP_MD_fetch(nil, name, nil) else {
            // Only a libcrypto without its default provider gets here; nothing can be computed then.
            fatalError("libcrypto has no \(name) implementation (is the default provider missing?)")
        }
        self.algorithm = algorithm
        self.byteCount = byteCount
    }

    /// Writes the digest of `input` into the first `byteCount` bytes of `output`.
    func digest(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) {
        precondition(output.count >= byteCount)
        var length: UInt32 = 0
        // EVP_Digest accepts a NULL data pointer only with a zero length; an empty Swift buffer may have a nil base.
        let rc = withUnsafeBytes(of: 0 as UInt8) { empty in
            EVP_Digest(input.baseAddress ?? empty.baseAddress, input.count, output.baseAddress, &length, algorithm, nil)
        }
        // EVP_Digest fails only when libcrypto cannot allocate a context; no input makes a digest fail.
        precondition(rc == 1 && length == UInt32(byteCount), "libcrypto EVP_Digest failed")
    }
}

/// One EVP_MD_CTX, reused for many digests (EVP_Digest allocates and frees one per call).
final class LibcryptoDigestContext {
    private let context: OpaquePointer
    private let digest: LibcryptoDigest

    init(_ digest: LibcryptoDigest) {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto could not allocate a digest context") }
        self.context = context
        self.digest = digest
    }

    deinit { EVP_MD_CTX_free(context) }

    func digest(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) {
        var length: UInt32 = 0
        // Only an allocation failure inside libcrypto can make these fail; a digest accepts any input.
        let ok =
            EVP_DigestInit_ex(context, digest.algorithm, nil) == 1
            && (input.isEmpty || EVP_DigestUpdate(context, input.baseAddress, input.count) == 1)
            && EVP_DigestFinal_ex(context, output.baseAddress, &length) == 1
        precondition(ok && length == UInt32(digest.byteCount), "libcrypto digest failed")
    }
}

/// The SHA-256 digest (FIPS 180-4), computed by libcrypto.
///
/// Package-internal: the vendor's API does not use SHA-256 directly (HMAC and PBKDF2 use it inside libcrypto);
/// the tests use it to check published checksums, such as cyberphone's for its RFC 8785 number sequence.
package enum SHA256 {
    /// The size of a digest in bytes.
    package static let byteCount = 32

    /// The 32-byte digest of `bytes`.
    package static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        digest.withUnsafeMutableBufferPointer { out in
            withContiguousBytes(of: bytes) { input in LibcryptoDigest.sha256.digest(input, into: out) }
        }
        return digest
    }

    /// The digest of `bytes` as 64 lowercase hexadecimal characters.
    package static func hexDigest(_ bytes: some Collection<UInt8>) -> String {
        Hex.encode(hash(bytes))
    }
}

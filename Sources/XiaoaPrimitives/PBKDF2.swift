/// PBKDF2 with HMAC-SHA-256 (RFC 8018 §5.2), computed by libcrypto.
///
/// Used by the stand-in server to store its test accounts' passwords as salted hashes, never as text.
public enum PBKDF2 {
    /// The largest output libcrypto is asked for in one call; far more than any password hash needs.
    public static let maxByteCount = 1024

    /// The `byteCount`-byte key derived from `password` and `salt` with `iterations` rounds of HMAC-SHA-256.
    ///
    /// ```swift
    /// try PBKDF2.sha256(password: Array("password".utf8), salt: Array("salt".utf8), iterations: 1, byteCount: 32)
    /// // 120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b  (RFC 7914 §11)
    /// ```
    ///
    /// - Throws: ``PrimitiveError`` when `iterations` is not positive, `byteCount` is outside
    ///   `1...maxByteCount`, an input is too long for libcrypto's `int` lengths, or libcrypto refuses.
    public static func sha256(
        password: some Collection<UInt8>, salt: some Collection<UInt8>, iterations: Int, byteCount: Int
    ) throws(PrimitiveError) -> [UInt8] {
        // libcrypto takes these as C ints; checked here so a conversion can never trap or wrap.
        guard iterations > 0, iterations <= Int(Int32.max) else {
            throw PrimitiveError("PBKDF2 needs 1...\(Int32.max) iterations, got \(iterations)")
        }
        guard (1...maxByteCount).contains(byteCount) else {
            throw PrimitiveError("PBKDF2 output must be 1...\(maxByteCount) bytes, got \(byteCount)")
        }
        guard password.count <= Int(Int32.max), salt.count <= Int(Int32.max) else {
            throw PrimitiveError("PBKDF2 input too long")
        }
        var output = [UInt8](repeating: 0, count: byteCount)
        let ok = output.withUnsafeMutableBufferPointer { out in
            withContiguousBytes(of: password) { passwordBytes in
                withContiguousBytes(of: salt) { saltBytes in
                    LibcryptoPBKDF2.sha256(password: passwordBytes, salt: saltBytes, iterations: iterations, into: out)
                }
            }
        }
        guard ok else { throw PrimitiveError("libcrypto PKCS5_PBKDF2_HMAC failed") }
        return output
    }
}

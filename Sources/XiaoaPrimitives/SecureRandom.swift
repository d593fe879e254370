/// Random bytes from libcrypto's cryptographically secure generator (`RAND_bytes`).
public enum SecureRandom {
    /// `count` random bytes.
    ///
    /// - Throws: ``PrimitiveError`` when libcrypto's generator is not seeded or refuses.
    public static func bytes(count: Int) throws(PrimitiveError) -> [UInt8] {
        guard count >= 0, count <= Int(Int32.max) else { throw PrimitiveError("cannot make \(count) random bytes") }
        var bytes = [UInt8](repeating: 0, count: count)
        guard count == 0 || bytes.withUnsafeMutableBufferPointer({ LibcryptoRandom.fill($0) }) else {
            throw PrimitiveError("libcrypto RAND_bytes failed")
        }
        return bytes
    }
}

/// AES-128 in CBC mode without padding, computed by libcrypto.
///
/// Padding is the caller's job (see the password cipher, which removes PKCS#7 in constant time);
/// this type only chains whole 16-byte blocks.
public struct AES128CBC {
    /// The AES block size in bytes.
    public static let blockSize = 16
    /// The AES-128 key size in bytes.
    public static let keySize = 16

    private let context: LibcryptoCipherContext

    /// A reusable AES-128-CBC context. Copies share it, so keep each one on a single thread at a time;
    /// reuse it in loops, where creating a context would be the expensive part.
    public init() throws(PrimitiveError) {
        context = try LibcryptoCipherContext(keyBytes: Self.keySize)
    }

    /// Encrypts whole blocks (`input.count` a multiple of 16) with `key` and `iv` (16 bytes each).
    public func encrypt(
        _ input: some Collection<UInt8>, key: some Collection<UInt8>, iv: some Collection<UInt8>
    ) throws(PrimitiveError) -> [UInt8] {
        try crypt(input, key: key, iv: iv, encrypt: true)
    }

    /// Decrypts whole blocks (`input.count` a multiple of 16) with `key` and `iv` (16 bytes each).
    public func decrypt(
        _ input: some Collection<UInt8>, key: some Collection<UInt8>, iv: some Collection<UInt8>
    ) throws(PrimitiveError) -> [UInt8] {
        try crypt(input, key: key, iv: iv, encrypt: false)
    }

    /// Encrypts or decrypts `input` into `output` (same length), without allocating.
    public func crypt(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
        key: UnsafeRawBufferPointer, iv: UnsafeRawBufferPointer, encrypt: Bool
    ) throws(PrimitiveError) {
        try validateCBC(input, output: output, key: key, iv: iv, keySize: Self.keySize)
        try context.crypt(input, into: output, key: key, iv: iv, encrypt: encrypt)
    }

    private func crypt(
        _ input: some Collection<UInt8>, key: some Collection<UInt8>, iv: some Collection<UInt8>, encrypt: Bool
    ) throws(PrimitiveError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: input.count)
        let result: Result<Void, PrimitiveError> = output.withUnsafeMutableBytes { out in
            withContiguousBytes(of: input) { inBytes in
                withContiguousBytes(of: key) { keyBytes in
                    withContiguousBytes(of: iv) { ivBytes in
                        Result { () throws(PrimitiveError) in
                            try self.crypt(inBytes, into: out, key: keyBytes, iv: ivBytes, encrypt: encrypt)
                        }
                    }
                }
            }
        }
        try result.get()
        return output
    }
}

/// Checked before calling libcrypto, so that it never reads past a short key or IV or writes past the output.
func validateCBC(
    _ input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, key: UnsafeRawBufferPointer,
    iv: UnsafeRawBufferPointer, keySize: Int
) throws(PrimitiveError) {
    guard key.count == keySize else {
        throw PrimitiveError("AES-\(keySize * 8) needs a \(keySize)-byte key, got \(key.count) bytes")
    }
    guard iv.count == AES128CBC.blockSize else {
        throw PrimitiveError("AES-CBC needs a 16-byte IV, got \(iv.count) bytes")
    }
    guard input.count % AES128CBC.blockSize == 0 else {
        throw PrimitiveError("AES-CBC input must be whole 16-byte blocks, got \(input.count) bytes")
    }
    guard input.count <= Int(Int32.max) - AES128CBC.blockSize else {
        throw PrimitiveError("AES-CBC input too large for one call")
    }
    guard output.count >= input.count else { throw PrimitiveError("AES-CBC output buffer too small") }
}

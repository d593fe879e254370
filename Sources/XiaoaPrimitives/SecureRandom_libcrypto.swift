internal import COpenSSL

/// The libcrypto side of ``SecureRandom``.
enum LibcryptoRandom {
    /// Fills `buffer` (not empty, at most `Int32.max` bytes, checked by the caller).
    static func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        RAND_bytes(buffer.baseAddress, Int32(buffer.count)) == 1
    }
}

internal import COpenSSL

/// The libcrypto side of ``PassphraseKeyDerivation``.
enum LibcryptoBytesToKey {
    static func derive(passphrase: [UInt8], salt: [UInt8]) throws(PrimitiveError) -> (key: [UInt8], iv: [UInt8]) {
        var key = [UInt8](repeating: 0, count: 32)
        var iv = [UInt8](repeating: 0, count: 16)
        let written = key.withUnsafeMutableBufferPointer { k in
            iv.withUnsafeMutableBufferPointer { v in
                salt.withUnsafeBufferPointer { s in
                    passphrase.withUnsafeBufferPointer { p in
                        EVP_BytesToKey(
                            EVP_aes_256_cbc(), EVP_md5(), s.baseAddress, p.baseAddress, Int32(p.count), 1,
                            k.baseAddress, v.baseAddress)
                    }
                }
            }
        }
        guard written == 32 else { throw PrimitiveError("libcrypto EVP_BytesToKey failed") }
        return (key, iv)
    }
}

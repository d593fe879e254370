/// AES-256 in CBC mode without padding, decryption only, computed by libcrypto.
///
/// The API itself uses AES-128; this exists for diagnosis, to recognise values made by tools that derive a
/// 256-bit key from a passphrase (CryptoJS, `openssl enc`).
public struct AES256CBC {
    /// The AES-256 key size in bytes.
    public static let keySize = 32

    private let context: LibcryptoCipherContext

    public init() throws(PrimitiveError) {
        context = try LibcryptoCipherContext(keyBytes: Self.keySize)
    }

    /// Decrypts whole blocks with a 32-byte `key` and a 16-byte `iv`; padding stays on.
    public func decrypt(_ input: [UInt8], key: [UInt8], iv: [UInt8]) throws(PrimitiveError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: input.count)
        let result: Result<Void, PrimitiveError> = output.withUnsafeMutableBytes { out in
            input.withUnsafeBytes { inBytes in
                key.withUnsafeBytes { keyBytes in
                    iv.withUnsafeBytes { ivBytes in
                        Result { () throws(PrimitiveError) in
                            try validateCBC(inBytes, output: out, key: keyBytes, iv: ivBytes, keySize: Self.keySize)
                            try context.crypt(inBytes, into: out, key: keyBytes, iv: ivBytes, encrypt: false)
                        }
                    }
                }
            }
        }
        try result.get()
        return output
    }
}

/// OpenSSL's passphrase key derivation, `EVP_BytesToKey` with MD5 and one iteration, as `openssl enc` and
/// CryptoJS use it for AES-256-CBC.
public enum PassphraseKeyDerivation {
    /// The 32-byte key and 16-byte IV that `passphrase` and an 8-byte `salt` give.
    public static func aes256CBCKeyAndIV(passphrase: [UInt8], salt: [UInt8]) throws(PrimitiveError) -> (
        key: [UInt8], iv: [UInt8]
    ) {
        guard salt.count == 8 else {
            throw PrimitiveError("EVP_BytesToKey needs an 8-byte salt, got \(salt.count) bytes")
        }
        return try LibcryptoBytesToKey.derive(passphrase: passphrase, salt: salt)
    }
}

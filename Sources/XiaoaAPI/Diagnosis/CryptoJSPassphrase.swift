internal import XiaoaPrimitives

/// CryptoJS's (and `openssl enc`'s) passphrase format: `"Salted__"`, an 8-byte salt, then AES-256-CBC with a
/// key and IV derived from the passphrase by OpenSSL's EVP_BytesToKey with MD5 and one iteration.
///
/// `CryptoJS.AES.encrypt(text, "xiaoa")` treats a *string* key as a passphrase and produces this, always
/// starting `U2FsdGVkX1` in base64 — a frequent mistake for the API's raw-key AES-128-CBC.
enum CryptoJSPassphrase {
    /// The 8 bytes that open the format.
    static let magic: [UInt8] = Array("Salted__".utf8)

    /// Whether `bytes` has the format's shape: magic, salt, whole AES blocks.
    static func matches(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 32 && bytes.starts(with: magic) && (bytes.count - 16) % 16 == 0
    }

    /// The padded plaintext of a passphrase-format value (PKCS#7 still on), or nil when it has not the shape.
    static func decryptRaw(_ bytes: [UInt8], passphrase: [UInt8]) -> [UInt8]? {
        guard matches(bytes) else { return nil }
        guard
            let (key, iv) = try? PassphraseKeyDerivation.aes256CBCKeyAndIV(
                passphrase: passphrase, salt: Array(bytes[8..<16])),
            let aes = try? AES256CBC()
        else { return nil }
        return try? aes.decrypt(Array(bytes[16...]), key: key, iv: iv)
    }
}

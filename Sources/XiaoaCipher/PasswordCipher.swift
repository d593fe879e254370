internal import XiaoaPrimitives

/// The password cipher of the Xiao A API: AES-128-CBC, PKCS#7 padding, standard base64.
///
/// The vendor fixes the key text `xiaoa` and the IV `1234567890123456`. AES-128 needs a 16-byte key, and
/// the vendor's PHP (`openssl_encrypt($p, 'AES-128-CBC', 'xiaoa', 0, $iv)`) zero-pads a short key, so the
/// key bytes are `78 69 61 6f 61` followed by eleven zero bytes.
///
/// ```swift
/// try PasswordCipher.vendor.encrypt(base64: "123456")   // "HHAEEXzBXY4FmXo0mOQ8Hw=="
/// ```
///
/// A value holds one libcrypto context: use one per thread.
public struct PasswordCipher {
    /// The vendor's key text.
    public static let vendorKeyText = "xiaoa"
    /// The vendor's IV text.
    public static let vendorIVText = "1234567890123456"

    /// The effective 16-byte AES key.
    public let key: [UInt8]
    /// The 16-byte IV.
    public let iv: [UInt8]
    let aes: AES128CBC
    // The key and IV as raw buffers that live as long as the cipher, for the allocation-free paths.
    let keyBytes: UnsafeRawBufferPointer
    let ivBytes: UnsafeRawBufferPointer
    private let storage: KeyStorage

    /// A cipher with the vendor's key and IV.
    public static var vendor: PasswordCipher {
        // Cannot fail: the material is fixed and of the right size; only libcrypto allocation could.
        try! PasswordCipher(key: .text(vendorKeyText), iv: .text(vendorIVText))
    }

    /// A cipher with the given key and IV material.
    ///
    /// - Throws: ``PasswordCipherError`` when hex material is not exactly 16 bytes.
    public init(key: KeyMaterial = .text(vendorKeyText), iv: KeyMaterial = .text(vendorIVText))
        throws(PasswordCipherError)
    {
        self.key = try key.bytes(role: "key")
        self.iv = try iv.bytes(role: "IV")
        do { aes = try AES128CBC() } catch { throw PasswordCipherError(.libcrypto, detail: error.reason) }
        storage = KeyStorage(key: self.key, iv: self.iv)
        keyBytes = UnsafeRawBufferPointer(storage.key)
        ivBytes = UnsafeRawBufferPointer(storage.iv)
    }

    // MARK: - Encryption

    /// The ciphertext of `plaintext`: PKCS#7-padded, then AES-128-CBC.
    public func encrypt(_ plaintext: some Collection<UInt8>) -> [UInt8] {
        let padded = PKCS7.padded(plaintext)
        do {
            return try aes.encrypt(padded, key: key, iv: iv)
        } catch {
            // Sizes are correct by construction; libcrypto failing here is a broken installation.
            preconditionFailure("AES-128-CBC encryption failed: \(error)")
        }
    }

    /// The standard base64 ciphertext of the UTF-8 bytes of `plaintext`, as PHP's `openssl_encrypt` returns it.
    public func encrypt(base64 plaintext: String) -> String {
        Base64Strict.encode(encrypt(Array(plaintext.utf8)))
    }

    // MARK: - Decryption

    /// The plaintext of a raw ciphertext.
    ///
    /// - Throws: ``PasswordCipherError`` with code `.invalidLength` when the ciphertext is not a positive
    ///   multiple of 16 bytes, and `.decryptionFailed` — one error for every padding failure, so that
    ///   callers cannot become a padding oracle — when the PKCS#7 padding does not check out.
    public func decrypt(_ ciphertext: some Collection<UInt8>) throws(PasswordCipherError) -> [UInt8] {
        guard !ciphertext.isEmpty, ciphertext.count % AES128CBC.blockSize == 0 else {
            throw PasswordCipherError(.invalidLength, detail: "\(ciphertext.count) bytes")
        }
        let padded: [UInt8]
        do { padded = try aes.decrypt(ciphertext, key: key, iv: iv) } catch {
            throw PasswordCipherError(.libcrypto, detail: error.reason)
        }
        guard let plaintext = PKCS7.removingPaddingConstantTime(padded) else {
            throw PasswordCipherError(.decryptionFailed)
        }
        return plaintext
    }

    /// The plaintext bytes of a standard base64 ciphertext.
    ///
    /// - Throws: ``PasswordCipherError`` `.invalidBase64` for text that is not strict standard base64,
    ///   then the errors of ``decrypt(_:)``.
    public func decrypt(base64 text: some StringProtocol) throws(PasswordCipherError) -> [UInt8] {
        try decrypt(Base64Strict.decode(text))
    }

    /// The padded block(s) and ciphertext of `plaintext`, for `--explain`.
    public func explain(_ plaintext: some Collection<UInt8>) -> CipherSteps {
        let ciphertext = encrypt(plaintext)
        return CipherSteps(
            key: key, iv: iv, plaintext: Array(plaintext), padded: PKCS7.padded(plaintext),
            ciphertext: ciphertext, base64: Base64Strict.encode(ciphertext))
    }
}

/// Key and IV copies at stable addresses, freed with the last cipher that uses them.
final class KeyStorage {
    let key: UnsafeMutableBufferPointer<UInt8>
    let iv: UnsafeMutableBufferPointer<UInt8>

    init(key: [UInt8], iv: [UInt8]) {
        self.key = .allocate(capacity: key.count)
        _ = self.key.initialize(from: key)
        self.iv = .allocate(capacity: iv.count)
        _ = self.iv.initialize(from: iv)
    }

    deinit {
        // Keys are secrets: wipe before freeing.
        key.update(repeating: 0)
        key.deallocate()
        iv.deallocate()
    }
}

/// The values of one password-cipher computation.
public struct CipherSteps: Sendable, Equatable {
    /// The effective 16-byte key.
    public let key: [UInt8]
    /// The 16-byte IV.
    public let iv: [UInt8]
    /// The plaintext bytes.
    public let plaintext: [UInt8]
    /// The plaintext with PKCS#7 padding, whole 16-byte blocks.
    public let padded: [UInt8]
    /// The raw ciphertext.
    public let ciphertext: [UInt8]
    /// The ciphertext in standard base64.
    public let base64: String
}

/// Why the password cipher refused an input.
///
/// Padding failures all share one code, ``Code/decryptionFailed``, by design; the command-line tool's
/// diagnosis may then explain at length what probably went wrong, but the library never says which byte did.
public struct PasswordCipherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, comparable.
    public enum Code: Sendable, Equatable {
        /// The text is not strict standard base64.
        case invalidBase64
        /// The ciphertext is empty or not a multiple of the 16-byte block.
        case invalidLength
        /// The padding did not check out: wrong key or IV, or a damaged ciphertext.
        case decryptionFailed
        /// A hex or raw key/IV is not exactly 16 bytes.
        case invalidKeyMaterial
        /// libcrypto refused (allocation failure or a broken installation).
        case libcrypto
    }

    /// The kind of failure.
    public let code: Code
    /// Details that are safe to show (never key, IV or plaintext bytes).
    public let detail: String

    public init(_ code: Code, detail: String = "") {
        self.code = code
        self.detail = detail
    }

    public var description: String {
        let base: String
        switch code {
        case .invalidBase64: base = "ciphertext is not valid base64"
        case .invalidLength: base = "ciphertext length is not a positive multiple of 16 bytes"
        case .decryptionFailed: base = "decryption failed: bad padding (wrong key or IV, or a damaged ciphertext)"
        case .invalidKeyMaterial: base = "invalid key or IV"
        case .libcrypto: base = "libcrypto failed"
        }
        return detail.isEmpty ? base : "\(base): \(detail)"
    }
}

internal import XiaoaPrimitives

/// How a key or IV is given: as text with PHP's semantics, or as exactly 16 bytes in hex.
public enum KeyMaterial: Sendable, Equatable {
    /// Text whose UTF-8 bytes are zero-padded to 16, or truncated to 16, as PHP's `openssl_encrypt` does.
    case text(String)
    /// Exactly 16 bytes, spelled in hex (32 digits).
    case hex(String)
    /// Exactly 16 raw bytes.
    case bytes([UInt8])

    /// The effective 16 bytes.
    ///
    /// - Throws: ``PasswordCipherError`` `.invalidKeyMaterial` when hex or raw bytes are not exactly 16 bytes.
    public func bytes(role: String = "key") throws(PasswordCipherError) -> [UInt8] {
        switch self {
        case .text(let text):
            return Self.phpPadded(Array(text.utf8))
        case .hex(let text):
            let bytes: [UInt8]
            do { bytes = try Hex.decode(text) } catch {
                throw PasswordCipherError(.invalidKeyMaterial, detail: "\(role) hex: \(error.reason)")
            }
            guard bytes.count == 16 else {
                throw PasswordCipherError(
                    .invalidKeyMaterial,
                    detail: "\(role) hex must be exactly 16 bytes (32 hex digits), got \(bytes.count) bytes")
            }
            return bytes
        case .bytes(let bytes):
            guard bytes.count == 16 else {
                throw PasswordCipherError(
                    .invalidKeyMaterial, detail: "\(role) must be exactly 16 bytes, got \(bytes.count)")
            }
            return bytes
        }
    }

    /// Whether text material is not already 16 bytes, so PHP would pad or cut it (worth a warning).
    public var isAdjusted: Bool {
        if case .text(let text) = self { return text.utf8.count != 16 }
        return false
    }

    /// PHP's treatment of a text key for a 16-byte cipher key: zero-pad when shorter, keep the first 16 bytes when
    /// longer.
    public static func phpPadded(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.count >= 16 { return Array(bytes.prefix(16)) }
        return bytes + [UInt8](repeating: 0, count: 16 - bytes.count)
    }
}

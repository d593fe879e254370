/// HMAC with SHA-256 (RFC 2104, FIPS 198-1), computed by libcrypto's EVP_MAC.
///
/// The stand-in server signs its login tokens with it. For many codes under one key, make a ``Key`` once:
/// it keeps a libcrypto context prepared with the key, so each code skips libcrypto's per-init algorithm fetch
/// (which takes a global lock in OpenSSL 3 and dominated the cost of a code under concurrent use).
public enum HMACSHA256 {
    /// The size of an authentication code in bytes.
    public static let byteCount = 32

    /// The 32-byte authentication code of `message` under `key`.
    ///
    /// - Throws: ``PrimitiveError`` when libcrypto refuses (an allocation failure or a missing provider).
    public static func authenticationCode(
        for message: some Collection<UInt8>, key: some Collection<UInt8>
    ) throws(PrimitiveError) -> [UInt8] {
        try Key(key).authenticationCode(for: message)
    }

    /// Whether `code` is the authentication code of `message` under `key`, compared in constant time.
    public static func isValid(
        _ code: some Collection<UInt8>, for message: some Collection<UInt8>, key: some Collection<UInt8>
    ) -> Bool {
        guard let expected = try? authenticationCode(for: message, key: key) else { return false }
        return ConstantTime.equals(code, expected)
    }

    /// A key prepared once, for many codes; safe to share between threads (its context is only ever copied).
    public final class Key: Sendable {
        private let template: LibcryptoHMACTemplate

        /// Prepares `key` (any length; HMAC hashes keys longer than the block).
        public init(_ key: some Collection<UInt8>) throws(PrimitiveError) {
            let prepared: Result<LibcryptoHMACTemplate, PrimitiveError> = withContiguousBytes(of: key) { bytes in
                Result { () throws(PrimitiveError) in try LibcryptoHMACTemplate(key: bytes) }
            }
            template = try prepared.get()
        }

        /// The 32-byte authentication code of `message`.
        public func authenticationCode(for message: some Collection<UInt8>) throws(PrimitiveError) -> [UInt8] {
            var code = [UInt8](repeating: 0, count: byteCount)
            let result: Result<Void, PrimitiveError> = code.withUnsafeMutableBufferPointer { out in
                withContiguousBytes(of: message) { messageBytes in
                    Result { () throws(PrimitiveError) in try template.code(messageBytes, into: out) }
                }
            }
            try result.get()
            return code
        }

        /// Whether `code` is the authentication code of `message`, compared in constant time.
        public func isValid(_ code: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
            guard let expected = try? authenticationCode(for: message) else { return false }
            return ConstantTime.equals(code, expected)
        }
    }
}

internal import XiaoaCipher
internal import XiaoaPrimitives

/// Salted PBKDF2-HMAC-SHA-256 password hashes, as the stand-in stores them:
/// `pbkdf2-sha256$ROUNDS$SALT$HASH`, salt (16 random bytes) and hash (32 bytes) in standard base64.
///
/// The rounds are part of each stored hash, so raising ``defaultIterations`` (or `--pbkdf2-iterations`) later
/// keeps old hashes verifiable.
public enum PasswordHash {
    /// 10,000 rounds: about 4 ms per check on the machines this project runs on. The stand-in holds test
    /// accounts and must take thousands of `/assoc/add` calls a second in load tests; a production store would
    /// use far more (OWASP suggests 600,000 for PBKDF2-HMAC-SHA-256).
    public static let defaultIterations = 10_000
    static let scheme = "pbkdf2-sha256"
    static let saltByteCount = 16
    static let hashByteCount = 32

    /// A new salted hash of `password`.
    public static func make(password: some Collection<UInt8>, iterations: Int = defaultIterations) throws(ServerError)
        -> String
    {
        do {
            let salt = try SecureRandom.bytes(count: saltByteCount)
            let hash = try PBKDF2.sha256(
                password: password, salt: salt, iterations: iterations, byteCount: hashByteCount)
            return "\(scheme)$\(iterations)$\(Base64Strict.encode(salt))$\(Base64Strict.encode(hash))"
        } catch {
            throw ServerError(.internalFailure, "cannot hash a password: \(error)")
        }
    }

    /// Whether `password` is the one `stored` was made from; the hashes are compared in constant time.
    /// A stored value that is not in this format never matches.
    public static func verify(password: some Collection<UInt8>, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let iterations = Int(parts[1]), iterations > 0,
            let salt = try? Base64Strict.decode(parts[2]), let expected = try? Base64Strict.decode(parts[3]),
            !expected.isEmpty,
            let actual = try? PBKDF2.sha256(
                password: password, salt: salt, iterations: iterations, byteCount: expected.count)
        else { return false }
        return ConstantTime.equals(actual, expected)
    }
}

internal import XiaoaCipher
internal import XiaoaPrimitives
internal import XiaoaSigning

/// The login tokens of `/assoc/login`: `EXPIRES.CUSER.MAC`, checkable again by the server that issued them.
///
/// - `EXPIRES`: Unix seconds after which the token is refused;
/// - `CUSER`: the customer-system user name, UTF-8 in base64url without padding;
/// - `MAC`: HMAC-SHA-256 (libcrypto) under a per-server secret of 32 random bytes, over
///   `xiaoa-login-v1\n EXPIRES \n c_username \n user_name`, in base64url without padding.
///
/// The Xiao A user name is in the MAC but not in the token: a check looks the binding up again, so a token
/// dies with its binding. The secret lives in the database (`settings`), so with `--db` tokens survive a restart.
/// All three parts use only URL-safe characters, so the token goes into the URL's query unescaped.
struct LoginTokens: Sendable {
    let key: HMACSHA256.Key
    let lifetime: Int64

    init(secret: [UInt8], lifetime: Int64) throws(ServerError) {
        do { key = try HMACSHA256.Key(secret) } catch {
            throw ServerError(.internalFailure, "cannot prepare the token key: \(error)")
        }
        self.lifetime = lifetime
    }

    /// The outcome of checking a token.
    enum Check: Equatable {
        case valid(cUsername: String, expires: Int64)
        case malformed
        case expired(cUsername: String, secondsAgo: Int64)
        case noBinding(cUsername: String)
        case badMAC
    }

    func issue(cUsername: String, userName: String, now: Int64) throws(ServerError) -> String {
        let expires = now + lifetime
        let mac: [UInt8]
        do {
            mac = try key.authenticationCode(
                for: Self.message(expires: expires, cUsername: cUsername, userName: userName))
        } catch {
            throw ServerError(.internalFailure, "cannot sign a login token: \(error)")
        }
        return "\(expires).\(Base64URL.encode(Array(cUsername.utf8))).\(Base64URL.encode(mac))"
    }

    /// The parts of a token, without checking its MAC.
    static func parse(_ token: String) -> (expires: Int64, cUsername: String, mac: [UInt8])? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let expires = TimestampCheck.parseUnixSeconds(parts[0]),
            let nameBytes = Base64URL.decode(parts[1]), let cUsername = String(validating: nameBytes, as: UTF8.self),
            let mac = Base64URL.decode(parts[2]), mac.count == HMACSHA256.byteCount
        else { return nil }
        return (expires, cUsername, mac)
    }

    /// Checks `token` given the user name its binding has now (nil: no binding).
    func check(_ token: String, userName: (String) async throws -> String?, now: Int64) async rethrows -> Check {
        guard let parts = Self.parse(token) else { return .malformed }
        guard let bound = try await userName(parts.cUsername) else { return .noBinding(cUsername: parts.cUsername) }
        guard
            key.isValid(
                parts.mac, for: Self.message(expires: parts.expires, cUsername: parts.cUsername, userName: bound))
        else { return .badMAC }
        guard parts.expires >= now else { return .expired(cUsername: parts.cUsername, secondsAgo: now - parts.expires) }
        return .valid(cUsername: parts.cUsername, expires: parts.expires)
    }

    static func message(expires: Int64, cUsername: String, userName: String) -> [UInt8] {
        Array("xiaoa-login-v1\n\(expires)\n\(cUsername)\n\(userName)".utf8)
    }
}

/// base64url without padding (RFC 4648 §5), over the project's strict standard base64.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        var text = Base64Strict.encode(bytes)
        while text.hasSuffix("=") { text.removeLast() }
        return String(text.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }

    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        guard !text.contains(where: { $0 == "+" || $0 == "/" || $0 == "=" }) else { return nil }
        var standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        switch standard.utf8.count % 4 {
        case 2: standard += "=="
        case 3: standard += "="
        case 1: return nil
        default: break
        }
        return try? Base64Strict.decode(standard)
    }
}

/// The sentences of the stand-in server's own findings (ids `server.*`): rejections decided by its data (users,
/// bindings, login tokens) or its transport, after the request verifier accepted the protocol.
///
/// The one catalogue of these texts: the server's answers, its log and `--explain` take them from here.
public enum ServerFinding {
    public static func unknownUser(_ userName: String) -> Finding {
        server(
            .unknownUser, "no Xiao A user named \"\(userName)\"",
            fix: "create the test account: xiaoa-crypto serve users add \(userName) --db PATH")
    }

    /// `cUsername` has no binding (to `userName`, when one was named).
    public static func noBinding(_ cUsername: String, to userName: String?) -> Finding {
        let to = userName.map { " to Xiao A user \"\($0)\"" } ?? ""
        return server(
            .noBinding, "c_username \"\(cUsername)\" is not bound" + to, fix: "bind it first through /assoc/add")
    }

    public static func duplicateBinding(_ cUsername: String) -> Finding {
        server(
            .duplicateBinding, "c_username \"\(cUsername)\" is bound already",
            fix: "remove the binding first (/assoc/delete), or bind another c_username")
    }

    public static func noCUsername() -> Finding {
        server(
            .noCUsername, "no c_username: there is no binding to log in through",
            fix: "send the c_username of a bound customer-system user")
    }

    /// `field` decrypted fine but is not the password of `userName`.
    public static func wrongPassword(field: String, userName: String) -> Finding {
        server(
            .wrongPassword, "\(field) decrypts, but not to the password of Xiao A user \"\(userName)\"",
            fix: "send the account's current password, encrypted with the vendor's key and IV")
    }

    public static func oldPasswordMismatch(_ cUsername: String) -> Finding {
        server(
            .oldPasswordMismatch, "old_pwd is not the password the binding of \"\(cUsername)\" holds",
            fix: "send as old_pwd the password given when binding (or at the last update)")
    }

    public static func newPasswordMismatch(_ userName: String) -> Finding {
        server(
            .newPasswordMismatch,
            "new_pwd is not the current password of Xiao A user \"\(userName)\" in the user table",
            fix: "change the Xiao A password first (serve users passwd NAME), "
                + "then call /assoc/update with it as new_pwd")
    }

    public static func passwordChangedMeanwhile(_ userName: String) -> Finding {
        server(
            .passwordChangedMeanwhile, "the password of \"\(userName)\" changed while this request was checked",
            fix: "send the request again with the current password")
    }

    public static func bindingChangedMeanwhile(_ cUsername: String) -> Finding {
        server(
            .bindingChangedMeanwhile, "the binding of \"\(cUsername)\" changed while this request was checked",
            fix: "send the request again")
    }

    public static func noToken() -> Finding {
        server(.noToken, "no token in the query", fix: "open the url that /assoc/login answered")
    }

    public static func tokenMalformed() -> Finding {
        server(
            .tokenMalformed, "the token is not EXPIRES.CUSER.MAC",
            fix: "pass the token exactly as /assoc/login answered it")
    }

    public static func tokenForged() -> Finding {
        server(
            .tokenForged, "the token was not issued by this server (or its database)",
            fix: "log in again through /assoc/login")
    }

    public static func tokenExpired(secondsAgo: Int64) -> Finding {
        server(.tokenExpired, "the token expired \(secondsAgo) s ago", fix: "log in again through /assoc/login")
    }

    public static func bodyUnreadable(limit: Int) -> Finding {
        server(
            .bodyUnreadable, "the body could not be read or is larger than \(limit) bytes",
            fix: "send one JSON object of a few hundred bytes")
    }

    public static func notPost(method: String, path: String) -> Finding {
        server(.notPost, "\(method) \(path): the API takes POST only", fix: "send the request as POST with a JSON body")
    }

    public static func internalError(_ errorType: String) -> Finding {
        server(.internalError, "an unexpected \(errorType) while answering", fix: "see the server's stderr; report it")
    }

    /// The one mistake the server can still name about a password that decrypted but is not the stored one,
    /// without knowing the password: a line end at its end (`cipher.trailingNewline`, the diagnosis's sentence).
    /// `matches` tells whether the password without its line end is the stored one.
    public static func trailingNewline(field: String, password: [UInt8], matches: ([UInt8]) -> Bool) -> [Finding] {
        var trimmed = password
        while let last = trimmed.last, last == 0x0a || last == 0x0d { trimmed.removeLast() }
        guard trimmed.count != password.count, matches(trimmed) else { return [] }
        let lineEnd = String(decoding: password[trimmed.count...], as: UTF8.self)
        return [CipherFindings.trailingNewline(lineEnd, field: field)]
    }

    /// The sentence of `id` for a given finding (every server id has one; the tests check them all).
    static func server(_ id: FindingID.Server, _ summary: String, fix: String) -> Finding {
        Finding(id: .server(id), summary: summary, fix: fix)
    }
}

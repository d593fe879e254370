internal import XiaoaAPI
internal import XiaoaJSON
internal import XiaoaPrimitives

/// The stand-in's rules: the request verifier of XiaoaAPI (the same one `verify request` uses), then the
/// SQLite store. Every rejection is thrown as a ``VendorRejection``; every success is returned as an answer.
final class StandIn: Sendable {
    let store: Store
    let domainKeys: Set<String>
    let maxSkew: Int64?
    let tokens: LoginTokens
    let loginBaseURL: String
    let explain: Bool
    let now: @Sendable () -> Int64

    init(store: Store, domainKeys: Set<String>, configuration: ServerConfiguration, tokenSecret: [UInt8], loginBaseURL: String) throws(ServerError) {
        self.store = store
        self.domainKeys = domainKeys
        self.maxSkew = configuration.maxSkew
        self.tokens = try LoginTokens(secret: tokenSecret, lifetime: configuration.tokenLifetime)
        self.loginBaseURL = loginBaseURL
        self.explain = configuration.explain
        self.now = configuration.now
    }

    /// The answer to a POST of `body` to `endpoint`.
    func answer(_ endpoint: Endpoint, body: [UInt8], note: RequestNote) async throws -> VendorAnswer {
        let now = self.now()
        // A verifier per request: its password cipher holds a libcrypto context that must not be shared.
        let verdict = RequestVerifier(domainKeys: domainKeys, maxSkew: maxSkew).verify(body, endpoint: endpoint, now: now)
        note.record { state in
            state.domainKey = verdict.domainKey
            state.secrets = [verdict.domainKey, verdict.sign].compactMap { $0 }
                + endpoint.fields.filter(\.isPassword).compactMap { verdict.fields[$0.name] }
            state.cUsername = verdict.fields["c_username"]
            state.userName = verdict.fields["user_name"]
        }
        guard verdict.isAccepted else {
            if let failure = verdict.failure, endpoint.fields.contains(where: { $0.isPassword && $0.name == failure.name }) {
                // The ciphertext that failed is a secret too; verdict.fields is only filled on success.
                let texts = endpoint.fields.filter(\.isPassword).compactMap { RequestDiagnosis.stringField($0.name, in: body) }
                note.record { $0.secrets += texts }
            }
            let findings = ServerFindings.forVerdict(verdict, body: body, now: now, maxSkew: maxSkew)
            throw VendorRejection(verdict.code, findings, explanation: explanation(verdict, findings: findings))
        }
        switch endpoint {
        case .add: return try await add(verdict, now: now)
        case .login: return try await login(verdict, now: now)
        case .delete: return try await delete(verdict)
        case .update: return try await update(verdict, now: now)
        }
    }

    // MARK: - Endpoints

    private func add(_ verdict: RequestVerdict, now: Int64) async throws -> VendorAnswer {
        let userName = verdict.fields["user_name"]!, cUsername = verdict.fields["c_username"]!
        let password = verdict.passwords["password"]!
        guard let user = try await store.user(named: userName) else {
            throw reject(verdict, .unknownUser, [Self.unknownUser(userName)])
        }
        guard PasswordHash.verify(password: password, against: user.passwordHash) else {
            throw reject(verdict, .wrongPassword, wrongPassword("password", password, of: userName, hash: user.passwordHash))
        }
        switch try await store.addBinding(cUsername: cUsername, userName: userName, verifiedHash: user.passwordHash, now: now) {
        case .done:
            return .ok(.add)
        case .conflict:
            throw reject(verdict, .duplicateAssociation, [ServerFindings.server(
                "duplicateBinding", "c_username \"\(cUsername)\" is bound already",
                fix: "remove the binding first (/assoc/delete), or bind another c_username")])
        case .passwordChanged:
            throw reject(verdict, .wrongPassword, [Self.passwordChangedMeanwhile(userName)])
        }
    }

    private func login(_ verdict: RequestVerdict, now: Int64) async throws -> VendorAnswer {
        let cUsername = verdict.fields["c_username"] ?? ""
        guard !cUsername.isEmpty else {
            throw reject(verdict, .unknownUser, [ServerFindings.server(
                "noCUsername", "no c_username: there is no binding to log in through",
                fix: "send the c_username of a bound customer-system user")])
        }
        guard let userName = try store.boundUser(of: cUsername) else {
            throw reject(verdict, .unknownUser, [Self.notBound(cUsername, to: nil)])
        }
        let token = try tokens.issue(cUsername: cUsername, userName: userName, now: now)
        let redirect = verdict.fields["redirect"] ?? ""
        let separator = loginBaseURL.contains("?") ? "&" : "?"
        let url = loginBaseURL + separator + (redirect.isEmpty ? "" : "Redirect=\(redirect)&") + "token=\(token)"
        return .ok(.login, data: .ordered([("url", .string(url))]))
    }

    private func delete(_ verdict: RequestVerdict) async throws -> VendorAnswer {
        let userName = verdict.fields["user_name"]!, cUsername = verdict.fields["c_username"]!
        let password = verdict.passwords["password"]!
        guard let binding = try await store.binding(of: cUsername), binding.userName == userName,
              let user = try await store.user(named: userName)
        else {
            throw reject(verdict, .failure, [Self.notBound(cUsername, to: userName)])
        }
        guard PasswordHash.verify(password: password, against: user.passwordHash) else {
            throw reject(verdict, .failure, wrongPassword("password", password, of: userName, hash: user.passwordHash))
        }
        switch try await store.deleteBinding(cUsername: cUsername, userName: userName, verifiedHash: user.passwordHash) {
        case .done: return .ok(.delete)
        case .conflict: throw reject(verdict, .failure, [Self.notBound(cUsername, to: userName)])
        case .passwordChanged: throw reject(verdict, .failure, [Self.passwordChangedMeanwhile(userName)])
        }
    }

    /// The seed: "called after the system changed the password"; 20004 "与用户表新密码不匹配" (does not match
    /// the new password in the user table). Our reading: the Xiao A account's password (the user table) has
    /// already changed; the binding still holds the old one. So old_pwd must be the binding's password
    /// (20002), new_pwd must be the account's current password (20004), and then the binding takes it.
    private func update(_ verdict: RequestVerdict, now: Int64) async throws -> VendorAnswer {
        let userName = verdict.fields["user_name"]!, cUsername = verdict.fields["c_username"]!
        let oldPassword = verdict.passwords["old_pwd"]!, newPassword = verdict.passwords["new_pwd"]!
        guard let user = try await store.user(named: userName) else {
            throw reject(verdict, .unknownUser, [Self.unknownUser(userName)])
        }
        guard let binding = try await store.binding(of: cUsername), binding.userName == userName else {
            throw reject(verdict, .unknownUser, [Self.notBound(cUsername, to: userName)])
        }
        guard PasswordHash.verify(password: oldPassword, against: binding.passwordHash) else {
            var findings = [ServerFindings.server(
                "oldPasswordMismatch", "old_pwd is not the password the binding of \"\(cUsername)\" holds",
                fix: "send as old_pwd the password given when binding (or at the last update)")]
            findings += ServerFindings.wrongPassword(field: "old_pwd", password: oldPassword) {
                PasswordHash.verify(password: $0, against: binding.passwordHash)
            }
            throw reject(verdict, .wrongPassword, findings)
        }
        guard PasswordHash.verify(password: newPassword, against: user.passwordHash) else {
            var findings = [ServerFindings.server(
                "newPasswordMismatch", "new_pwd is not the current password of Xiao A user \"\(userName)\" in the user table",
                fix: "change the Xiao A password first (serve users passwd NAME), then call /assoc/update with it as new_pwd")]
            findings += ServerFindings.wrongPassword(field: "new_pwd", password: newPassword) {
                PasswordHash.verify(password: $0, against: user.passwordHash)
            }
            throw reject(verdict, .newPasswordMismatch, findings)
        }
        switch try await store.updateBinding(
            cUsername: cUsername, userName: userName, oldHash: binding.passwordHash, newHash: user.passwordHash, now: now)
        {
        case .done: return .ok(.update)
        case .conflict:
            throw reject(verdict, .wrongPassword, [ServerFindings.server(
                "bindingChangedMeanwhile", "the binding of \"\(cUsername)\" changed while this request was checked",
                fix: "send the request again")])
        case .passwordChanged: throw reject(verdict, .newPasswordMismatch, [Self.passwordChangedMeanwhile(userName)])
        }
    }

    // MARK: - Token check

    /// `GET /login?token=…`: whether a token of `/assoc/login` is one this server issued and still honours.
    func checkToken(_ token: String?, redirect: String?) async throws -> VendorAnswer {
        guard let token, !token.isEmpty else {
            throw VendorRejection(.illegalParameters, [ServerFindings.server("noToken", "no token in the query", fix: "open the url that /assoc/login answered")])
        }
        let now = self.now()
        var userName: String?
        let check = try await tokens.check(token, userName: { cUsername in
            userName = try self.store.boundUser(of: cUsername)
            return userName
        }, now: now)
        switch check {
        case .valid(let cUsername, let expires):
            return VendorAnswer(code: .ok, message: APICode.ok.message, data: .ordered([
                ("c_username", .string(cUsername)), ("user_name", .string(userName ?? "")),
                ("redirect", .string(redirect ?? "")), ("expires", .int(expires)),
            ]))
        case .malformed:
            throw VendorRejection(.signatureFailed, [ServerFindings.server("tokenMalformed", "the token is not EXPIRES.CUSER.MAC", fix: "pass the token exactly as /assoc/login answered it")])
        case .badMAC:
            throw VendorRejection(.signatureFailed, [ServerFindings.server("tokenForged", "the token was not issued by this server (or its database)", fix: "log in again through /assoc/login")])
        case .expired(_, let ago):
            throw VendorRejection(.signatureFailed, [ServerFindings.server("tokenExpired", "the token expired \(ago) s ago", fix: "log in again through /assoc/login")])
        case .noBinding(let cUsername):
            throw VendorRejection(.unknownUser, [Self.notBound(cUsername, to: nil)])
        }
    }

    // MARK: - Helpers

    private func reject(_ verdict: RequestVerdict, _ code: APICode, _ findings: [Finding]) -> VendorRejection {
        VendorRejection(code, findings, explanation: explanation(verdict, findings: findings))
    }

    /// `data` of a rejected answer under `--explain`: the checks, the findings, and the sign steps expected.
    private func explanation(_ verdict: RequestVerdict, findings: [Finding]) -> JSONValue? {
        guard explain else { return nil }
        var members: [(String, JSONValue)] = [
            ("checks", .array(verdict.checks.map { .ordered([("name", .string($0.name)), ("outcome", .string($0.outcome.rawValue)), ("detail", .string($0.detail))]) })),
            ("findings", .array(findings.map(\.json))),
        ]
        if let timestamp = verdict.timestamp, let domainKey = verdict.domainKey {
            members.append(("expected", ServerFindings.expectedSign(timestamp: timestamp, domainKey: domainKey, sign: verdict.sign)))
        }
        return .ordered(members)
    }

    private func wrongPassword(_ field: String, _ password: [UInt8], of userName: String, hash: String) -> [Finding] {
        [ServerFindings.server(
            "wrongPassword", "\(field) decrypts, but not to the password of Xiao A user \"\(userName)\"",
            fix: "send the account's current password, encrypted with the vendor's key and IV")]
            + ServerFindings.wrongPassword(field: field, password: password) { PasswordHash.verify(password: $0, against: hash) }
    }

    private static func unknownUser(_ userName: String) -> Finding {
        ServerFindings.server(
            "unknownUser", "no Xiao A user named \"\(userName)\"",
            fix: "create the test account: xiaoa-crypto serve users add \(userName) --db PATH")
    }

    private static func notBound(_ cUsername: String, to userName: String?) -> Finding {
        ServerFindings.server(
            "noBinding", "c_username \"\(cUsername)\" is not bound" + (userName.map { " to Xiao A user \"\($0)\"" } ?? ""),
            fix: "bind it first through /assoc/add")
    }

    private static func passwordChangedMeanwhile(_ userName: String) -> Finding {
        ServerFindings.server(
            "passwordChangedMeanwhile", "the password of \"\(userName)\" changed while this request was checked",
            fix: "send the request again with the current password")
    }
}

import Synchronization
internal import XiaoaAPI
internal import XiaoaJSON
internal import XiaoaLocalization
internal import XiaoaPrimitives

/// The stand-in's rules: the request verifier of XiaoaAPI (the same one `verify request` uses), then the
/// SQLite store. Every rejection is thrown as a ``VendorRejection``; every success is returned as an answer.
final class StandIn: Sendable {
    let store: Store
    let domainKeys: Set<String>
    let maxSkew: Int64?
    let tokens: LoginTokens
    /// The URL of `GET /login` that `/assoc/login` hands out. Without `--login-url` it names the port actually
    /// bound, which is known only once the server listens (`--port 0` picks a free one): see ``listening(onPort:)``.
    private let loginBase: Mutex<String>
    private let loginBaseIsFixed: Bool
    private let loginHost: String
    var loginBaseURL: String { loginBase.withLock { $0 } }
    let explain: Bool
    /// The server's language (``ServerConfiguration/language``).
    let language: Language
    let now: @Sendable () -> Int64

    init(
        store: Store, domainKeys: Set<String>, configuration: ServerConfiguration, tokenSecret: [UInt8],
        loginBaseURL: String
    ) throws(ServerError) {
        self.store = store
        self.domainKeys = domainKeys
        self.maxSkew = configuration.maxSkew
        self.tokens = try LoginTokens(secret: tokenSecret, lifetime: configuration.tokenLifetime)
        self.loginBase = Mutex(loginBaseURL)
        self.loginBaseIsFixed = configuration.loginBaseURL != nil
        self.loginHost = configuration.host
        self.explain = configuration.explain
        self.language = configuration.language
        self.now = configuration.now
    }

    /// What the console shows and checks with.
    var consoleSettings: ConsoleSettings {
        ConsoleSettings(domainKeys: domainKeys, maxSkew: maxSkew, explain: explain, language: language, now: now)
    }

    /// Called once the server listens: the login URL takes the port actually bound, unless one was given.
    func listening(onPort port: Int) {
        guard !loginBaseIsFixed else { return }
        loginBase.withLock { $0 = Self.loginURL(host: loginHost, port: port) }
    }

    /// `http://HOST:PORT/login`, with an IPv6 host in brackets.
    static func loginURL(host: String, port: Int) -> String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/login"
    }

    /// The answer to a POST of `body` to `endpoint`.
    func answer(_ endpoint: Endpoint, body: [UInt8], note: RequestNote) async throws -> VendorAnswer {
        let now = self.now()
        // A verifier per request: its password cipher holds a libcrypto context that must not be shared.
        let verdict = RequestVerifier(domainKeys: domainKeys, maxSkew: maxSkew).verify(
            body, endpoint: endpoint, now: now)
        note.record { state in
            state.domainKey = verdict.domainKey
            state.secrets = [verdict.domainKey, verdict.sign].compactMap { $0 } + verdict.passwordTexts
            state.cUsername = verdict.request?.cUsername
            state.userName = verdict.request?.userName
            state.warnings = verdict.warnings
        }
        guard let request = verdict.request else {
            let findings = RequestDiagnosis.findings(for: verdict, now: now, maxSkew: maxSkew)
            throw VendorRejection(verdict.code, findings, explanation: explanation(verdict, findings: findings))
        }
        var answer: VendorAnswer
        switch request {
        case .add(let add): answer = try await self.add(add, verdict, now: now)
        case .login(let login): answer = try await self.login(login, verdict, now: now)
        case .delete(let delete): answer = try await self.delete(delete, verdict)
        case .update(let update): answer = try await self.update(update, verdict, now: now)
        }
        // An accepted request can still carry a warning (a millisecond timestamp): named in X-Xiaoa-Findings.
        answer.findings = verdict.warnings
        return answer
    }

    // MARK: - Endpoints

    private func add(_ request: AddRequest, _ verdict: RequestVerdict, now: Int64) async throws -> VendorAnswer {
        let userName = request.userName
        let cUsername = request.cUsername
        let password = request.password
        guard let user = try await store.user(named: userName) else {
            throw reject(verdict, .unknownUser, [ServerFinding.unknownUser(userName)])
        }
        guard PasswordHash.verify(password: password, against: user.passwordHash) else {
            throw reject(
                verdict, .wrongPassword, wrongPassword("password", password, of: userName, hash: user.passwordHash))
        }
        switch try await store.addBinding(
            cUsername: cUsername, userName: userName, verifiedHash: user.passwordHash, now: now)
        {
        case .done:
            return .ok(.add)
        case .conflict:
            throw reject(verdict, .duplicateAssociation, [ServerFinding.duplicateBinding(cUsername)])
        case .passwordChanged:
            throw reject(verdict, .wrongPassword, [ServerFinding.passwordChangedMeanwhile(userName)])
        }
    }

    private func login(_ request: LoginRequest, _ verdict: RequestVerdict, now: Int64) async throws -> VendorAnswer {
        guard let cUsername = request.cUsername, !cUsername.isEmpty else {
            throw reject(verdict, .unknownUser, [ServerFinding.noCUsername()])
        }
        guard let userName = try store.boundUser(of: cUsername) else {
            throw reject(verdict, .unknownUser, [ServerFinding.noBinding(cUsername, to: nil)])
        }
        let token = try tokens.issue(cUsername: cUsername, userName: userName, now: now)
        let redirect = request.redirect
        let separator = loginBaseURL.contains("?") ? "&" : "?"
        let url = loginBaseURL + separator + (redirect.isEmpty ? "" : "Redirect=\(redirect)&") + "token=\(token)"
        return .ok(.login, data: .ordered([("url", .string(url))]))
    }

    private func delete(_ request: DeleteRequest, _ verdict: RequestVerdict) async throws -> VendorAnswer {
        let userName = request.userName
        let cUsername = request.cUsername
        let password = request.password
        guard let binding = try await store.binding(of: cUsername), binding.userName == userName,
            let user = try await store.user(named: userName)
        else {
            throw reject(verdict, .failure, [ServerFinding.noBinding(cUsername, to: userName)])
        }
        guard PasswordHash.verify(password: password, against: user.passwordHash) else {
            throw reject(verdict, .failure, wrongPassword("password", password, of: userName, hash: user.passwordHash))
        }
        switch try await store.deleteBinding(cUsername: cUsername, userName: userName, verifiedHash: user.passwordHash)
        {
        case .done: return .ok(.delete)
        case .conflict: throw reject(verdict, .failure, [ServerFinding.noBinding(cUsername, to: userName)])
        case .passwordChanged: throw reject(verdict, .failure, [ServerFinding.passwordChangedMeanwhile(userName)])
        }
    }

    /// The seed: "called after the system changed the password"; 20004 "与用户表新密码不匹配" (does not match
    /// the new password in the user table). Our reading: the Xiao A account's password (the user table) has
    /// already changed; the binding still holds the old one. So old_pwd must be the binding's password
    /// (20002), new_pwd must be the account's current password (20004), and then the binding takes it.
    private func update(_ request: UpdateRequest, _ verdict: RequestVerdict, now: Int64) async throws -> VendorAnswer {
        let userName = request.userName
        let cUsername = request.cUsername
        let oldPassword = request.oldPassword
        let newPassword = request.newPassword
        guard let user = try await store.user(named: userName) else {
            throw reject(verdict, .unknownUser, [ServerFinding.unknownUser(userName)])
        }
        guard let binding = try await store.binding(of: cUsername), binding.userName == userName else {
            throw reject(verdict, .unknownUser, [ServerFinding.noBinding(cUsername, to: userName)])
        }
        guard PasswordHash.verify(password: oldPassword, against: binding.passwordHash) else {
            let findings =
                [ServerFinding.oldPasswordMismatch(cUsername)]
                + ServerFinding.trailingNewline(field: "old_pwd", password: oldPassword) {
                    PasswordHash.verify(password: $0, against: binding.passwordHash)
                }
            throw reject(verdict, .wrongPassword, findings)
        }
        guard PasswordHash.verify(password: newPassword, against: user.passwordHash) else {
            let findings =
                [ServerFinding.newPasswordMismatch(userName)]
                + ServerFinding.trailingNewline(field: "new_pwd", password: newPassword) {
                    PasswordHash.verify(password: $0, against: user.passwordHash)
                }
            throw reject(verdict, .newPasswordMismatch, findings)
        }
        switch try await store.updateBinding(
            cUsername: cUsername, userName: userName, oldHash: binding.passwordHash, newHash: user.passwordHash,
            now: now)
        {
        case .done: return .ok(.update)
        case .conflict:
            throw reject(verdict, .wrongPassword, [ServerFinding.bindingChangedMeanwhile(cUsername)])
        case .passwordChanged:
            throw reject(verdict, .newPasswordMismatch, [ServerFinding.passwordChangedMeanwhile(userName)])
        }
    }

    // MARK: - Token check

    /// `GET /login?token=…`: whether a token of `/assoc/login` is one this server issued and still honours.
    func checkToken(_ token: String?, redirect: String?) async throws -> VendorAnswer {
        guard let token, !token.isEmpty else {
            throw VendorRejection(.illegalParameters, [ServerFinding.noToken()])
        }
        let now = self.now()
        var userName: String?
        let check = try await tokens.check(
            token,
            userName: { cUsername in
                userName = try self.store.boundUser(of: cUsername)
                return userName
            }, now: now)
        switch check {
        case .valid(let cUsername, let expires):
            return VendorAnswer(
                code: .ok, message: APICode.ok.message,
                data: .ordered([
                    ("c_username", .string(cUsername)), ("user_name", .string(userName ?? "")),
                    ("redirect", .string(redirect ?? "")), ("expires", .int(expires)),
                ]))
        case .malformed:
            throw VendorRejection(.signatureFailed, [ServerFinding.tokenMalformed()])
        case .badMAC:
            throw VendorRejection(.signatureFailed, [ServerFinding.tokenForged()])
        case .expired(_, let ago):
            throw VendorRejection(.signatureFailed, [ServerFinding.tokenExpired(secondsAgo: ago)])
        case .noBinding(let cUsername):
            throw VendorRejection(.unknownUser, [ServerFinding.noBinding(cUsername, to: nil)])
        }
    }

    // MARK: - Helpers

    private func reject(_ verdict: RequestVerdict, _ code: APICode, _ findings: [Finding]) -> VendorRejection {
        VendorRejection(code, findings, explanation: explanation(verdict, findings: findings))
    }

    /// `data` of a rejected answer under `--explain`: the checks, the findings, and the sign steps expected.
    private func explanation(_ verdict: RequestVerdict, findings: [Finding]) -> JSONValue? {
        explain ? verdict.explanation(findings: findings) : nil
    }

    private func wrongPassword(_ field: String, _ password: [UInt8], of userName: String, hash: String) -> [Finding] {
        [ServerFinding.wrongPassword(field: field, userName: userName)]
            + ServerFinding.trailingNewline(field: field, password: password) {
                PasswordHash.verify(password: $0, against: hash)
            }
    }
}

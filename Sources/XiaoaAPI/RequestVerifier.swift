public import XiaoaCipher
internal import XiaoaJSON
internal import XiaoaSigning

/// Checks a captured request body the way the vendor's server would, and says which code it would answer.
///
/// The checks run in the server's order: the body is a JSON object (10000), every required field is present and
/// a string (10000), the domain key is known (10002), the sign is right (10001), the timestamp is within the
/// allowed skew when one is set (10001), and every password field decrypts to UTF-8 text (the endpoint's
/// wrong-password code). A request that passes all of them would be accepted (code 0) as far as the protocol
/// goes, and the verdict carries it typed (``VerifiedRequest``); whether the user and binding exist is the
/// server's business (see `serve`). An empty `domain_key` is never known (10002), whatever the key set holds.
public struct RequestVerifier {
    /// The domain keys the server knows.
    public var domainKeys: Set<String> {
        didSet { exactDomainKeys = Set(domainKeys.map { Array($0.utf8) }) }
    }
    // Keys are compared byte for byte: Swift's String equality would accept a canonically equivalent spelling
    // ("café" with a combining accent) that the vendor's byte-comparing server refuses.
    private var exactDomainKeys: Set<[UInt8]>
    /// The allowed distance between the request's timestamp and `now`, in seconds; nil to skip the check.
    public var maxSkew: Int64?
    /// The password cipher.
    public var cipher: PasswordCipher
    /// The largest body accepted, in bytes.
    public var maxBodyBytes: Int

    public init(
        domainKeys: Set<String>, maxSkew: Int64? = nil, cipher: PasswordCipher = .vendor, maxBodyBytes: Int = 1 << 20
    ) {
        self.domainKeys = domainKeys
        exactDomainKeys = Set(domainKeys.map { Array($0.utf8) })
        self.maxSkew = maxSkew
        self.cipher = cipher
        self.maxBodyBytes = maxBodyBytes
    }

    /// Verifies `body`, the bytes as sent, for `endpoint` at time `now` (Unix seconds).
    ///
    /// Every check runs whose inputs are there, also after one has failed: the code is the first failure's (the
    /// server's order), and each later failing check is reported as
    /// ``RequestVerdict/Check/Outcome-swift.enum/wouldFail``,
    /// so that a request with two mistakes names both at once.
    public func verify(_ body: some Collection<UInt8>, endpoint: Endpoint, now: Int64) -> RequestVerdict {
        var verdict = RequestVerdict(endpoint: endpoint)

        // 1. A JSON object (nothing else can be checked without one).
        let value: JSONValue
        do {
            value = try JSONParser.parse(body, options: .init(maxDepth: 64, maxBytes: maxBodyBytes))
        } catch {
            return verdict.failing(.illegalParameters, .json, "body is not valid JSON: \(error)")
        }
        guard let object = value.object else {
            return verdict.failing(.illegalParameters, .json, "body is JSON but not an object")
        }
        verdict.pass(.json, "body is a JSON object")

        // 2. Required fields present and strings; optional ones strings when present. The first problem is
        // reported; the fields that are strings are still checked below.
        var strings: [String: String] = [:]
        var fieldProblem: String?
        for field in Endpoint.publicFields + endpoint.fields {
            guard let member = object[field.name] else {
                if field.required && fieldProblem == nil { fieldProblem = "required field \(field.name) is missing" }
                continue
            }
            guard let text = member.string else {
                if fieldProblem == nil {
                    fieldProblem = "field \(field.name) must be a string, found \(member.kindName)"
                }
                continue
            }
            if let allowed = field.allowedValues, !allowed.contains(text) {
                let list = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
                if fieldProblem == nil { fieldProblem = "field \(field.name) is \"\(text)\"; allowed: \(list)" }
                continue
            }
            strings[field.name] = text
        }
        let known = Endpoint.publicFields + endpoint.fields
        let extra = object.keys.filter { key in !known.contains { $0.name == key } }
        let ignored = extra.isEmpty ? "" : " (ignored extra: \(extra.joined(separator: ", ")))"
        if let fieldProblem {
            verdict.fail(.illegalParameters, .fields, fieldProblem)
        } else {
            verdict.pass(.fields, "required fields present and strings" + ignored)
        }
        let timestamp = strings["timestamp"]
        let domainKey = strings["domain_key"]
        if let timestamp, let domainKey, let sign = strings["sign"] {
            verdict.parameters = PublicParameters(timestamp: timestamp, domainKey: domainKey, sign: sign)
        }
        for field in endpoint.passwordFields {
            if let text = strings[field.rawValue] { verdict.passwordCiphertexts[field] = text }
        }
        if let timestamp { verdict.warnings = TimestampWarnings.findings(timestamp: timestamp) }

        // 3. A known domain key (an empty one never is: see DomainKeyRule).
        if let domainKey {
            if let problem = DomainKeyRule.problem(domainKey) {
                verdict.fail(.unknownDomainKey, .domainKey, problem.message)
            } else if !exactDomainKeys.contains(Array(domainKey.utf8)) {
                verdict.fail(.unknownDomainKey, .domainKey, "domain key is not one of the \(domainKeys.count) known")
            } else {
                verdict.pass(.domainKey, "domain key is known")
            }
        } else {
            verdict.skip(.domainKey, "not checked: no domain_key string")
        }

        // 4. The sign.
        if let parameters = verdict.parameters {
            if XiaoaSign.isValid(parameters.sign, timestamp: parameters.timestamp, domainKey: parameters.domainKey) {
                verdict.pass(.sign, "sign is right")
            } else {
                verdict.fail(
                    .signatureFailed, .sign,
                    "sign \(parameters.sign) is not substr(md5(md5(timestamp . domain_key)), 8, 10)")
            }
        } else {
            verdict.skip(.sign, "not checked: timestamp, domain_key and sign are not all strings")
        }

        // 5. The timestamp's skew, when the server enforces one.
        if let maxSkew, let timestamp {
            switch TimestampCheck.check(timestamp, now: now, maxSkew: maxSkew) {
            case .fresh(let delta):
                verdict.pass(.timestamp, "timestamp within \(maxSkew) s of now (\(delta) s old)")
            case .tooOld(let delta):
                verdict.fail(
                    .signatureFailed, .timestamp, "timestamp too old: \(delta) s before now (max skew \(maxSkew) s)")
            case .inFuture(let delta):
                verdict.fail(
                    .signatureFailed, .timestamp,
                    "timestamp in the future: \(delta) s after now (max skew \(maxSkew) s)")
            case .notAnInteger:
                verdict.fail(.signatureFailed, .timestamp, "timestamp is not an integer number of seconds")
            }
        } else if maxSkew != nil {
            verdict.skip(.timestamp, "not checked: no timestamp string")
        } else {
            verdict.skip(.timestamp, "skew not checked (no max skew set)")
        }

        // 6. Password fields decrypt to UTF-8.
        var passwords: [PasswordField: [UInt8]] = [:]
        for field in endpoint.passwordFields {
            let name = field.rawValue
            guard let text = strings[name] else {
                verdict.skip(.password(field), "not checked: no \(name) string")
                continue
            }
            do {
                let plaintext = try cipher.decrypt(base64: text)
                if String(validating: plaintext, as: UTF8.self) != nil {
                    passwords[field] = plaintext
                    verdict.pass(.password(field), "\(name) decrypts to UTF-8 text (\(plaintext.count) bytes)")
                } else {
                    verdict.fail(
                        endpoint.wrongPasswordCode, .password(field), "\(name) decrypts to bytes that are not UTF-8")
                }
            } catch {
                verdict.fail(endpoint.wrongPasswordCode, .password(field), "\(name): \(error)")
            }
        }

        guard verdict.isAccepted else { return verdict }
        guard let request = Self.request(endpoint, verdict.parameters, strings, passwords) else {
            // Not reached: every field read here was required and checked above.
            return verdict.failing(.illegalParameters, .fields, "a required field is missing")
        }
        verdict.request = request
        return verdict
    }

    /// The typed request from checked fields; nil only if a required one is absent (which the checks exclude).
    private static func request(
        _ endpoint: Endpoint, _ parameters: PublicParameters?, _ strings: [String: String],
        _ passwords: [PasswordField: [UInt8]]
    ) -> VerifiedRequest? {
        guard let parameters else { return nil }
        switch endpoint {
        case .add, .delete:
            guard let userName = strings["user_name"], let cUsername = strings["c_username"],
                let password = passwords[.password]
            else { return nil }
            let request = BindingRequest(
                parameters: parameters, userName: userName, password: password, cUsername: cUsername)
            return endpoint == .add ? .add(request) : .delete(request)
        case .login:
            return .login(
                LoginRequest(
                    parameters: parameters, cUsername: strings["c_username"], redirect: strings["redirect"] ?? ""))
        case .update:
            guard let userName = strings["user_name"], let cUsername = strings["c_username"],
                let oldPassword = passwords[.oldPwd], let newPassword = passwords[.newPwd]
            else { return nil }
            return .update(
                UpdateRequest(
                    parameters: parameters, userName: userName, cUsername: cUsername, oldPassword: oldPassword,
                    newPassword: newPassword))
        }
    }
}

/// What the verifier found: each check and the code the server would answer.
public struct RequestVerdict: Sendable {
    /// One check and its outcome.
    public struct Check: Sendable, Equatable {
        /// How a check came out. `fail` is the first failing check, the one whose code the server answers;
        /// `wouldFail` is a later check that fails too (the server stops at the first, so the client meets it next).
        public enum Outcome: String, Sendable {
            case pass, fail, skipped
            case wouldFail = "would_fail"
        }
        /// Which check.
        public let name: CheckName
        public let outcome: Outcome
        /// One sentence about it (never a password or key).
        public let detail: String
        /// The code the server answers when this check fails; nil when it passed or was skipped.
        public let code: APICode?
    }

    /// The endpoint checked.
    public let endpoint: Endpoint
    /// The checks, in order: every check whose inputs were there, also after a failure.
    public private(set) var checks: [Check] = []
    /// The request, typed, when every check passed.
    public fileprivate(set) var request: VerifiedRequest?
    /// The public parameters, once they were found to be strings (for diagnosis).
    public fileprivate(set) var parameters: PublicParameters?
    /// The password fields' ciphertexts as sent, by field, once the fields were found to be strings (for
    /// diagnosis, without parsing the body again).
    public fileprivate(set) var passwordCiphertexts: [PasswordField: String] = [:]
    /// The password fields' ciphertexts as sent, in the endpoint's order: values to mask wherever a logged text
    /// would repeat them.
    public var passwordTexts: [String] { endpoint.passwordFields.compactMap { passwordCiphertexts[$0] } }
    /// Findings about values that pass the checks but are likely wrong (a 13-digit millisecond timestamp).
    public fileprivate(set) var warnings: [Finding] = []

    init(endpoint: Endpoint) { self.endpoint = endpoint }

    /// The code the vendor's server would answer: the first failing check's; `.ok` when every check passed.
    public var code: APICode { failure?.code ?? .ok }

    /// Whether the server would accept the request.
    public var isAccepted: Bool { failure == nil }

    /// The first failing check, if any: the one whose code the server answers.
    public var failure: Check? { checks.first(where: { $0.outcome == .fail }) }

    /// Every failing check: the first, then those that would fail next.
    public var failures: [Check] { checks.filter { $0.outcome == .fail || $0.outcome == .wouldFail } }

    /// `timestamp` as sent, once the fields were found to be strings.
    public var timestamp: String? { parameters?.timestamp }
    /// `domain_key` as sent, once the fields were found to be strings.
    public var domainKey: String? { parameters?.domainKey }
    /// `sign` as sent, once the fields were found to be strings.
    public var sign: String? { parameters?.sign }

    fileprivate mutating func pass(_ name: CheckName, _ detail: String) {
        checks.append(Check(name: name, outcome: .pass, detail: detail, code: nil))
    }

    fileprivate mutating func skip(_ name: CheckName, _ detail: String) {
        checks.append(Check(name: name, outcome: .skipped, detail: detail, code: nil))
    }

    /// Records a failing check: `fail` when it is the first, `wouldFail` after one.
    fileprivate mutating func fail(_ code: APICode, _ name: CheckName, _ detail: String) {
        let outcome: Check.Outcome = failure == nil ? .fail : .wouldFail
        checks.append(Check(name: name, outcome: outcome, detail: detail, code: code))
    }

    fileprivate func failing(_ code: APICode, _ name: CheckName, _ detail: String) -> RequestVerdict {
        var copy = self
        copy.fail(code, name, detail)
        return copy
    }
}

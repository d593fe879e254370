public import XiaoaCipher
internal import XiaoaJSON
internal import XiaoaSigning

/// Checks a captured request body the way the vendor's server would, and says which code it would answer.
///
/// The checks run in the server's order: the body is a JSON object (10000), every required field is present and
/// a string (10000), the domain key is known (10002), the sign is right (10001), the timestamp is within the
/// allowed skew when one is set (10001), and every password field decrypts to UTF-8 text (the endpoint's
/// wrong-password code). A request that passes all of them would be accepted (code 0) as far as the protocol
/// goes; whether the user and binding exist is the server's business (see `serve`).
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

    public init(domainKeys: Set<String>, maxSkew: Int64? = nil, cipher: PasswordCipher = .vendor, maxBodyBytes: Int = 1 << 20) {
        self.domainKeys = domainKeys
        exactDomainKeys = Set(domainKeys.map { Array($0.utf8) })
        self.maxSkew = maxSkew
        self.cipher = cipher
        self.maxBodyBytes = maxBodyBytes
    }

    /// Verifies `body`, the bytes as sent, for `endpoint` at time `now` (Unix seconds).
    public func verify(_ body: some Collection<UInt8>, endpoint: Endpoint, now: Int64) -> RequestVerdict {
        var verdict = RequestVerdict(endpoint: endpoint)

        // 1. A JSON object.
        let value: JSONValue
        do {
            value = try JSONParser.parse(body, options: .init(maxDepth: 64, maxBytes: maxBodyBytes))
        } catch {
            return verdict.failing(.illegalParameters, check: "json", "body is not valid JSON: \(error)")
        }
        guard let object = value.object else {
            return verdict.failing(.illegalParameters, check: "json", "body is JSON but not an object")
        }
        verdict.pass("json", "body is a JSON object")

        // 2. Required fields present and strings; optional ones strings when present.
        var strings: [String: String] = [:]
        for field in Endpoint.publicFields + endpoint.fields {
            guard let member = object[field.name] else {
                if field.required {
                    return verdict.failing(.illegalParameters, check: "fields", "required field \(field.name) is missing")
                }
                continue
            }
            guard let text = member.string else {
                return verdict.failing(
                    .illegalParameters, check: "fields", "field \(field.name) must be a string, found \(member.kindName)")
            }
            if let allowed = field.allowedValues, !allowed.contains(text) {
                return verdict.failing(
                    .illegalParameters, check: "fields",
                    "field \(field.name) is \"\(text)\"; allowed: \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            strings[field.name] = text
        }
        let extra = object.keys.filter { key in !(Endpoint.publicFields + endpoint.fields).contains { $0.name == key } }
        verdict.pass("fields", "required fields present and strings" + (extra.isEmpty ? "" : " (ignored extra: \(extra.joined(separator: ", ")))"))
        let timestamp = strings["timestamp"]!, domainKey = strings["domain_key"]!, sign = strings["sign"]!
        verdict.timestamp = timestamp
        verdict.domainKey = domainKey
        verdict.sign = sign

        // 3. A known domain key.
        guard exactDomainKeys.contains(Array(domainKey.utf8)) else {
            return verdict.failing(.unknownDomainKey, check: "domain_key", "domain key is not one of the \(domainKeys.count) known")
        }
        verdict.pass("domain_key", "domain key is known")

        // 4. The sign.
        guard XiaoaSign.isValid(sign, timestamp: timestamp, domainKey: domainKey) else {
            return verdict.failing(.signatureFailed, check: "sign", "sign \(sign) is not substr(md5(md5(timestamp . domain_key)), 8, 10)")
        }
        verdict.pass("sign", "sign is right")

        // 5. The timestamp's skew, when the server enforces one.
        if let maxSkew {
            switch TimestampCheck.check(timestamp, now: now, maxSkew: maxSkew) {
            case .fresh(let delta):
                verdict.pass("timestamp", "timestamp within \(maxSkew) s of now (\(delta) s old)")
            case .tooOld(let delta):
                return verdict.failing(.signatureFailed, check: "timestamp", "timestamp too old: \(delta) s before now (max skew \(maxSkew) s)")
            case .inFuture(let delta):
                return verdict.failing(.signatureFailed, check: "timestamp", "timestamp in the future: \(delta) s after now (max skew \(maxSkew) s)")
            case .notAnInteger:
                return verdict.failing(.signatureFailed, check: "timestamp", "timestamp is not an integer number of seconds")
            }
        } else {
            verdict.skip("timestamp", "skew not checked (no max skew set)")
        }

        // 6. Password fields decrypt to UTF-8.
        for field in endpoint.fields where field.isPassword {
            guard let text = strings[field.name] else { continue }
            do {
                let plaintext = try cipher.decrypt(base64: text)
                guard String(validating: plaintext, as: UTF8.self) != nil else {
                    return verdict.failing(endpoint.wrongPasswordCode, check: field.name, "\(field.name) decrypts to bytes that are not UTF-8")
                }
                verdict.passwords[field.name] = plaintext
                verdict.pass(field.name, "\(field.name) decrypts to UTF-8 text (\(plaintext.count) bytes)")
            } catch {
                return verdict.failing(endpoint.wrongPasswordCode, check: field.name, "\(field.name): \(error)")
            }
        }
        verdict.fields = strings
        return verdict
    }
}

/// What the verifier found: each check and the code the server would answer.
public struct RequestVerdict: Sendable {
    /// One check and its outcome.
    public struct Check: Sendable, Equatable {
        public enum Outcome: String, Sendable { case pass, fail, skipped }
        /// A short name: `json`, `fields`, `domain_key`, `sign`, `timestamp`, or a password field.
        public let name: String
        public let outcome: Outcome
        /// One sentence about it (never a password or key).
        public let detail: String
    }

    /// The endpoint checked.
    public let endpoint: Endpoint
    /// The code the vendor's server would answer; `.ok` when every check passed.
    public private(set) var code: APICode = .ok
    /// The checks, in order; the first failing one ends the list.
    public private(set) var checks: [Check] = []
    /// The request's string fields, when every check passed.
    public fileprivate(set) var fields: [String: String] = [:]
    /// Decrypted password fields, by field name (for the stand-in server; never print them).
    public fileprivate(set) var passwords: [String: [UInt8]] = [:]
    /// The public parameters, once they were found to be strings (for diagnosis).
    public fileprivate(set) var timestamp: String?
    public fileprivate(set) var domainKey: String?
    public fileprivate(set) var sign: String?

    init(endpoint: Endpoint) { self.endpoint = endpoint }

    /// Whether the server would accept the request.
    public var isAccepted: Bool { code == .ok }

    /// The failing check, if any.
    public var failure: Check? { checks.last(where: { $0.outcome == .fail }) }

    fileprivate mutating func pass(_ name: String, _ detail: String) {
        checks.append(Check(name: name, outcome: .pass, detail: detail))
    }

    fileprivate mutating func skip(_ name: String, _ detail: String) {
        checks.append(Check(name: name, outcome: .skipped, detail: detail))
    }

    fileprivate func failing(_ code: APICode, check name: String, _ detail: String) -> RequestVerdict {
        var copy = self
        copy.code = code
        copy.checks.append(Check(name: name, outcome: .fail, detail: detail))
        return copy
    }
}

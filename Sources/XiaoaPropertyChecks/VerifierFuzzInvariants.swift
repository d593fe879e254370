// The properties the `verifier` fuzz target checks on every input (Fuzz/Sources/FuzzVerifier), and that
// Tests/XiaoaAPITests/FuzzRegressionTests replays on every saved input. Uses only the libraries' public API and the
// standard library (no Foundation, no Testing).

import XiaoaAPI
import XiaoaCipher
import XiaoaJSON
import XiaoaSigning

/// Checks the request verifier on arbitrary body bytes, for every endpoint, with and without a skew limit.
public enum VerifierFuzzInvariants {
    /// The domain keys and clock of Vectors/requests.json, whose bodies are the seed corpus (so signs can be right),
    /// and a key with a precomposed character, which has a canonically equivalent spelling in other bytes.
    static let domainKeys: Set<String> = ["demo-key", "第二个key", "caf\u{E9}"]
    static let now: Int64 = 1_700_000_000
    static let maxSkew: Int64 = 300

    /// `nil` when every property holds for `body`, else a description of the first that does not.
    ///
    /// The code is one the verifier may answer for the endpoint; the first failing check carries the code, and
    /// later failing ones are marked wouldFail; a body that is not a JSON object is 10000 at the first check; an
    /// accepted body has every
    /// field a string, a known domain key (same bytes), a sign that recomputes, passwords that re-encrypt to
    /// the same base64, and with a skew limit a timestamp within it; the skew limit changes nothing but a
    /// 10001 at the timestamp check, which comes after the sign and before the passwords.
    public static func check(_ body: [UInt8]) -> String? {
        let parsed = try? JSONParser.parse(body, options: .init(maxDepth: 64, maxBytes: 1 << 20))
        for endpoint in Endpoint.allCases {
            let loose = RequestVerifier(domainKeys: domainKeys).verify(body, endpoint: endpoint, now: now)
            let strict = RequestVerifier(domainKeys: domainKeys, maxSkew: maxSkew).verify(
                body, endpoint: endpoint, now: now)
            for (label, verdict) in [("", loose), (" with max skew", strict)] {
                if let failure = checkVerdict(verdict, parsed: parsed, endpoint: endpoint) {
                    return "\(endpoint.rawValue)\(label): \(failure)"
                }
            }
            // The skew is checked after the sign and before the passwords: it can only add a 10001 there.
            let beforeSkew: Set<CheckName> = [.json, .fields, .domainKey, .sign]
            if let failure = loose.failure, beforeSkew.contains(failure.name) {
                // Every check still runs after the first failure; only the timestamp check may differ.
                let others = { (verdict: RequestVerdict) in verdict.checks.filter { $0.name != .timestamp } }
                guard strict.code == loose.code, strict.failure == loose.failure, others(strict) == others(loose) else {
                    return
                        "\(endpoint.rawValue): the skew limit changed the refusal \(loose.code) at \(failure.name) "
                        + "into \(strict.code)"
                }
            } else if strict.failure?.name == .timestamp {
                guard strict.code == .signatureFailed else {
                    return "\(endpoint.rawValue): a stale timestamp gave \(strict.code)"
                }
            } else {
                guard strict.code == loose.code else {
                    return
                        "\(endpoint.rawValue): with a fresh timestamp the skew limit changed \(loose.code) into "
                        + "\(strict.code)"
                }
            }
            if strict.isAccepted {
                guard let seconds = TimestampCheck.parseUnixSeconds(strict.timestamp ?? ""),
                    abs(now - seconds) <= maxSkew
                else {
                    return
                        "\(endpoint.rawValue): accepted with max skew \(maxSkew) but the timestamp is "
                        + "\(strict.timestamp ?? "-")"
                }
            }
        }
        return nil
    }

    static func checkVerdict(_ verdict: RequestVerdict, parsed: JSONValue?, endpoint: Endpoint) -> String? {
        let allowed: Set<APICode> = [
            .ok, .illegalParameters, .unknownDomainKey, .signatureFailed, endpoint.wrongPasswordCode,
        ]
        guard allowed.contains(verdict.code) else {
            return "code \(verdict.code.rawValue) is not one the verifier answers"
        }
        guard verdict.endpoint == endpoint, !verdict.checks.isEmpty else { return "no checks reported" }
        let failures = verdict.checks.filter { $0.outcome == .fail }
        if verdict.isAccepted {
            guard failures.isEmpty else { return "accepted with a failing check" }
        } else {
            // The first failing check decides the code; any later failing one is marked wouldFail, never fail.
            guard failures.count == 1, let first = verdict.checks.firstIndex(where: { $0.outcome == .fail }),
                !verdict.checks[..<first].contains(where: { $0.outcome == .wouldFail }),
                verdict.checks[first].code == verdict.code
            else { return "refused, but the first failing check does not decide the code alone" }
        }
        if verdict.checks.contains(where: { $0.outcome == .wouldFail }) && verdict.isAccepted {
            return "accepted with a check that would fail"
        }
        let order =
            ["json", "fields", "domain_key", "sign", "timestamp"] + endpoint.fields.filter(\.isPassword).map(\.name)
        let names = verdict.checks.map(\.name.rawValue)
        guard names.count <= order.count, Array(order.prefix(names.count)) == names else {
            return "checks \(names) are not in the server's order \(order)"
        }
        guard let object = parsed?.object else {
            guard verdict.code == .illegalParameters, names == ["json"] else {
                return "a body that is not a JSON object gave \(verdict.code.rawValue) after \(names)"
            }
            return nil
        }
        guard verdict.isAccepted else { return nil }

        // Accepted: recompute every reason to accept.
        guard names == order else { return "accepted after only \(names)" }
        guard let request = verdict.request, request.endpoint == endpoint else {
            return "accepted without a typed request"
        }
        let fields = request.textFields
        let passwords = request.passwords
        for field in Endpoint.publicFields + endpoint.fields {
            guard let member = object[field.name] else {
                if field.required { return "accepted without \(field.name)" }
                continue
            }
            guard let text = member.string,
                field.isPassword || fields[field.name].map({ $0.utf8.elementsEqual(text.utf8) }) == true
            else {
                return "accepted, but field \(field.name) is not the string the body holds"
            }
            if let values = field.allowedValues, !values.contains(where: { $0.utf8.elementsEqual(text.utf8) }) {
                return "accepted \(field.name) = \(String(reflecting: text)), not one of \(values)"
            }
        }
        guard let timestamp = fields["timestamp"], let domainKey = fields["domain_key"], let sign = fields["sign"]
        else { return "accepted without the public parameters" }
        // The vendor's server compares bytes: a canonically equivalent spelling of a key is another key.
        guard domainKeys.contains(where: { $0.utf8.elementsEqual(domainKey.utf8) }) else {
            return
                "accepted the domain key \(Array(domainKey.unicodeScalars)), which is not one of the known keys byte "
                + "for byte"
        }
        let steps = XiaoaSign.steps(timestamp: Array(timestamp.utf8), domainKey: Array(domainKey.utf8))
        guard steps.sign.utf8.elementsEqual(sign.utf8) else {
            return "accepted sign \(sign), but the sign recomputes as \(steps.sign)"
        }
        for field in endpoint.fields where field.isPassword {
            guard let base64 = object[field.name]?.string else { continue }
            guard let plaintext = passwords[field.name] else { return "accepted \(field.name) without its plaintext" }
            guard String(validating: plaintext, as: UTF8.self) != nil else {
                return "accepted \(field.name), which is not UTF-8"
            }
            guard Base64Strict.encode(PasswordCipher.vendor.encrypt(plaintext)) == base64 else {
                return "accepted \(field.name), whose plaintext does not re-encrypt to the same base64"
            }
        }
        return nil
    }
}

extension VerifiedRequest {
    /// The typed request's text fields by JSON name (absent optional ones left out), to compare with the body.
    var textFields: [String: String] {
        let p = parameters
        var fields = ["timestamp": p.timestamp, "domain_key": p.domainKey, "sign": p.sign]
        switch self {
        case .add(let r), .delete(let r):
            fields["user_name"] = r.userName
            fields["c_username"] = r.cUsername
        case .login(let r):
            fields["c_username"] = r.cUsername
            fields["redirect"] = r.redirect
        case .update(let r):
            fields["user_name"] = r.userName
            fields["c_username"] = r.cUsername
        }
        return fields
    }

    /// The decrypted passwords by JSON name.
    var passwords: [String: [UInt8]] {
        switch self {
        case .add(let r), .delete(let r): ["password": r.password]
        case .login: [:]
        case .update(let r): ["old_pwd": r.oldPassword, "new_pwd": r.newPassword]
        }
    }
}

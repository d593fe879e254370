/// The findings for a request the verifier refused: the failing check in the server's words, then what the
/// sign or password diagnosis names as the cause (an upper-case inner md5, a '+' turned into a space, …).
///
/// One implementation for every face: `verify request` prints them as hints, the stand-in server puts them in
/// its log and its `X-Xiaoa-Findings` header, the console shows them.
public enum RequestDiagnosis {
    /// Findings for `verdict`: for each failing check in order (the one that decides the code, then those that
    /// would fail next) the check in the server's words and what the sign or password diagnosis names as its
    /// cause; then the verdict's warnings (a millisecond timestamp) not named already. An accepted request has
    /// only its warnings.
    public static func findings(for verdict: RequestVerdict, now: Int64, maxSkew: Int64?) -> [Finding] {
        var findings: [Finding] = []
        var signDiagnosed = false
        for failure in verdict.failures {
            findings.append(
                Finding(
                    id: .request(failure.name), summary: failure.detail,
                    fix: fix(forCheck: failure.name, endpoint: verdict.endpoint)))
            switch failure.name {
            case .sign, .timestamp:
                // One diagnosis covers both: it names the sign's mistakes and the timestamp's age.
                if !signDiagnosed, let p = verdict.parameters {
                    signDiagnosed = true
                    findings += SignDiagnosis.diagnose(
                        sign: p.sign, timestamp: p.timestamp, domainKey: p.domainKey, now: now, maxSkew: maxSkew
                    ).findings.filter { finding in !findings.contains(finding) }
                }
            case .password(let field):
                if let text = verdict.passwordCiphertexts[field] {
                    findings +=
                        PasswordDiagnosis.diagnose(ciphertext: text, expected: nil, revealPlaintext: false).findings
                }
            case .json, .fields, .domainKey:
                break
            }
        }
        for warning in verdict.warnings where !findings.contains(where: { $0.id == warning.id }) {
            findings.append(warning)
        }
        return findings
    }

    /// What to do when `check` fails, in one sentence.
    public static func fix(forCheck name: CheckName, endpoint: Endpoint) -> String {
        switch name {
        case .json: "send one JSON object, UTF-8, as the POST body"
        case .fields:
            "send every required field as a JSON string: "
                + (Endpoint.publicFields + endpoint.fields).filter(\.required).map(\.name).joined(separator: ", ")
        case .domainKey: "use a domain key the server knows (serve --domain-key K or --domain-keys FILE)"
        case .sign: "sign = substr(md5(md5(timestamp . domain_key)), 8, 10) with lowercase hex md5s"
        case .timestamp: "send the current Unix time in seconds, as a string"
        case .password:
            "encrypt the password with AES-128-CBC, PKCS#7, key \"xiaoa\" zero-padded to 16 bytes, IV "
                + "\"1234567890123456\", standard base64"
        }
    }
}

public import XiaoaAPI
internal import XiaoaCipher
internal import XiaoaJSON
internal import XiaoaPrimitives

/// A sign-diagnosis case (schema `xiaoa_sign_diagnosis_v1`): a sign as sent and the finding it must get.
public struct SignDiagnosisInput: Sendable {
    /// The timestamp's bytes as sent.
    public let timestamp: [UInt8]
    /// The domain key's bytes.
    public let domainKey: [UInt8]
    /// The sign as sent.
    public let sign: String
    /// The clock and allowed skew for the age check, or nil.
    public let now: Int64?
    public let maxSkew: Int64?
    /// The one finding id the diagnosis must return; `none` for a right value.
    public let hint: String
    /// Details the finding must carry.
    public let details: [String: String]

    static func caseParser() -> (inout Fields) throws(VectorError) -> VectorCase.Input {
        { (test: inout Fields) throws(VectorError) in
            .signDiagnosis(
                SignDiagnosisInput(
                    timestamp: try test.hex("timestamp"), domainKey: try test.hex("domainKey"),
                    sign: try test.string("sign"),
                    now: try test.optionalInt64("now"), maxSkew: try test.optionalInt64("maxSkew"),
                    hint: try test.hint(), details: try test.stringMap("details")))
        }
    }

    func check(result: VectorCase.Result) -> String? {
        let report = SignDiagnosis.diagnose(
            sign: Array(sign.utf8), timestamp: timestamp, domainKey: domainKey, now: now, maxSkew: maxSkew)
        return DiagnosisCheck.compare(
            isCorrect: report.isCorrect, findings: report.findings, hint: hint, details: details, result: result)
    }
}

/// A password-diagnosis case (schema `xiaoa_password_diagnosis_v1`): a ciphertext as received and the
/// finding it must get.
public struct PasswordDiagnosisInput: Sendable {
    /// The key as the reader gives it: text (PHP semantics) or 32 hex digits.
    let key: KeyMaterial
    /// The IV's 16 bytes.
    public let iv: [UInt8]
    /// The ciphertext as received.
    public let ciphertext: String
    /// The expected password's bytes, or nil to diagnose a failing `decrypt`.
    public let expected: [UInt8]?
    /// The one finding id the diagnosis must return; `none` for a right value.
    public let hint: String
    /// Details the finding must carry.
    public let details: [String: String]

    static func caseParser(group: inout Fields) throws(VectorError) -> (inout Fields) throws(VectorError) ->
        VectorCase.Input
    {
        let keyText = try group.optionalHex("keyText")
        let keyHex: String? = try group.value("keyHex").isNull ? nil : try group.string("keyHex")
        let key: KeyMaterial
        switch (keyText, keyHex) {
        case (let text?, nil):
            guard let string = String(validating: text, as: UTF8.self) else {
                throw VectorError("keyText is not UTF-8")
            }
            key = .text(string)
        case (nil, let hex?):
            key = .hex(hex)
        default:
            throw VectorError("a PasswordDiagnosisTest group needs exactly one of keyText and keyHex")
        }
        let iv = try group.hex("iv")
        guard iv.count == 16 else { throw VectorError("iv must be 16 bytes") }
        return { (test: inout Fields) throws(VectorError) in
            .passwordDiagnosis(
                PasswordDiagnosisInput(
                    key: key, iv: iv, ciphertext: try test.string("ciphertext"),
                    expected: try test.optionalHex("expected"),
                    hint: try test.hint(), details: try test.stringMap("details")))
        }
    }

    func check(result: VectorCase.Result) -> String? {
        let report = PasswordDiagnosis.diagnose(ciphertext: ciphertext, expected: expected, key: key, iv: .bytes(iv))
        return DiagnosisCheck.compare(
            isCorrect: report.isCorrect, findings: report.findings, hint: hint, details: details, result: result)
    }
}

enum DiagnosisCheck {
    /// The hint must be the only finding (none for a right value), carrying the expected details.
    static func compare(
        isCorrect: Bool, findings: [Finding], hint: String, details: [String: String], result: VectorCase.Result
    ) -> String? {
        // acceptable: a right value under the empty domain key; a diagnosis that runs must find nothing.
        if (result != .invalid) != (hint == "none") { return "result \(result.rawValue) contradicts hint \(hint)" }
        let ids = findings.map(\.id.rawValue)
        if hint == "none" {
            if !isCorrect { return "the value was judged wrong (findings: \(ids.joined(separator: ", ")))" }
            return findings.isEmpty ? nil : "expected no finding, got \(ids.joined(separator: ", "))"
        }
        if isCorrect { return "the value was judged right, expected \(hint)" }
        guard ids == [hint] else { return "findings are [\(ids.joined(separator: ", "))], expected [\(hint)]" }
        for (key, value) in details.sorted(by: { $0.key < $1.key }) where findings[0].details[key] != value {
            return
                "finding detail \(key) is \(findings[0].details[key].map { "\"\($0)\"" } ?? "missing"), expected "
                + "\"\(value)\""
        }
        return nil
    }
}

extension Fields {
    mutating func optionalInt64(_ key: String) throws(VectorError) -> Int64? {
        if try value(key).isNull { return nil }
        return Int64(try int(key))
    }

    /// `hint`: `none` or an id a diagnosis can return.
    mutating func hint() throws(VectorError) -> String {
        let hint = try string("hint")
        let known = hint == "none" || FindingID.diagnosisCases.contains(where: { $0.rawValue == hint })
        guard known else { throw VectorError("unknown hint \"\(hint)\"") }
        return hint
    }

    /// An object whose values are all strings.
    mutating func stringMap(_ key: String) throws(VectorError) -> [String: String] {
        var map: [String: String] = [:]
        for member in try object(key).members {
            guard let text = member.value.string else { throw VectorError("\(key).\(member.key) is not a string") }
            map[member.key] = text
        }
        return map
    }
}

// MARK: - What a case is diagnosed with

extension VectorCase {
    /// The findings (and warnings) the sign or password diagnosis gives this case, as every face shows them; nil
    /// for a case of another schema. The translation tests read every sentence of the vectors through it.
    public var diagnosedFindings: [Finding]? {
        switch input {
        case .signDiagnosis(let input):
            let report = SignDiagnosis.diagnose(
                sign: Array(input.sign.utf8), timestamp: input.timestamp, domainKey: input.domainKey, now: input.now,
                maxSkew: input.maxSkew)
            return report.findings + report.warnings
        case .passwordDiagnosis(let input):
            return PasswordDiagnosis.diagnose(
                ciphertext: input.ciphertext, expected: input.expected, key: input.key, iv: .bytes(input.iv),
                revealPlaintext: true
            ).findings
        default:
            return nil
        }
    }
}

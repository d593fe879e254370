public import XiaoaCipher
public import XiaoaJSON
public import XiaoaLocalization
internal import XiaoaPrimitives
internal import XiaoaSigning

// The one JSON encoding of each result: every face (CLI --format json, the HTTP answers and --explain, the
// X-Xiaoa-Findings header, the request log, the console API) prints these. Members are in a fixed order;
// the CLI writes them sorted (RFC 8785), the server in this order.

// MARK: - Findings

extension Finding {
    /// `{"id", "summary", "fix", "details"}` (details sorted by key).
    public var json: JSONValue {
        let details = JSONObject(
            details.sorted { $0.key < $1.key }.map { JSONMember(key: $0.key, value: .string($0.value)) })
        return .ordered([
            ("id", .string(id.rawValue)), ("summary", .string(summary)), ("fix", .string(fix)),
            ("details", .object(details)),
        ])
    }

    /// The short form of the request log: `{"id", "summary"}`, the summary passed through `mask` (secrets out).
    public func logJSON(mask: (String) -> String = { $0 }) -> JSONValue {
        .ordered([("id", .string(id.rawValue)), ("summary", .string(mask(summary)))])
    }
}

extension [Finding] {
    /// The findings on one line, `id: summary` pairs joined by ` | ` (the `X-Xiaoa-Findings` header).
    public var line: String {
        map { "\($0.id.rawValue): \($0.summary)" }.joined(separator: " | ")
    }
}

// MARK: - Sign steps

extension SignReport {
    /// The sign steps, the one shape everywhere: `timestamp`, `domain_key`, `input`, `input_bytes`,
    /// `md5_first`, `md5_second`, `offset`, `length`, `sign`, and `sign_received` when a sign was received.
    public func stepsJSON(signReceived: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("timestamp", .string(timestamp)),
            ("domain_key", .string(domainKey)),
            ("input", .string(String(decoding: steps.input, as: UTF8.self))),
            ("input_bytes", .int(steps.input.count)),
            ("md5_first", .string(steps.md5First)),
            ("md5_second", .string(steps.md5Second)),
            ("offset", .int(XiaoaSign.offset)),
            ("length", .int(XiaoaSign.length)),
            ("sign", .string(steps.sign)),
        ]
        if let signReceived { members.append(("sign_received", .string(signReceived))) }
        return .ordered(members)
    }

    /// The steps, then `public_parameters` (the canonical JSON text of the three public parameters) and
    /// `warnings`: the console's sign answer and `sign --explain --format json`.
    public var json: JSONValue {
        guard case .object(var object) = stepsJSON() else { return stepsJSON() }
        let parameters = (try? JCS.canonicalString(publicParameters)) ?? ""
        object.members.append(JSONMember(key: "public_parameters", value: .string(parameters)))
        object.members.append(JSONMember(key: "warnings", value: .array(warnings.map { .string($0) })))
        return .object(object)
    }
}

// MARK: - Cipher steps

extension CipherSteps {
    /// `key_hex`, `iv_hex`, `plaintext` (text, or null when not UTF-8), `plaintext_hex`, `plaintext_bytes`,
    /// `padding_bytes`, `padded_blocks`, `ciphertext_hex`, `base64`, `notes`.
    public func json(notes: [String] = []) -> JSONValue {
        let blocks = stride(from: 0, to: padded.count, by: 16).map {
            JSONValue.string(Hex.encode(padded[$0..<min($0 + 16, padded.count)]))
        }
        return .ordered([
            ("key_hex", .string(Hex.encode(key))),
            ("iv_hex", .string(Hex.encode(iv))),
            ("plaintext", String(validating: plaintext, as: UTF8.self).map { .string($0) } ?? .null),
            ("plaintext_hex", .string(Hex.encode(plaintext))),
            ("plaintext_bytes", .int(plaintext.count)),
            ("padding_bytes", .int(padded.count - plaintext.count)),
            ("padded_blocks", .array(blocks)),
            ("ciphertext_hex", .string(Hex.encode(ciphertext))),
            ("base64", .string(base64)),
            ("notes", .array(notes.map { .string($0) })),
        ])
    }
}

// MARK: - Verdicts

extension RequestVerdict.Check {
    /// `{"name", "outcome", "detail"}`.
    public var json: JSONValue {
        .ordered([
            ("name", .string(name.rawValue)), ("outcome", .string(outcome.rawValue)), ("detail", .string(detail)),
        ])
    }
}

extension APICode {
    /// `code`, `message` (the vendor's, Chinese) and `meaning`: how `codes --format json` and a verdict show a code.
    public var jsonMembers: [(String, JSONValue)] {
        [("code", .int(rawValue)), ("message", .string(message)), ("meaning", .string(meaning))]
    }
}

extension RequestVerdict {
    /// The verdict with `findings` (from ``RequestDiagnosis``, or the server's): `endpoint`, `accepted`,
    /// `code`, `message`, `meaning`, `checks`, `findings`, and `expected` (the sign steps of the timestamp and
    /// domain key sent, with `sign_received`) once the public parameters were found to be strings.
    public func json(findings: [Finding]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("endpoint", .string(endpoint.rawValue)),
            ("accepted", .bool(isAccepted)),
        ]
        members += code.jsonMembers
        members += explanationMembers(findings: findings)
        return .ordered(members)
    }

    /// The `data` of a rejected answer under `serve --explain`: `checks`, `findings` and `expected`, as in
    /// ``json(findings:)`` (the answer itself carries the code and message).
    public func explanation(findings: [Finding]) -> JSONValue {
        .ordered(explanationMembers(findings: findings))
    }

    /// The sign steps for the timestamp and domain key sent, with the sign received; nil before they were
    /// found to be strings.
    public var expectedSign: JSONValue? {
        parameters.map { SignReport(timestamp: $0.timestamp, domainKey: $0.domainKey).stepsJSON(signReceived: $0.sign) }
    }

    private func explanationMembers(findings: [Finding]) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("checks", .array(checks.map(\.json))),
            ("findings", .array(findings.map(\.json))),
        ]
        if let expectedSign { members.append(("expected", expectedSign)) }
        return members
    }
}

// MARK: - Diagnosis reports

extension SignDiagnosisReport {
    /// `{"ok", "findings", "signMatches", "expectedSign"}`, and `warnings` when there are some:
    /// `diagnose sign --format json`.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("ok", .bool(isCorrect)), ("findings", .array(findings.map(\.json))),
            ("signMatches", .bool(signMatches)), ("expectedSign", .string(expectedSign)),
        ]
        if !warnings.isEmpty { members.append(("warnings", .array(warnings.map(\.json)))) }
        return .ordered(members)
    }

    /// The verdict alone, `{"ok", "findings"}`, `warnings` when there are some and `error` when a message is
    /// given: `verify sign --format json`.
    public func verdictJSON(error: String? = nil) -> JSONValue {
        guard case .object(var object) = FindingsVerdict.json(ok: isCorrect, findings: findings, error: error),
            !warnings.isEmpty
        else { return FindingsVerdict.json(ok: isCorrect, findings: findings, error: error) }
        object.members.append(JSONMember(key: "warnings", value: .array(warnings.map(\.json))))
        return .object(object)
    }
}

extension PasswordDiagnosisReport {
    /// `{"ok", "findings"}`, and `error` when a message is given: `diagnose password` and `verify password`.
    public func json(error: String? = nil) -> JSONValue {
        FindingsVerdict.json(ok: isCorrect, findings: findings, error: error)
    }

    /// The report of a value that is right: no finding.
    public static let correct = PasswordDiagnosisReport(isCorrect: true, findings: [])
}

/// A yes-or-no verdict and its findings: `{"ok", "findings"}`, and `error` when a message is given.
enum FindingsVerdict {
    static func json(ok: Bool, findings: [Finding], error: String?) -> JSONValue {
        var members: [(String, JSONValue)] = [("ok", .bool(ok)), ("findings", .array(findings.map(\.json)))]
        if let error { members.append(("error", .string(error))) }
        return .ordered(members)
    }
}

// MARK: - Language

extension Finding {
    /// The finding with its summary and fix in `language` (the id and details do not change).
    public func localized(to language: Language) -> Finding {
        guard language != .en else { return self }
        return Finding(
            id: id, summary: Catalogue.translate(summary, to: language), fix: Catalogue.translate(fix, to: language),
            details: details)
    }

    /// The finding as one hint line in `language`: the summary, then the fix (``description`` in English).
    public func line(in language: Language) -> String {
        guard language != .en else { return description }
        let localized = localized(to: language)
        return "\(localized.summary)；\(localized.fix)"
    }
}

extension JSONValue {
    /// The members whose texts are written for people, in every encoding of this file and the faces' own
    /// (`summary`, `fix`, a check's `detail`, a code's `meaning`, `hints`, `notes`, string `warnings`, `error`,
    /// `message`); everything else (ids, names, values, details) is data and never translated.
    public static let proseKeys: Set<String> = [
        "summary", "fix", "detail", "meaning", "hints", "notes", "warnings", "error", "message",
    ]

    /// This encoding with its texts for people in `language`, and a `lang` member (`"zh-Hans"`) appended to a
    /// top-level object; English is this very value, without `lang` (so English output is what it always was).
    ///
    /// Only texts that the catalogue knows change: the vendor's messages (`签名验证失败`) and values a client
    /// sent stay as they are.
    public func localized(to language: Language) -> JSONValue {
        guard language != .en else { return self }
        let translated = Self.translating(self, prose: false, language)
        guard case .object(var object) = translated else { return translated }
        object.members.append(JSONMember(key: "lang", value: .string(language.rawValue)))
        return .object(object)
    }

    private static func translating(_ value: JSONValue, prose: Bool, _ language: Language) -> JSONValue {
        switch value {
        case .string(let text) where prose:
            return .string(Catalogue.translate(text, to: language))
        case .array(let elements):
            return .array(elements.map { translating($0, prose: prose, language) })
        case .object(let object):
            return .object(
                JSONObject(
                    object.members.map { member in
                        JSONMember(
                            key: member.key,
                            value: translating(member.value, prose: proseKeys.contains(member.key), language))
                    }))
        default:
            return value
        }
    }
}

internal import XiaoaAPI
internal import XiaoaCapture
internal import XiaoaCipher
internal import XiaoaJSON
internal import XiaoaPrimitives

/// Bad input to a console endpoint: answered as HTTP 400 `{"error": …, "hints": […]}`, which the page shows.
struct ConsoleInputError: Error, Sendable, Equatable {
    /// One line saying what is wrong (the library's own words where it has them).
    var message: String
    /// Likely causes and fixes, one sentence each (the diagnosis's findings where there are some).
    var hints: [String] = []
    /// The findings behind ``hints``, for programs.
    var findings: [Finding] = []

    init(message: String, hints: [String] = [], findings: [Finding] = []) {
        self.message = message
        self.hints = hints
        self.findings = findings
    }

    /// The library's words for bad input (an empty domain key, a timestamp that is not digits, …).
    init(_ problem: InputProblem) {
        self.init(message: problem.message, hints: problem.hints, findings: problem.findings)
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("error", .string(message)), ("hints", .array(hints.map { .string($0) })),
        ]
        if !findings.isEmpty { members.append(("findings", .array(findings.map(\.json)))) }
        return .ordered(members)
    }
}

/// The console's JSON endpoints, as functions from the request's JSON object to the answer's.
///
/// Each one decodes its fields, calls the library the command-line tool calls (`XiaoaSign.steps`,
/// `PasswordCipher.explain`/`decrypt`, `RequestVerifier` with the server's own findings, `CaptureVerifier` of
/// `verify har`), and encodes what it got; the routes in ``addConsoleRoutes(to:settings:recent:access:)`` only add
/// HTTP around them.
enum ConsoleAPI {
    /// The JSON object of a console request body; anything else is bad input.
    static func object(
        _ body: [UInt8], allowed: Set<String>, maxBytes: Int = 2 << 20
    ) throws(ConsoleInputError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body, options: .init(maxDepth: 16, maxBytes: maxBytes))
        } catch {
            throw ConsoleInputError(message: "the request is not valid JSON: \(error)", hints: ["send one JSON object"])
        }
        guard let object = value.object else {
            throw ConsoleInputError(message: "the request is JSON but not an object")
        }
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw ConsoleInputError(
                message: "unknown field \(JSONText.quoted(unknown))",
                hints: ["the fields are: " + allowed.sorted().joined(separator: ", ")])
        }
        return object
    }

    // MARK: - sign

    static let signFields: Set<String> = ["timestamp", "domain_key"]

    /// `{"timestamp": "1700000000", "domain_key": "abc"}` (timestamp empty or absent: now) → the sign and its steps.
    static func sign(_ request: JSONObject, now: Int64) throws(ConsoleInputError) -> JSONValue {
        let domainKey = try string("domain_key", in: request) ?? ""
        var timestamp = try string("timestamp", in: request) ?? ""
        if timestamp.isEmpty { timestamp = String(now) }
        do { return try SignReport.checked(timestamp: timestamp, domainKey: domainKey).json } catch {
            throw ConsoleInputError(error)
        }
    }

    // MARK: - encrypt / decrypt

    static let cipherFields: Set<String> = ["key", "key_format", "iv", "iv_format"]
    static let encryptFields = cipherFields.union(["plaintext", "plaintext_format"])
    static let decryptFields = cipherFields.union(["ciphertext"])

    /// `{"plaintext": "123456", "plaintext_format": "text"|"hex", "key", "key_format", "iv", "iv_format"}` → the
    /// key, IV, padded blocks, ciphertext and base64 (`encrypt --explain`).
    static func encrypt(_ request: JSONObject) throws(ConsoleInputError) -> JSONValue {
        let (cipher, key, iv) = try makeCipher(request)
        let text = try string("plaintext", in: request) ?? ""
        let plaintext: [UInt8]
        switch try format("plaintext_format", in: request) {
        case .text: plaintext = Array(text.utf8)
        case .hex:
            do { plaintext = try Hex.decode(text) } catch {
                throw ConsoleInputError(
                    message: "plaintext hex: \(error.reason)",
                    hints: ["give the plaintext bytes as pairs of hex digits, or choose text"])
            }
        }
        return cipher.explain(plaintext).json(notes: keyNotes(key: key, iv: iv))
    }

    /// `{"ciphertext": "HHAE…==", "key", "key_format", "iv", "iv_format"}` → the plaintext (text when it is UTF-8,
    /// and hex) and the same steps as encrypt. A ciphertext that does not decrypt is bad input, with the
    /// diagnosis's findings as hints (what `xiaoa-crypto decrypt` prints as `hint:` lines).
    static func decrypt(_ request: JSONObject) throws(ConsoleInputError) -> JSONValue {
        let (cipher, key, iv) = try makeCipher(request)
        guard let text = try string("ciphertext", in: request), !text.isEmpty else {
            throw ConsoleInputError(
                message: "the ciphertext is empty",
                hints: ["paste the base64 value of a password field, e.g. HHAEEXzBXY4FmXo0mOQ8Hw=="])
        }
        let plaintext: [UInt8]
        do { plaintext = try PasswordDecryption.decrypt(text.utf8, with: cipher, key: key, iv: iv) } catch {
            throw ConsoleInputError(message: error.description, hints: error.hints, findings: error.findings)
        }
        let notes = PasswordDecryption.plaintextNotes(plaintext) + keyNotes(key: key, iv: iv)
        return cipher.explain(plaintext).json(notes: notes)
    }

    enum Format { case text, hex }

    private static func makeCipher(_ request: JSONObject) throws(ConsoleInputError) -> (
        PasswordCipher, KeyMaterial, KeyMaterial
    ) {
        func material(_ name: String, default fallback: String) throws(ConsoleInputError) -> KeyMaterial {
            let text = try string(name, in: request) ?? fallback
            switch try format("\(name)_format", in: request) {
            case .text: return .text(text)
            case .hex: return .hex(text)
            }
        }
        let key = try material("key", default: PasswordCipher.vendorKeyText)
        let iv = try material("iv", default: PasswordCipher.vendorIVText)
        do {
            return (try PasswordCipher(key: key, iv: iv), key, iv)
        } catch {
            throw ConsoleInputError(
                message: error.description,
                hints: [
                    "hex keys and IVs are exactly 16 bytes: 32 hex digits; or choose text (zero-padded or cut to 16 "
                        + "bytes, as PHP does)"
                ])
        }
    }

    private static func format(_ name: String, in request: JSONObject) throws(ConsoleInputError) -> Format {
        switch try string(name, in: request) ?? "text" {
        case "text": return .text
        case "hex": return .hex
        case let other:
            throw ConsoleInputError(message: "\(name) is \(JSONText.quoted(other)); expected \"text\" or \"hex\"")
        }
    }

    /// Notes on a text key or IV that PHP would pad or cut.
    private static func keyNotes(key: KeyMaterial, iv: KeyMaterial) -> [String] {
        [key.adjustmentNote(role: "key"), iv.adjustmentNote(role: "IV")].compactMap { $0 }
    }

    // MARK: - check a request

    static let verifyFields: Set<String> = ["endpoint", "body", "domain_keys", "max_skew", "now"]

    /// `{"endpoint": "assoc/add", "body": "<the captured JSON text>", "domain_keys": [..], "max_skew": 300, "now": …}`
    /// → each check, the code this server would answer and every finding, as `verify request` and the server's
    /// `--explain` give them. Without `domain_keys` or `max_skew` the server's own settings apply.
    static func verifyRequest(
        _ request: JSONObject, serverKeys: Set<String>, serverMaxSkew: Int64?, now serverNow: Int64
    ) throws(ConsoleInputError) -> JSONValue {
        let names = Endpoint.allCases.map(\.rawValue)
        guard let name = try string("endpoint", in: request), let endpoint = Endpoint(name: name) else {
            throw ConsoleInputError(message: "pick an endpoint", hints: ["one of " + names.joined(separator: ", ")])
        }
        guard let body = try string("body", in: request), !body.isEmpty else {
            throw ConsoleInputError(
                message: "the body is empty", hints: ["paste the JSON body the client sent (the POST data)"])
        }
        let (keys, keysSource) = try domainKeys(in: request, server: serverKeys)
        let maxSkew = try Self.maxSkew(in: request, server: serverMaxSkew)
        let now: Int64
        switch request["now"] {
        case nil, .null?: now = serverNow
        case .number(let number)?:
            guard let value = number.int else { throw ConsoleInputError(message: "now must be Unix seconds") }
            now = Int64(value)
        default: throw ConsoleInputError(message: "now must be Unix seconds")
        }
        let bytes = Array(body.utf8)
        let verdict = RequestVerifier(domainKeys: keys, maxSkew: maxSkew).verify(bytes, endpoint: endpoint, now: now)
        // The findings the server itself would give this request (its log, X-Xiaoa-Findings, --explain).
        let findings = RequestDiagnosis.findings(for: verdict, now: now, maxSkew: maxSkew)
        let encoded = verdict.json(findings: findings)
        guard case .object(var answer) = encoded else { return encoded }
        answer.members += [
            JSONMember(key: "domain_keys", value: .string(keysSource)),
            JSONMember(key: "max_skew", value: maxSkew.map { .int($0) } ?? .null),
            JSONMember(key: "now", value: .int(now)),
        ]
        return .object(answer)
    }

    // MARK: - check a capture

    static let captureFields: Set<String> = ["har", "domain_keys", "max_skew", "show_secrets"]

    /// The largest request body of check-capture: a HAR of a few MiB, JSON-escaped inside the request.
    static let captureMaxBytes = 16 << 20

    /// `{"har": "<the HAR text>", "domain_keys": [..], "max_skew": 300|null, "show_secrets": false}` → the report of
    /// `xiaoa-crypto verify har --format json` (``CaptureReport/json(showSecrets:onlyFailures:)``). Without
    /// `domain_keys` or `max_skew` the server's own settings apply; a text that is not HAR is bad input, where and
    /// why in the library's words.
    static func checkCapture(
        _ request: JSONObject, serverKeys: Set<String>, serverMaxSkew: Int64?
    ) throws(ConsoleInputError) -> JSONValue {
        guard let text = try string("har", in: request), !text.isEmpty else {
            throw ConsoleInputError(
                message: "the HAR is empty",
                hints: ["choose or drop a .har file saved by devtools, mitmproxy, Charles, Proxyman or Postman"])
        }
        let (keys, _) = try domainKeys(in: request, server: serverKeys)
        let maxSkew = try Self.maxSkew(in: request, server: serverMaxSkew)
        let showSecrets: Bool
        switch request["show_secrets"] {
        case nil, .null?: showSecrets = false
        case .bool(let flag)?: showSecrets = flag
        case let other?: throw ConsoleInputError(message: "show_secrets must be true or false, found \(other.kindName)")
        }
        let har: HARFile
        do { har = try HARFile.parse(text.utf8) } catch {
            throw ConsoleInputError(
                message: "the file is \(error.reason)",
                hints: ["save the capture as HAR 1.2 (devtools: Save all as HAR; mitmproxy: --set hardump=FILE)"])
        }
        return CaptureVerifier(domainKeys: keys, maxSkew: maxSkew).judge(har).json(showSecrets: showSecrets)
    }

    // MARK: - Fields

    /// `domain_keys`: the keys given (`"given"`), or the server's (`"server"`) when absent, null or empty.
    private static func domainKeys(
        in request: JSONObject, server: Set<String>
    ) throws(ConsoleInputError) -> (Set<String>, String) {
        switch request["domain_keys"] {
        case nil, .null?: return (server, "server")
        case .array(let items)?:
            var given = Set<String>()
            for item in items {
                guard let key = item.string, !key.isEmpty else {
                    throw ConsoleInputError(message: "domain_keys must be non-empty strings")
                }
                given.insert(key)
            }
            return given.isEmpty ? (server, "server") : (given, "given")
        default: throw ConsoleInputError(message: "domain_keys must be an array of strings")
        }
    }

    /// `max_skew`: the server's when absent, nil (not checked) when null, else whole seconds.
    private static func maxSkew(in request: JSONObject, server: Int64?) throws(ConsoleInputError) -> Int64? {
        switch request["max_skew"] {
        case nil: return server
        case .null?: return nil
        case .number(let number)?:
            guard let value = number.int, value >= 0 else {
                throw ConsoleInputError(message: "max_skew must be a whole number of seconds, 0 or more")
            }
            return Int64(value)
        default: throw ConsoleInputError(message: "max_skew must be a number of seconds or null")
        }
    }

    /// The string member `name`, nil when absent or null; another type is bad input.
    private static func string(_ name: String, in request: JSONObject) throws(ConsoleInputError) -> String? {
        switch request[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw ConsoleInputError(message: "\(name) must be a string, found \(other.kindName)")
        }
    }
}

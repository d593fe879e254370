public import XiaoaAPI
public import XiaoaJSON

/// Judges recorded API calls: the code each request alone earns (the verifier and diagnosis of `verify request`),
/// the code the server really answered, and what it means where they disagree.
///
/// Freshness is judged at the entry's own `startedDateTime`, never at today's clock, so a capture gets the same
/// verdicts whenever it is judged.
///
/// ```swift
/// let report = CaptureVerifier(domainKeys: ["demo"], maxSkew: 300).judge(try HARFile.parse(bytes))
/// for verdict in report.verdicts.map({ $0.masked() }) { print(verdict.line) }
/// ```
public struct CaptureVerifier: Sendable {
    /// The domain keys the server is believed to know.
    public var domainKeys: Set<String>
    /// The server's allowed skew, in seconds; nil to skip the freshness check.
    public var maxSkew: Int64?

    public init(domainKeys: Set<String>, maxSkew: Int64? = nil) {
        self.domainKeys = domainKeys
        self.maxSkew = maxSkew
    }

    /// The verdicts of every API entry of `har`; the other entries are counted.
    public func judge(_ har: HARFile) -> CaptureReport {
        CaptureReport(verdicts: har.entries.compactMap { judge($0) }, entryCount: har.entries.count)
    }

    /// The verdict of one entry, or nil when its URL's path ends in none of the four endpoints.
    public func judge(_ entry: HAREntry) -> CaptureVerdict? {
        guard let endpoint = entry.endpoint else { return nil }
        let (actual, message) = Self.answer(entry.responseContent)
        var verdict = CaptureVerdict(entry: entry, endpoint: endpoint, actual: actual, secrets: Array(domainKeys))
        verdict.actualMessage = message
        // The server answers 30002 to any other method before it reads the body (an HTTP method is case-sensitive).
        guard entry.method == "POST" else {
            verdict.predicted = .notPost
            verdict.findings = [ServerFinding.notPost(method: entry.method, path: String(entry.path))]
            verdict.findings += disagreement(verdict.predicted, actual, nil)
            return verdict
        }
        let body = entry.postData.map { $0.bytes ?? Array($0.text.utf8) } ?? []
        // No readable start time: the skew cannot be judged (today's clock would judge another moment).
        let skew = entry.startedUnix == nil ? nil : maxSkew
        let now = entry.startedUnix ?? 0
        let checked = RequestVerifier(domainKeys: domainKeys, maxSkew: skew).verify(body, endpoint: endpoint, now: now)
        verdict.predicted = checked.code
        verdict.checked = checked
        verdict.findings = RequestDiagnosis.findings(for: checked, now: now, maxSkew: skew)
        if let type = entry.contentType, Self.isForm(type) {
            verdict.findings.append(CaptureFinding.formEncoded(contentType: type))
        }
        verdict.findings += disagreement(checked.code, actual, checked)
        if let parameters = checked.parameters {
            verdict.secrets += [parameters.domainKey, parameters.sign]
        }
        verdict.secrets += checked.passwordTexts
        return verdict
    }

    /// What a recorded answer that differs from the prediction means; nothing where the accounts decide (the
    /// request was well-formed and the answer is about users or bindings).
    private func disagreement(_ predicted: APICode, _ actual: Int?, _ checked: RequestVerdict?) -> [Finding] {
        guard let actual, actual != predicted.rawValue else { return [] }
        func passed(_ name: CheckName) -> Bool {
            checked?.checks.contains { $0.name == name && $0.outcome == .pass } ?? false
        }
        func failed(_ name: CheckName) -> Bool {
            checked?.checks.contains { $0.name == name && ($0.outcome == .fail || $0.outcome == .wouldFail) } ?? true
        }
        if actual == APICode.unknownDomainKey.rawValue && passed(.domainKey) {
            return [CaptureFinding.otherDomainKey()]
        }
        // With a key not given here the server got past its key check: that it knows the key says more.
        if actual == APICode.signatureFailed.rawValue && passed(.domainKey) && passed(.sign) && !failed(.timestamp) {
            return [CaptureFinding.vendorClockOrKey()]
        }
        let requestLevel: Set<APICode> = [.illegalParameters, .signatureFailed, .unknownDomainKey, .notPost]
        guard predicted != .ok || APICode(rawValue: actual).map(requestLevel.contains) == true else { return [] }
        return [CaptureFinding.answerDiffers(predicted: predicted, actual: actual)]
    }

    /// The `code` of a recorded JSON answer, when there is one.
    /// The `code` and `message` of a recorded answer (nil where it is not the vendor's JSON), from one parse.
    static func answer(_ content: HARContent?) -> (code: Int?, message: String?) {
        guard let bytes = content?.bytes, bytes.count <= 1 << 24,
            let value = try? JSONParser.parse(bytes, options: .init(maxDepth: 64, rejectDuplicateKeys: false))
        else { return (nil, nil) }
        guard let code = value["code"]?.int else { return (nil, nil) }
        return (code, value["message"]?.string)
    }

    /// Whether a content type is a form's (`application/x-www-form-urlencoded`, `multipart/form-data`).
    static func isForm(_ contentType: String) -> Bool {
        var type = contentType.lowercased().prefix { $0 != ";" }
        while type.last == " " || type.last == "\t" { type.removeLast() }
        while type.first == " " || type.first == "\t" { type.removeFirst() }
        return type == "application/x-www-form-urlencoded" || type == "multipart/form-data"
    }
}

/// The judgement of one recorded API call.
public struct CaptureVerdict: Sendable {
    /// The position in `log.entries`, from 0.
    public let index: Int
    /// `startedDateTime` as recorded.
    public let started: String
    public let method: String
    public private(set) var url: String
    public let endpoint: Endpoint
    /// The code the request alone earns: 0 means well-formed (whether the users and bindings exist is the
    /// server's business).
    public internal(set) var predicted: APICode = .ok
    /// The `code` of the recorded answer, when there is one.
    public let actual: Int?
    /// The `message` beside ``actual`` in the recorded answer (nil without a code, or when it is no string).
    public internal(set) var actualMessage: String?
    /// Why the request is refused, its warnings, how it was sent and what a disagreeing answer means.
    public internal(set) var findings: [Finding] = []
    /// The values to mask wherever a text would repeat them: the domain keys, the sign, the ciphertexts.
    public internal(set) var secrets: [String]
    /// The verifier's verdict on the body (nil for a method other than POST, which is refused before the body
    /// is read): the domain key, the sign and the fields it read, for a log line.
    public internal(set) var checked: RequestVerdict?

    init(entry: HAREntry, endpoint: Endpoint, actual: Int?, secrets: [String]) {
        index = entry.index
        started = entry.started
        method = entry.method
        url = entry.url
        self.endpoint = endpoint
        self.actual = actual
        self.secrets = secrets
    }

    /// Whether the server accepted it (when an answer was recorded) and would accept it.
    public var isAccepted: Bool { predicted == .ok && (actual ?? 0) == 0 }

    /// Whether the recorded answer differs from the prediction in a way a finding explains.
    public var isDisagreement: Bool { findings.contains { $0.id.rawValue.hasPrefix("capture.") } }

    /// The verdict with every secret replaced by `***` in its URL and findings (as in the stand-in's log).
    public func masked() -> CaptureVerdict {
        // Longest first, so that a key inside a longer secret does not leave the rest of it readable.
        let secrets = Set(secrets.filter { $0.utf8.count >= 3 }).sorted { $0.utf8.count > $1.utf8.count }
        guard !secrets.isEmpty else { return self }
        func mask(_ text: String) -> String { secrets.reduce(text) { $0.replacing($1, with: "***") } }
        var copy = self
        copy.url = mask(url)
        copy.findings = findings.map {
            Finding(id: $0.id, summary: mask($0.summary), fix: mask($0.fix), details: $0.details.mapValues(mask))
        }
        return copy
    }

    /// `{"index", "started", "method", "url", "endpoint", "predicted", "actual", "findings"}`.
    public var json: JSONValue {
        .ordered([
            ("index", .int(index)), ("started", .string(started)), ("method", .string(method)), ("url", .string(url)),
            ("endpoint", .string(endpoint.rawValue)), ("predicted", .int(predicted.rawValue)),
            ("actual", actual.map { .int($0) } ?? .null), ("findings", .array(findings.map(\.json))),
        ])
    }

    /// One line for a terminal: `#3  2026-12-01T15:16:23.123Z  POST assoc/add  predicted 10001  actual 10001`.
    public var line: String {
        let answered = actual.map { "actual \($0)" } ?? "no answer"
        return "#\(index)  \(started)  \(method) \(endpoint.rawValue)  predicted \(predicted.rawValue)  \(answered)"
            + "  \(url)"
    }
}

/// The verdicts of a capture and its counts.
public struct CaptureReport: Sendable {
    /// One verdict per API entry, in the file's order.
    public let verdicts: [CaptureVerdict]
    /// The number of entries in the file, API calls or not.
    public let entryCount: Int

    public init(verdicts: [CaptureVerdict], entryCount: Int) {
        self.verdicts = verdicts
        self.entryCount = entryCount
    }

    /// Whether every API entry was (where an answer was recorded) and would be accepted.
    public var isAccepted: Bool { verdicts.allSatisfy(\.isAccepted) }

    /// `{"entries", "api", "skipped", "accepted", "refused", "disagreements"}`: the entries of the file, the API
    /// calls among them, the others (skipped), the API calls accepted and refused, and those whose recorded
    /// answer disagrees with the prediction.
    public var summaryJSON: JSONValue {
        let accepted = verdicts.filter(\.isAccepted).count
        return .ordered([
            ("entries", .int(entryCount)), ("api", .int(verdicts.count)),
            ("skipped", .int(entryCount - verdicts.count)),
            ("accepted", .int(accepted)), ("refused", .int(verdicts.count - accepted)),
            ("disagreements", .int(verdicts.filter(\.isDisagreement).count)),
        ])
    }

    /// `{"entries": [verdict…], "summary": {…}}`, the verdicts masked unless `showSecrets`, only the refused ones
    /// with `onlyFailures` (the summary counts them all).
    public func json(showSecrets: Bool = false, onlyFailures: Bool = false) -> JSONValue {
        let shown = verdicts.filter { !onlyFailures || !$0.isAccepted }.map { showSecrets ? $0 : $0.masked() }
        return .ordered([("entries", .array(shown.map(\.json))), ("summary", summaryJSON)])
    }
}

import Testing
import XiaoaAPI
import XiaoaCapture
import XiaoaJSON

/// HAR files as the tools write them, read and judged: every kind of entry, the disagreements, masking, errors.
@Suite("Capture verifier")
struct CaptureVerifierTests {
    static let key = "dk-secret"
    /// 2023-11-14T22:13:20Z.
    static let timestamp = "1700000000"
    static let started = "2023-11-14T22:13:20.123Z"

    /// A signed JSON body for `endpoint` with `values` (passwords encrypted with the vendor's key and IV).
    static func body(_ endpoint: Endpoint, _ values: [String: String], key: String = key) throws -> String {
        let value = try RequestBody.build(
            endpoint: endpoint, timestamp: timestamp, domainKey: key, values: values.mapValues { Array($0.utf8) })
        return try JCS.canonicalString(value)
    }

    static let add: [String: String] = ["user_name": "xa", "password": "pw-one", "c_username": "c1"]

    /// A JSON string literal for `text`.
    static func quoted(_ text: String) throws -> String { try JCS.canonicalString(.string(text)) }

    /// One entry in the style of Chromium's devtools: `postData.text`, the answer's body as text or base64.
    static func entry(
        method: String = "POST", url: String = "https://api.example.com/v1/assoc/add", started: String = started,
        mimeType: String = "application/json", text: String?, encoding: String? = nil, answer: String? = nil,
        answerBase64: Bool = false
    ) throws -> String {
        var request = #""method":"\#(method)","url":\#(try quoted(url)),"httpVersion":"HTTP/1.1","#
        request += #""headers":[{"name":"Content-Type","value":\#(try quoted(mimeType))}]"#
        if let text {
            let encoded = encoding.map { #","encoding":"\#($0)""# } ?? ""
            request += #","postData":{"mimeType":\#(try quoted(mimeType)),"text":\#(try quoted(text))\#(encoded)}"#
        }
        var content = #"{"size":0,"mimeType":"application/json"}"#
        if let answer {
            let text = answerBase64 ? base64(Array(answer.utf8)) : answer
            let encoded = answerBase64 ? #","encoding":"base64""# : ""
            content = #"{"size":0,"mimeType":"application/json","text":\#(try quoted(text))\#(encoded)}"#
        }
        return #"{"startedDateTime":"\#(started)","time":12.5,"request":{\#(request)},"#
            + #""response":{"status":200,"content":\#(content)}}"#
    }

    static func har(_ entries: [String]) -> [UInt8] {
        Array(
            #"{"log":{"version":"1.2","creator":{"name":"test"},"entries":[\#(entries.joined(separator: ","))]}}"#.utf8)
    }

    static func judge(_ entries: [String], maxSkew: Int64? = 300) throws -> CaptureReport {
        CaptureVerifier(domainKeys: [key], maxSkew: maxSkew).judge(try HARFile.parse(har(entries)))
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = Array(bytes[start..<min(start + 3, bytes.count)]) + [0, 0]
            let n = Int(chunk[0]) << 16 | Int(chunk[1]) << 8 | Int(chunk[2])
            let count = min(3, bytes.count - start)
            for i in 0..<4 { out.append(i <= count ? alphabet[(n >> (18 - 6 * i)) & 63] : UInt8(ascii: "=")) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func ids(_ verdict: CaptureVerdict) -> [String] { verdict.findings.map(\.id.rawValue) }

    // MARK: - Every kind of entry

    @Test func aGoodRequestAnsweredZeroIsAccepted() throws {
        let report = try Self.judge([Self.entry(text: Self.body(.add, Self.add), answer: #"{"code":0,"message":"ok"}"#)]
        )
        let verdict = try #require(report.verdicts.first)
        #expect(verdict.index == 0 && verdict.endpoint == .add && verdict.method == "POST")
        #expect(verdict.predicted == .ok && verdict.actual == 0 && verdict.findings.isEmpty)
        #expect(report.isAccepted)
    }

    @Test func theMistakesOfTheBodyAreNamedAsVerifyRequestNamesThem() throws {
        let good = try Self.body(.add, Self.add)
        let sign = XiaoaSignOf.sign(in: good)
        let upper = good.replacing(sign, with: sign.uppercased())
        let report = try Self.judge([Self.entry(text: upper, answer: #"{"code":10001}"#)])
        let verdict = try #require(report.verdicts.first)
        #expect(verdict.predicted == .signatureFailed && verdict.actual == 10001)
        #expect(Self.ids(verdict) == ["request.sign", "sign.outerUppercase"])
        #expect(!report.isAccepted)
    }

    @Test func anotherMethodEarns30002() throws {
        let report = try Self.judge([Self.entry(method: "GET", text: nil, answer: #"{"code":30002}"#)])
        let verdict = try #require(report.verdicts.first)
        #expect(verdict.predicted == .notPost && verdict.actual == 30002)
        #expect(Self.ids(verdict) == ["server.notPost"])
    }

    @Test func aFormPostIsNamedAndItsParamsAreTheBody() throws {
        // No text: the params are the body, joined as sent.
        let form =
            #"{"startedDateTime":"\#(Self.started)","request":{"method":"POST","url":"http://h/assoc/add","#
            + #""headers":[],"postData":{"mimeType":"application/x-www-form-urlencoded; charset=UTF-8","#
            + #""params":[{"name":"user_name","value":"xa"},{"name":"c_username","value":"c1"}]}},"#
            + #""response":{"status":200,"content":{"mimeType":"application/json","text":"{\"code\":10000}"}}}"#
        let verdict = try #require(try Self.judge([form]).verdicts.first)
        #expect(verdict.predicted == .illegalParameters && verdict.actual == 10000)
        #expect(Self.ids(verdict) == ["request.json", "request.formEncoded"])
        #expect(verdict.findings[1].summary.contains("application/x-www-form-urlencoded"))
    }

    @Test func base64BodiesAreDecodedInRequestAndAnswer() throws {
        let body = try Self.body(.add, Self.add)
        let entry = try Self.entry(
            text: Self.base64(Array(body.utf8)), encoding: "base64", answer: #"{"code":0}"#, answerBase64: true)
        let verdict = try #require(try Self.judge([entry]).verdicts.first)
        #expect(verdict.predicted == .ok && verdict.actual == 0)
    }

    @Test func entriesThatAreNoAPICallAreSkippedAndCounted() throws {
        let image = try Self.entry(
            method: "GET", url: "https://cdn.example.com/logo.png", text: nil, answer: "\u{89}PNG", answerBase64: true)
        let other = try Self.entry(url: "https://api.example.com/assoc/addition", text: "{}")
        let report = try Self.judge([image, Self.entry(text: Self.body(.add, Self.add)), other])
        #expect(report.verdicts.map(\.index) == [1])
        #expect(report.entryCount == 3)
        #expect(report.verdicts[0].actual == nil)
        let summary = try JCS.canonicalString(report.summaryJSON)
        #expect(summary == #"{"accepted":1,"api":1,"disagreements":0,"entries":3,"refused":0,"skipped":2}"#)
    }

    @Test func theEndpointIsTheEndOfThePathOnAnyHostAndBasePath() {
        func endpoint(_ url: String) -> Endpoint? { HAREntry(index: 0, started: "", method: "POST", url: url).endpoint }
        #expect(endpoint("https://api.example.com/v1/assoc/login?x=%2B#top") == .login)
        #expect(endpoint("http://127.0.0.1:8080/assoc/update") == .update)
        #expect(endpoint("/assoc/delete") == .delete)
        #expect(endpoint("https://example.com/assoc/delete/") == nil)
        #expect(endpoint("https://example.com/?next=/assoc/add") == nil)
        #expect(endpoint("https://assoc/add") == nil)
    }

    // MARK: - Freshness at the entry's own time

    @Test func freshnessIsJudgedAtStartedDateTime() throws {
        let body = try Self.body(.login, ["c_username": "c1"])
        let fresh = try Self.entry(url: "http://h/assoc/login", started: "2023-11-14T23:13:20.5+01:00", text: body)
        let stale = try Self.entry(url: "http://h/assoc/login", started: "2023-11-14T22:30:00.000Z", text: body)
        let report = try Self.judge([fresh, stale])
        #expect(report.verdicts[0].predicted == .ok)
        #expect(report.verdicts[1].predicted == .signatureFailed)
        #expect(Self.ids(report.verdicts[1]).contains("sign.timestampTooOld"))
        // Without a skew, or without a readable time, freshness is not judged.
        #expect(try Self.judge([stale], maxSkew: nil).verdicts[0].predicted == .ok)
        let undated = try Self.entry(url: "http://h/assoc/login", started: "yesterday", text: body)
        #expect(try Self.judge([undated]).verdicts[0].predicted == .ok)
    }

    @Test func startedDateTimeInTheToolsSpellings() {
        func unix(_ text: String) -> Int64? { HAREntry(index: 0, started: text, method: "GET", url: "").startedUnix }
        #expect(unix("2023-11-14T22:13:20Z") == 1_700_000_000)
        #expect(unix("2023-11-14T22:13:20.123456+00:00") == 1_700_000_000)
        #expect(unix("2023-11-14T23:13:20.999+01:00") == 1_700_000_000)
        #expect(unix("2023-11-14T17:13:20-0500") == 1_700_000_000)
        #expect(unix("1970-01-01T00:00:00Z") == 0)
        #expect(unix("2024-02-29T00:00:00Z") == 1_709_164_800)
        #expect(unix("2023-11-14") == nil)
        #expect(unix("2023-13-14T22:13:20Z") == nil)
        #expect(unix("2023-11-14T22:13:20Zjunk") == nil)
    }

    // MARK: - What a disagreeing answer means

    @Test func answered10002WithAKeyGivenMeansAnotherKey() throws {
        let verdict = try #require(
            try Self.judge([Self.entry(text: Self.body(.add, Self.add), answer: #"{"code":10002}"#)]).verdicts.first)
        #expect(verdict.predicted == .ok && Self.ids(verdict) == ["capture.otherDomainKey"])
        #expect(verdict.isDisagreement && !verdict.isAccepted)
    }

    @Test func answered10001WithARightSignMeansTheVendorsClockOrKey() throws {
        let verdict = try #require(
            try Self.judge([Self.entry(text: Self.body(.add, Self.add), answer: #"{"code":10001}"#)]).verdicts.first)
        #expect(Self.ids(verdict) == ["capture.vendorClockOrKey"])
    }

    @Test func otherDisagreementsAreNamedButTheAccountsCodesAreNot() throws {
        let unknown = try Self.body(.add, Self.add, key: "not-given")
        let accepted = try #require(try Self.judge([Self.entry(text: unknown, answer: #"{"code":0}"#)]).verdicts.first)
        #expect(accepted.predicted == .unknownDomainKey && Self.ids(accepted).last == "capture.answerDiffers")
        #expect(accepted.findings.last?.details == ["predicted": "10002", "actual": "0"])
        let known = try #require(try Self.judge([Self.entry(text: unknown, answer: #"{"code":10001}"#)]).verdicts.first)
        #expect(known.findings.last?.summary.contains("knows the domain key") == true)
        let noUser = try #require(
            try Self.judge([Self.entry(text: Self.body(.add, Self.add), answer: #"{"code":20001}"#)]).verdicts.first)
        #expect(noUser.predicted == .ok && noUser.actual == 20001 && noUser.findings.isEmpty && !noUser.isAccepted)
        let notJSON = try #require(try Self.judge([Self.entry(text: "{}", answer: "<html>")]).verdicts.first)
        #expect(notJSON.actual == nil && notJSON.predicted == .illegalParameters)
    }

    // MARK: - Secrets and the one encoding

    @Test func secretsAreMaskedUnlessShown() throws {
        let good = try Self.body(.add, Self.add)
        let sign = XiaoaSignOf.sign(in: good)
        let wrong = good.replacing(sign, with: sign.uppercased())
        let report = try Self.judge([Self.entry(url: "http://h/assoc/add?k=\(Self.key)", text: wrong)])
        let masked = try JCS.canonicalString(report.json())
        #expect(!masked.contains(Self.key) && !masked.contains(sign.uppercased()) && masked.contains("***"))
        let shown = try JCS.canonicalString(report.json(showSecrets: true))
        #expect(shown.contains(Self.key) && shown.contains(sign.uppercased()))
        let entry = try #require(report.json()["entries"]?.array?.first?.object)
        #expect(entry.keys == ["index", "started", "method", "url", "endpoint", "predicted", "actual", "findings"])
        #expect(entry["findings"]?.array?.first == report.verdicts[0].masked().findings[0].json)
    }

    @Test func onlyFailuresKeepsTheSummaryWhole() throws {
        let good = try Self.entry(text: Self.body(.add, Self.add), answer: #"{"code":0}"#)
        let bad = try Self.entry(text: "[]", answer: #"{"code":10000}"#)
        let value = try Self.judge([good, bad]).json(onlyFailures: true)
        #expect(value["entries"]?.array?.map { $0["index"]?.int } == [1])
        #expect(value["summary"]?["api"]?.int == 2 && value["summary"]?["refused"]?.int == 1)
    }

    // MARK: - Files that are not HAR

    @Test func aTruncatedFileSaysWhereAndWhy() throws {
        let bytes = Self.har([try Self.entry(text: "{}")])
        #expect(throws: HARError.self) { try HARFile.parse(bytes.dropLast(3)) }
        do {
            _ = try HARFile.parse(Array("{\n  \"log\": {\n    \"entries\": [,\n".utf8))
            Issue.record("parsed")
        } catch {
            #expect(error.line == 3 && error.column == 17)
            #expect(error.reason.hasPrefix("not valid JSON at line 3, column 17"))
        }
    }

    @Test func jsonThatIsNotHARIsRefused() {
        for text in [#"{}"#, #"{"log":{}}"#, #"{"log":{"entries":[{}]}}"#, #"{"log":{"entries":[{"request":{}}]}}"#] {
            #expect(throws: HARError.self, "\(text)") { try HARFile.parse(Array(text.utf8)) }
        }
        #expect(throws: Never.self) { try HARFile.parse(Array(#"{"log":{"entries":[]}}"#.utf8)) }
    }
}

/// The sign member of a body built by ``RequestBody``.
enum XiaoaSignOf {
    static func sign(in body: String) -> String {
        (try? JSONParser.parse(body))?["sign"]?.string ?? ""
    }
}

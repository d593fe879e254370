import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import XiaoaAPI
import XiaoaCapture
import XiaoaJSON
import XiaoaSigning

@testable import XiaoaServer

/// The debugging console: its JSON endpoints give the command line's known answers through the real router, bad
/// input is a 400 with a message, and only loopback clients are served unless the console is opened to anyone.
@Suite("Console")
struct ConsoleTests {
    /// The stand-in with the console open to the in-process test client (which has no address).
    func app(_ access: ConsoleAccess? = .anywhere, keys: [String] = [], maxSkew: Int64? = nil) async throws
        -> some ApplicationProtocol
    {
        try await buildApplication(
            ServerConfiguration(
                host: "127.0.0.1", port: 0, domainKeys: keys, maxSkew: maxSkew, loginBaseURL: "http://xiaoa.test/",
                pbkdf2Iterations: 1000, console: access, now: { testNow }))
    }

    // MARK: - sign

    @Test func signGivesTheKnownAnswerAndItsSteps() async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("sign", #"{"timestamp":"1700000000","domain_key":"abc"}"#)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "application/json; charset=utf-8")
            #expect(answer.field("sign") == "8119bf02e2")
            #expect(answer.field("input") == "1700000000abc")
            #expect(answer.json.object?["input_bytes"]?.int == 13)
            #expect(answer.field("md5_first") == "cd914fd8d6df064f1d57d60df13e34f3")
            #expect(answer.field("md5_second") == "8eda51098119bf02e28a4a1826779199")
            #expect(
                answer.field("public_parameters")
                    == #"{"domain_key":"abc","sign":"8119bf02e2","timestamp":"1700000000"}"#)
        }
    }

    /// One shape of sign steps: the sign pane, the verdict's `expected` and `serve --explain` print the same
    /// members (the verdict adds `sign_received`, the sign pane `public_parameters` and `warnings`).
    @Test func signStepsHaveOneShapeInEveryFace() async throws {
        let app = try await buildApplication(
            ServerConfiguration(
                host: "127.0.0.1", port: 0, domainKeys: ["abc"], explain: true, loginBaseURL: "http://xiaoa.test/",
                pbkdf2Iterations: 1000, console: .anywhere, now: { testNow }))
        try await app.test(.router) { client in
            let signPane = try await client.console("sign", #"{"timestamp":"1700000000","domain_key":"abc"}"#)
            let captured = body(
                .login, domainKey: "abc", timestamp: "1700000000", sign: "0123456789", ["c_username": "c1"])
            let verified = try await client.console("verify-request", verifyRequest(.login, captured))
            let explained = try await client.post(.login, captured)
            var steps = try #require(signPane.json.object)
            steps.members.removeAll { ["public_parameters", "warnings"].contains($0.key) }
            let expectedSteps = JSONObject(steps.members + [JSONMember(key: "sign_received", value: "0123456789")])
            #expect(verified.json.object?["expected"]?.object == expectedSteps)
            #expect(explained.data?.object?["expected"]?.object == expectedSteps)
            // And the library's encoding is that shape, member for member.
            #expect(
                SignReport(timestamp: "1700000000", domainKey: "abc").stepsJSON(signReceived: "0123456789")
                    == .object(expectedSteps))
        }
    }

    @Test func signWithoutTimestampUsesTheServersClock() async throws {
        try await app().test(.router) { client in
            for text in [
                #"{"domain_key":"abc"}"#, #"{"domain_key":"abc","timestamp":""}"#,
                #"{"domain_key":"abc","timestamp":null}"#,
            ] {
                let answer = try await client.console("sign", text)
                #expect(answer.field("timestamp") == "1700000000", "\(text)")
                #expect(answer.field("sign") == "8119bf02e2", "\(text)")
            }
        }
    }

    @Test func millisecondTimestampIsSignedWithAWarning() async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("sign", #"{"domain_key":"abc","timestamp":"1700000000000"}"#)
            #expect(answer.status == .ok)
            #expect(answer.json.object?["warnings"]?.array?.first?.string?.contains("milliseconds") == true)
        }
    }

    @Test(
        "bad sign input is a 400 with a message",
        arguments: [
            (#"{"domain_key":"abc","timestamp":"17e8"}"#, "timestamp is not decimal digits"),
            (#"{"domain_key":"abc","timestamp":" 1700000000"}"#, "timestamp is not decimal digits"),
            (#"{"timestamp":"1700000000"}"#, "the domain key is empty"),
            (#"{"domain_key":"","timestamp":"1700000000"}"#, "the domain key is empty"),
            (#"{"domain_key":"abc","timestamp":1700000000}"#, "timestamp must be a string, found a number"),
            (#"{"domain_key":"abc","domainKey":"abc"}"#, "unknown field \"domainKey\""),
            (#"{"domain_key":"abc",}"#, "the request is not valid JSON: "),
            (#"["abc"]"#, "the request is JSON but not an object"),
            ("", "the request is not valid JSON: "),
        ])
    func badSignInput(_ text: String, _ message: String) async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("sign", text)
            #expect(answer.status == .badRequest)
            #expect(answer.error?.hasPrefix(message) == true, "\(answer.text)")
            #expect(answer.json.object?["hints"]?.array != nil)
        }
    }

    @Test func aPostThatIsNotJSONIs415() async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("sign", #"{"domain_key":"abc"}"#, contentType: "text/plain")
            #expect(answer.status == .unsupportedMediaType)
            #expect(answer.error == "send the request as Content-Type: application/json")
        }
    }

    // MARK: - encrypt / decrypt

    @Test func encryptGivesTheKnownAnswerWithThePaddedBlock() async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("encrypt", #"{"plaintext":"123456"}"#)
            #expect(answer.status == .ok)
            #expect(answer.field("base64") == "HHAEEXzBXY4FmXo0mOQ8Hw==")
            #expect(answer.field("key_hex") == "7869616f610000000000000000000000")
            #expect(answer.field("iv_hex") == "31323334353637383930313233343536")
            #expect(answer.field("plaintext_hex") == "313233343536")
            #expect(answer.json.object?["padded_blocks"] == .array([.string("3132333435360a0a0a0a0a0a0a0a0a0a")]))
            #expect(answer.json.object?["padding_bytes"]?.int == 10)
            #expect(answer.field("ciphertext_hex") == "1c7004117cc15d8e05997a3498e43c1f")
            #expect(answer.json.object?["notes"]?.array?.first?.string?.contains("zero-padded to 16 bytes") == true)
        }
    }

    @Test func keyAndIVAsHexGiveTheSameCiphertext() async throws {
        try await app().test(.router) { client in
            let answer = try await client.console(
                "encrypt",
                #"""
                {"plaintext":"313233343536","plaintext_format":"hex","key":"7869616F610000000000000000000000","key_format":"hex",
                 "iv":"31323334353637383930313233343536","iv_format":"hex"}
                """#)
            #expect(answer.field("base64") == "HHAEEXzBXY4FmXo0mOQ8Hw==")
            #expect(answer.json.object?["notes"] == .array([]))
        }
    }

    @Test func aBlockLongPlaintextGetsAWholeBlockOfPadding() async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("encrypt", #"{"plaintext":"0123456789abcdef"}"#)
            #expect(answer.json.object?["padded_blocks"]?.array?.count == 2)
            #expect(answer.json.object?["padded_blocks"]?.array?.last == .string(String(repeating: "10", count: 16)))
        }
    }

    @Test(
        "bad key or IV is a 400 in the command line's words",
        arguments: [
            (
                #"{"plaintext":"x","key":"00","key_format":"hex"}"#,
                "invalid key or IV: key hex must be exactly 16 bytes"
            ),
            (
                #"{"plaintext":"x","iv":"zz112233445566778899aabbccddeeff","iv_format":"hex"}"#,
                "invalid key or IV: IV hex: not a hex digit at position 1"
            ),
            (#"{"plaintext":"x","key_format":"base64"}"#, "key_format is \"base64\"; expected \"text\" or \"hex\""),
            (#"{"plaintext":"zz","plaintext_format":"hex"}"#, "plaintext hex: "),
        ])
    func badKeyMaterial(_ text: String, _ message: String) async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("encrypt", text)
            #expect(answer.status == .badRequest)
            #expect(answer.error?.hasPrefix(message) == true, "\(answer.text)")
        }
    }

    @Test func decryptGivesThePassword() async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("decrypt", #"{"ciphertext":"HHAEEXzBXY4FmXo0mOQ8Hw=="}"#)
            #expect(answer.status == .ok)
            #expect(answer.field("plaintext") == "123456")
            #expect(answer.field("base64") == "HHAEEXzBXY4FmXo0mOQ8Hw==")
        }
    }

    @Test func aCiphertextThatDoesNotDecryptIs400WithTheDiagnosis() async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("decrypt", #"{"ciphertext":"iq6O X9LkDrF QMucIVg3A=="}"#)
            #expect(answer.status == .badRequest)
            #expect(answer.error == "ciphertext is not valid base64: a space at position 5")
            #expect(answer.findingIDs == [FindingID.cipher(.plusAsSpace).rawValue])
            #expect(
                answer.json.object?["hints"]?.array?.first?.string?.hasPrefix("a space where base64 has '+'") == true)

            let padding = try await client.console("decrypt", #"{"ciphertext":"AAAAAAAAAAAAAAAAAAAAAA=="}"#)
            #expect(padding.status == .badRequest)
            #expect(padding.error?.hasPrefix("decryption failed: bad padding") == true)
            #expect(padding.findingIDs == [FindingID.noKnownCause.rawValue])

            let empty = try await client.console("decrypt", #"{"ciphertext":""}"#)
            #expect(empty.error == "the ciphertext is empty")
        }
    }

    @Test func aPlaintextThatIsNotUTF8IsShownAsHex() async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("decrypt", #"{"ciphertext":"i/jy30mA7sJ7vb+iLwHnCQ=="}"#)
            #expect(answer.status == .ok)
            #expect(answer.json.object?["plaintext"] == .null)
            #expect(answer.field("plaintext_hex")?.count == 4)
            #expect(
                answer.json.object?["notes"]?.array?.first?.string?.hasPrefix("the plaintext is not UTF-8 (2 bytes)")
                    == true)
        }
    }

    // MARK: - check a request

    @Test func aGoodRequestIsCode0() async throws {
        try await app().test(.router) { client in
            let request = verifyRequest(
                .add, body(.add, ["user_name": "demo", "password": "123456", "c_username": "c1"]))
            let answer = try await client.console("verify-request", request)
            #expect(answer.status == .ok)
            #expect(answer.json.object?["code"]?.int == 0)
            #expect(answer.json.object?["accepted"] == .bool(true))
            #expect(
                answer.checks == [
                    "json:pass", "fields:pass", "domain_key:pass", "sign:pass", "timestamp:skipped", "password:pass",
                ])
            #expect(answer.findingIDs == [])
            #expect(answer.field("domain_keys") == "server")
        }
    }

    @Test func aTamperedSignIs10001WithItsFinding() async throws {
        try await app().test(.router) { client in
            let request = verifyRequest(
                .add, body(.add, sign: "8119BF02E2", ["user_name": "demo", "password": "123456", "c_username": "c1"]))
            // The body is signed for "demo" at testNow; "8119BF02E2" is the upper-cased sign of abc, so: no known cause.
            let answer = try await client.console("verify-request", request)
            #expect(answer.json.object?["code"]?.int == 10001)
            #expect(answer.field("message") == "签名验证失败")
            #expect(answer.checks.contains("sign:fail") && answer.checks.last == "password:pass")
            #expect(answer.findingIDs.first == "request.sign")

            let upper = XiaoaSignTest.upperCasedSign(timestamp: String(testNow), domainKey: "demo")
            let diagnosed = try await client.console(
                "verify-request",
                verifyRequest(
                    .add, body(.add, sign: upper, ["user_name": "demo", "password": "123456", "c_username": "c1"])))
            #expect(diagnosed.json.object?["code"]?.int == 10001)
            #expect(diagnosed.findingIDs == ["request.sign", FindingID.sign(.outerUppercase).rawValue])
            #expect(diagnosed.json.object?["expected"]?.object?["sign_received"]?.string == upper)
        }
    }

    @Test func givenKeysAndSkewOverrideTheServers() async throws {
        try await app(keys: ["abc"]).test(.router) { client in
            let add = ["user_name": "demo", "password": "123456", "c_username": "c1"]
            let unknown = try await client.console(
                "verify-request", verifyRequest(.add, body(.add, domainKey: "demo", add)))
            #expect(unknown.json.object?["code"]?.int == 10002)
            let given = try await client.console(
                "verify-request", verifyRequest(.add, body(.add, domainKey: "demo", add), keys: ["demo"]))
            #expect(given.json.object?["code"]?.int == 0)
            #expect(given.field("domain_keys") == "given")
            let old = try await client.console(
                "verify-request",
                verifyRequest(
                    .add, body(.add, domainKey: "abc", timestamp: String(testNow - 1000), add),
                    extra: #","max_skew":300"#))
            #expect(old.json.object?["code"]?.int == 10001)
            #expect(old.findingIDs == ["request.timestamp", FindingID.sign(.timestampTooOld).rawValue])
        }
    }

    @Test func aBodyThatIsNotJSONIsCode10000NotABadRequest() async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("verify-request", #"{"endpoint":"assoc/login","body":"not json"}"#)
            #expect(answer.status == .ok)
            #expect(answer.json.object?["code"]?.int == 10000)
            #expect(answer.findingIDs == ["request.json"])
        }
    }

    @Test(
        "bad check input is a 400",
        arguments: [
            (#"{"endpoint":"assoc/nope","body":"{}"}"#, "pick an endpoint"),
            (#"{"body":"{}"}"#, "pick an endpoint"),
            (#"{"endpoint":"assoc/add","body":""}"#, "the body is empty"),
            (#"{"endpoint":"assoc/add","body":"{}","domain_keys":"demo"}"#, "domain_keys must be an array of strings"),
            (
                #"{"endpoint":"assoc/add","body":"{}","max_skew":-1}"#,
                "max_skew must be a whole number of seconds, 0 or more"
            ),
            (#"{"endpoint":"assoc/add","body":"{}","max_skew":"300"}"#, "max_skew must be a number of seconds or null"),
        ])
    func badCheckInput(_ text: String, _ message: String) async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("verify-request", text)
            #expect(answer.status == .badRequest)
            #expect(answer.error == message, "\(answer.text)")
        }
    }

    // MARK: - check a capture

    /// A HAR of four entries at testNow: a good add answered 0, an upper-cased sign answered 10001, a GET answered
    /// 30002, and a page that is no API call.
    static func captureHAR() -> String {
        let started = "2023-11-14T22:13:20.000Z"  // testNow
        let good = body(.add, ["user_name": "demo", "password": "123456", "c_username": "c1"])
        let upper = body(
            .add, sign: XiaoaSignTest.upperCasedSign(timestamp: String(testNow), domainKey: "demo"),
            ["user_name": "demo", "password": "123456", "c_username": "c1"])
        func entry(_ method: String, _ url: String, _ sent: String?, _ answer: String) -> String {
            let post = sent.map { #","postData":{"mimeType":"application/json","text":\#(JSONText.quoted($0))}"# } ?? ""
            return #"{"startedDateTime":"\#(started)","request":{"method":"\#(method)","url":"\#(url)","#
                + #""headers":[{"name":"Content-Type","value":"application/json"}]\#(post)},"#
                + #""response":{"status":200,"content":{"mimeType":"application/json","#
                + #""text":\#(JSONText.quoted(answer))}}}"#
        }
        let entries = [
            entry("POST", "http://127.0.0.1:8080/assoc/add", good, #"{"code":0,"message":"ok"}"#),
            entry("POST", "http://127.0.0.1:8080/assoc/add", upper, #"{"code":10001,"message":"签名验证失败"}"#),
            entry("GET", "http://127.0.0.1:8080/assoc/login", nil, #"{"code":30002}"#),
            entry("GET", "http://127.0.0.1:8080/robots.txt", nil, "no"),
        ]
        return #"{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":["#
            + entries.joined(separator: ",") + "]}}"
    }

    @Test func aCaptureGivesTheReportOfVerifyHAR() async throws {
        let har = Self.captureHAR()
        try await app(keys: ["abc"]).test(.router) { client in
            let request = #"{"har":\#(JSONText.quoted(har)),"domain_keys":["demo"],"max_skew":300}"#
            let answer = try await client.console("check-capture", request)
            #expect(answer.status == .ok, "\(answer.text)")
            let entries = answer.json.object?["entries"]?.array ?? []
            #expect(entries.map { $0.object?["index"]?.int } == [0, 1, 2])
            #expect(entries.map { $0.object?["predicted"]?.int } == [0, 10001, 30002])
            #expect(entries.map { $0.object?["actual"]?.int } == [0, 10001, 30002])
            #expect(entries.map { $0.object?["endpoint"]?.string } == ["assoc/add", "assoc/add", "assoc/login"])
            let ids = entries[1].object?["findings"]?.array?.compactMap { $0.object?["id"]?.string }
            #expect(ids == ["request.sign", FindingID.sign(.outerUppercase).rawValue])
            #expect(answer.json.object?["summary"]?.object?["skipped"]?.int == 1)
            // The library's one encoding, as `verify har --format json` gives it: no copy of it here.
            let report = CaptureVerifier(domainKeys: ["demo"], maxSkew: 300).judge(try HARFile.parse(har.utf8))
            #expect(answer.json == report.json())
            #expect(answer.text == JSONText.serialize(report.json()))
        }
    }

    @Test func aCaptureWithoutKeysIsJudgedWithTheServersAndSecretsAreMasked() async throws {
        let har = Self.captureHAR()
        try await app(keys: ["abc"]).test(.router) { client in
            let answer = try await client.console("check-capture", #"{"har":\#(JSONText.quoted(har))}"#)
            let entries = answer.json.object?["entries"]?.array ?? []
            #expect(entries.map { $0.object?["predicted"]?.int } == [10002, 10002, 30002])
            #expect(!answer.text.contains(#""demo""#) && answer.text.contains("***"))
            let report = CaptureVerifier(domainKeys: ["abc"]).judge(try HARFile.parse(har.utf8))
            #expect(answer.json == report.json())
            let shown = try await client.console(
                "check-capture", #"{"har":\#(JSONText.quoted(har)),"domain_keys":["demo"],"show_secrets":true}"#)
            #expect(
                shown.json
                    == CaptureVerifier(domainKeys: ["demo"]).judge(try HARFile.parse(har.utf8)).json(
                        showSecrets: true))
        }
    }

    @Test(
        "a capture that is not HAR is a 400 with where and why",
        arguments: [
            (#"{"har":"{\n  \"log\": ["}"#, "the file is not valid JSON at line 2"),
            (#"{"har":"{\"entries\":[]}"}"#, #"the file is not HAR: no "log" object"#),
            (#"{"har":""}"#, "the HAR is empty"),
            (#"{"har":"{}","show_secrets":"yes"}"#, "show_secrets must be true or false, found a string"),
            (#"{"har":"{}","domain_keys":[""]}"#, "domain_keys must be non-empty strings"),
        ])
    func aCaptureThatIsNotHARIs400(_ text: String, _ message: String) async throws {
        try await app().test(.router) { client in
            let answer = try await client.console("check-capture", text)
            #expect(answer.status == .badRequest)
            #expect(answer.error?.hasPrefix(message) == true, "\(answer.text)")
            #expect(answer.json.object?["hints"]?.array != nil)
        }
    }

    @Test func aCaptureOfSeveralMiBIsReadAndALargerOneIsA400() async throws {
        // A devtools HAR carries pages and images: 3 MiB of a non-API entry around the four.
        let filler = String(repeating: "x", count: 3 << 20)
        let har = Self.captureHAR().replacing(#""text":"no""#, with: #""text":"\#(filler)""#)
        try await app().test(.router) { client in
            let answer = try await client.console("check-capture", #"{"har":\#(JSONText.quoted(har))}"#)
            #expect(answer.status == .ok)
            #expect(answer.json.object?["summary"]?.object?["entries"]?.int == 4)
            let huge = String(repeating: "x", count: ConsoleAPI.captureMaxBytes)
            let tooLarge = try await client.console("check-capture", #"{"har":"\#(huge)"}"#)
            #expect(tooLarge.status == .badRequest)
            #expect(tooLarge.error == "the HAR is larger than 16 MiB (as JSON in the request)", "\(tooLarge.text)")
        }
    }

    // MARK: - recent requests

    @Test func recentRequestsListWhatTheServerAnswered() async throws {
        try await app().test(.router) { client in
            let empty = try await client.consoleGet("recent")
            #expect(empty.json.object?["requests"] == .array([]))
            #expect(empty.json.object?["last"]?.int == 0)

            let add = ["user_name": "demo", "password": "123456", "c_username": "c1"]
            #expect(try await client.post(.add, body(.add, sign: "0000000000", add)).code == 10001)
            #expect(try await client.post(.add, body(.add, add)).code == 0)
            _ = try await client.console("sign", #"{"domain_key":"abc"}"#)  // the console's own calls are not listed

            let recent = try await client.consoleGet("recent")
            let requests = try #require(recent.json.object?["requests"]?.array)
            #expect(requests.count == 2)
            #expect(recent.json.object?["last"]?.int == 2)
            let newest = try #require(requests.first?.object)
            let older = try #require(requests.last?.object)
            #expect(newest["seq"]?.int == 2 && newest["code"]?.int == 0 && newest["endpoint"]?.string == "/assoc/add")
            #expect(newest["message"]?.string == "请求处理成功")
            #expect(older["code"]?.int == 10001)
            #expect(older["method"]?.string == "POST")
            #expect(older["domain_key"]?.string == "…(4)")
            #expect(older["c_username"] == .null)
            let findings = older["findings"]?.array?.compactMap { $0.object?["id"]?.string }
            #expect(findings?.first == "request.sign")
            // Masked as in the request log: the sign sent is never repeated.
            #expect(!recent.text.contains("0000000000"))
        }
    }

    @Test func recentRequestsKeepTheLastHundred() {
        let recent = RecentRequests(capacity: 100)
        for index in 0..<150 {
            recent.append(
                .init(
                    method: "POST", endpoint: "/assoc/add", code: index.isMultiple(of: 2) ? .ok : .signatureFailed,
                    seconds: 0.001, note: .init(), findings: []))
        }
        let (entries, last) = recent.snapshot()
        #expect(last == 150)
        #expect(entries.count == 100)
        #expect(entries.first?.object?["seq"]?.int == 150)
        #expect(entries.last?.object?["seq"]?.int == 51)
    }

    @Test func serverSettingsForThePageHeader() async throws {
        try await app(keys: ["abc", "def"], maxSkew: 300).test(.router) { client in
            let answer = try await client.consoleGet("server")
            #expect(answer.text == #"{"domain_keys":2,"max_skew":300,"explain":false,"now":1700000000}"#)
        }
    }

    // MARK: - the page

    @Test func thePageIsServedWithAStrictPolicy() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let policy = try #require(response.headers[HTTPFields.Element.Name("Content-Security-Policy")!])
                #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self';"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(response.headers[HTTPFields.Element.Name("X-Frame-Options")!] == "DENY")
                let html = String(buffer: response.body)
                #expect(html.hasPrefix("<!doctype html>"))
                // The scripts come from /console/i18n.js (the page's words) and /console/app.js, in that order;
                // there is no inline script or style.
                #expect(html.components(separatedBy: "<script").count == 3)
                #expect(
                    html.contains(
                        #"<script src="/console/i18n.js" defer></script>"# + "\n"
                            + #"<script src="/console/app.js" defer></script>"#))
                #expect(!html.contains("<style") && !html.contains("style=") && !html.contains(" on"))
                for pane in ["sign", "cipher", "verify", "recent"] {
                    #expect(html.contains(#"<section id="\#(pane)""#))
                }
            }
            try await client.execute(uri: "/console/app.js", method: .get) { response in
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(String(buffer: response.body).contains("/console/api/verify-request"))
                #expect(!String(buffer: response.body).contains("innerHTML"))
            }
            try await client.execute(uri: "/console/i18n.js", method: .get) { response in
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(String(buffer: response.body).contains("'zh-Hans': {"))
                #expect(!String(buffer: response.body).contains("innerHTML"))
            }
            try await client.execute(uri: "/console/app.css", method: .get) { response in
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
        }
    }

    // MARK: - who is served

    @Test func noConsoleMeansNoPage() async throws {
        try await app(nil).test(.router) { client in
            for uri in ["/", "/console/app.js", "/console/api/recent"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
            }
            // The vendor's endpoints are still there.
            #expect(
                try await client.post(
                    .add, body(.add, ["user_name": "demo", "password": "123456", "c_username": "c1"])
                ).code == 0)
        }
    }

    @Test func aClientWithoutALoopbackAddressIsRefused() async throws {
        // The in-process client has no address: it is not on the loopback interface.
        try await app(.loopback).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("--console-anywhere"))
            }
            let answer = try await client.console("sign", #"{"domain_key":"abc"}"#)
            #expect(answer.status == .forbidden)
        }
    }

    @Test func aLoopbackClientIsServedOverASocket() async throws {
        try await app(.loopback).test(.live) { client in
            try await client.execute(uri: "/", method: .get) { #expect($0.status == .ok) }
            let answer = try await client.console("sign", #"{"timestamp":"1700000000","domain_key":"abc"}"#)
            #expect(answer.field("sign") == "8119bf02e2")
        }
    }

    // MARK: - requests of other sites

    /// A page of another site can make the browser POST to the console; it is refused before it runs, whoever may
    /// use the console, while the browser's own requests (same origin, typed in) and tools without the headers pass.
    @Test(
        "cross-site requests",
        arguments: [
            (["Sec-Fetch-Site": "cross-site"], false), (["Sec-Fetch-Site": "same-site"], false),
            (["Sec-Fetch-Site": "same-origin"], true), (["Sec-Fetch-Site": "none"], true),
            (["Origin": "http://evil.example"], false), (["Origin": "null"], false),
            (["Origin": "http://localhost:8088"], false), (["Origin": "https://localhost:8443"], false),
            (["Origin": "http://localhost"], true), (["Origin": "http://LOCALHOST:80"], true),
            (["Origin": "http://localhost", "Sec-Fetch-Site": "cross-site"], false), ([:], true),
        ])
    func crossSiteRequestsAreRefused(_ fields: [String: String], _ served: Bool) async throws {
        var fieldList: HTTPFields = [.contentType: "application/json"]
        for (name, value) in fields { fieldList[HTTPFields.Element.Name(name)!] = value }
        let headers = fieldList
        // The in-process client asks for Host "localhost".
        try await app(.anywhere).test(.router) { client in
            let signed = try await client.execute(
                uri: "/console/api/sign", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"timestamp":"1700000000","domain_key":"abc"}"#)
            ) { ConsoleAnswer($0) }
            #expect(signed.status == (served ? .ok : .forbidden), "\(fields)")
            if !served { #expect(signed.text.contains("another site"), "\(signed.text)") }
            try await client.execute(uri: "/", method: .get, headers: headers) { response in
                #expect(response.status == (served ? .ok : .forbidden), "page \(fields)")
            }
            // The vendor's endpoints answer any client, as the vendor's do.
            var vendorHeaders = headers
            vendorHeaders[.contentType] = "application/json;charset=utf-8"
            let add = body(.add, ["user_name": "demo", "password": "123456", "c_username": "c1"])
            try await client.execute(
                uri: Endpoint.add.path, method: .post, headers: vendorHeaders, body: ByteBuffer(string: add)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix(#"{"code":0,"#), "\(fields)")
            }
        }
    }

    @Test(
        "origin against host",
        arguments: [
            ("http://127.0.0.1:8088", "127.0.0.1:8088", true), ("http://[::1]:8088", "[::1]:8088", true),
            ("http://localhost", "localhost:80", true), ("https://localhost", "localhost:443", true),
            ("http://127.0.0.1:8089", "127.0.0.1:8088", false), ("http://evil.example:8088", "127.0.0.1:8088", false),
            ("ws://127.0.0.1:8088", "127.0.0.1:8088", false), ("http://127.0.0.1:8088/x", "127.0.0.1:8088", false),
            ("http://a@127.0.0.1:8088", "127.0.0.1:8088", false), ("http://", "localhost", false),
            ("http://[::1]", "[::1]:8088", false), ("http://127.0.0.1:", "127.0.0.1:80", false),
            ("https://localhost", "localhost", true), ("http://localhost:443", "localhost", false),
        ])
    func originAgainstHost(_ origin: String, _ host: String, _ expected: Bool) {
        #expect(ConsoleAccess.sameHostAndPort(origin: origin, host: host) == expected)
    }

    @Test(
        "loopback addresses",
        arguments: [
            ("127.0.0.1", true), ("127.8.9.10", true), ("::1", true), ("::ffff:127.0.0.1", true),
            ("10.0.0.1", false), ("192.168.1.2", false), ("128.0.0.1", false), ("::2", false),
            ("::ffff:10.0.0.1", false),
            ("fe80::1", false), ("127.0.0", false), ("127.0.0.256", false),
        ])
    func loopbackAddresses(_ ip: String, _ expected: Bool) {
        #expect(ConsoleAccess.isLoopback(ip: ip) == expected)
        if let address = try? SocketAddress(ipAddress: ip, port: 8088) {
            #expect(ConsoleAccess.isLoopback(address) == expected)
        }
    }

    @Test func noAddressIsNotLoopback() {
        #expect(!ConsoleAccess.isLoopback(nil))
    }

    @Test(
        "host names",
        arguments: [
            ("localhost:8088", true), ("127.0.0.1:8088", true), ("127.0.0.1", true), ("[::1]:8088", true),
            ("LOCALHOST", true),
            ("app.localhost:80", true), ("example.com:8088", false), ("127.0.0.1.nip.io:8088", false),
            ("localhost.example.com", false), ("[fe80::1]:80", false), ("[::1", false),
        ])
    func hostNames(_ authority: String, _ expected: Bool) {
        #expect(ConsoleAccess.isLoopbackHost(authority) == expected)
    }
}

// MARK: - Helpers

/// A `verify-request` body: the endpoint, the captured body as a JSON string, and optionally the known keys.
func verifyRequest(_ endpoint: Endpoint, _ captured: String, keys: [String]? = nil, extra: String = "") -> String {
    var text = #"{"endpoint":\#(JSONText.quoted(endpoint.rawValue)),"body":\#(JSONText.quoted(captured))"#
    if let keys { text += #","domain_keys":["# + keys.map(JSONText.quoted).joined(separator: ",") + "]" }
    return text + extra + "}"
}

enum XiaoaSignTest {
    static func upperCasedSign(timestamp: String, domainKey: String) -> String {
        XiaoaSign.sign(timestamp: timestamp, domainKey: domainKey).uppercased()
    }
}

/// A console answer: status, headers, text, and the JSON it holds (null when it is not JSON, e.g. a refusal).
struct ConsoleAnswer {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String
    let json: JSONValue

    init(_ response: TestResponse) {
        status = response.status
        headers = response.headers
        text = String(buffer: response.body)
        json = (try? JSONParser.parse(text)) ?? .null
    }

    func field(_ name: String) -> String? { json.object?[name]?.string }
    var error: String? { field("error") }
    var findingIDs: [String] { json.object?["findings"]?.array?.compactMap { $0.object?["id"]?.string } ?? [] }
    var checks: [String] {
        json.object?["checks"]?.array?.compactMap { check in
            guard let name = check.object?["name"]?.string, let outcome = check.object?["outcome"]?.string else {
                return nil
            }
            return "\(name):\(outcome)"
        } ?? []
    }
}

extension TestClientProtocol {
    func console(_ name: String, _ text: String, contentType: String = "application/json") async throws -> ConsoleAnswer
    {
        try await execute(
            uri: "/console/api/\(name)", method: .post, headers: [.contentType: contentType],
            body: ByteBuffer(string: text)
        ) { ConsoleAnswer($0) }
    }

    func consoleGet(_ name: String) async throws -> ConsoleAnswer {
        try await execute(uri: "/console/api/\(name)", method: .get) { ConsoleAnswer($0) }
    }
}

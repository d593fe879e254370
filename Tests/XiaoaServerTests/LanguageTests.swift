import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import XiaoaAPI
import XiaoaJSON
import XiaoaLocalization

@testable import XiaoaServer

/// The stand-in in Simplified Chinese: `--explain` bodies and console answers follow the request's
/// `Accept-Language` (else the server's `--lang`), the request log follows `--lang`, `X-Xiaoa-Findings` and the
/// vendor's messages never change.
@Suite("Server messages in Chinese")
struct ServerLanguageTests {
    static let upperCaseSign =
        #"{"timestamp":"1700000000","domain_key":"demo","sign":"4FE608FF5E","user_name":"u","c_username":"c","#
        + #""password":"x y"}"#

    static func app(language: Language = .en) async throws -> some ApplicationProtocol {
        var configuration = testConfiguration(keys: ["demo"], explain: true)
        configuration.language = language
        configuration.console = .anywhere
        return try await buildApplication(configuration)
    }

    /// Every text for people in `value` (the members `JSONValue.proseKeys` names), with where it was.
    static func prose(_ value: JSONValue, key: String? = nil) -> [String] {
        switch value {
        case .string(let text): return key.map { JSONValue.proseKeys.contains($0) } == true ? [text] : []
        case .array(let elements): return elements.flatMap { prose($0, key: key) }
        case .object(let object): return object.members.flatMap { prose($0.value, key: $0.key) }
        default: return []
        }
    }

    static func hasChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4e00...0x9fff).contains($0.value) }
    }

    @Test(arguments: ["zh-CN", "zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"])
    func explainFollowsAcceptLanguage(_ header: String) async throws {
        let english = try await Self.app().test(.router) { client in
            try await client.post(.add, Self.upperCaseSign)
        }
        try await Self.app().test(.router) { client in
            let answer = try await client.execute(
                uri: Endpoint.add.path, method: .post,
                headers: [.contentType: "application/json", .acceptLanguage: header],
                body: ByteBuffer(string: Self.upperCaseSign)
            ) { try Answer($0) }
            #expect(answer.message == "签名验证失败")
            #expect(answer.findings == english.findings, "X-Xiaoa-Findings stays English")
            let data = try #require(answer.data)
            #expect(data["lang"]?.string == "zh-Hans")
            let englishTexts = Self.prose(try #require(english.data))
            let chineseTexts = Self.prose(data)
            #expect(englishTexts.count == chineseTexts.count && !englishTexts.isEmpty)
            for (englishText, chineseText) in zip(englishTexts, chineseTexts) {
                #expect(Catalogue.translation(of: englishText, to: .zhHans) == chineseText, "\(englishText)")
            }
            #expect(Self.prose(data).contains { $0.hasPrefix("sign 是大写十六进制") })
        }
    }

    @Test func theServersLanguageUnlessTheRequestAsksForOurs() async throws {
        try await Self.app(language: .zhHans).test(.router) { client in
            let plain = try await client.post(.add, Self.upperCaseSign)
            #expect(plain.data?["lang"]?.string == "zh-Hans")
            let english = try await client.execute(
                uri: Endpoint.add.path, method: .post,
                headers: [.contentType: "application/json", .acceptLanguage: "en"],
                body: ByteBuffer(string: Self.upperCaseSign)
            ) { try Answer($0) }
            #expect(english.data?["lang"] == nil)
            #expect(Self.prose(try #require(english.data)).allSatisfy { !Self.hasChinese($0) })
        }
    }

    /// Console answers, bad input included: every text for people translated by the catalogue.
    @Test(arguments: [
        (
            "verify-request",
            #"{"endpoint":"assoc/add","body":"{\"timestamp\":\"1700000000\",\"domain_key\":\"demo\",\"sign\":\"4FE608FF5E\"}"}"#
        ),
        ("decrypt", #"{"ciphertext":"HHAEEXzBXY4F Xo0mOQ8Hw=="}"#),
        ("decrypt", #"{"ciphertext":""}"#),
        ("decrypt", #"{"ciphertext":"AAAAAAAAAAAAAAAAAAAAAA=="}"#),
        ("sign", #"{"timestamp":"17e8","domain_key":"abc"}"#),
        ("sign", #"{"timestamp":"1700000000","domain_key":""}"#),
        ("sign", #"{"nope":1}"#),
        ("sign", #"[1]"#),
        ("encrypt", #"{"plaintext":"x","key":"00","key_format":"hex"}"#),
        ("verify-request", #"{"endpoint":"nope","body":"{}"}"#),
        ("verify-request", #"{"endpoint":"assoc/add","body":""}"#),
        ("check-capture", #"{"har":""}"#),
        ("check-capture", #"{"har":"{\"log\":{}}","domain_keys":["demo"]}"#),
    ])
    func consoleAnswersInChinese(_ endpoint: String, _ body: String) async throws {
        try await Self.app().test(.router) { client in
            func ask(_ language: String) async throws -> JSONValue {
                try await client.execute(
                    uri: "/console/api/\(endpoint)", method: .post,
                    headers: [.contentType: "application/json", .acceptLanguage: language],
                    body: ByteBuffer(string: body)
                ) { try JSONParser.parse(String(buffer: $0.body)) }
            }
            let english = try await ask("en")
            let chinese = try await ask("zh-CN")
            #expect(chinese["lang"]?.string == "zh-Hans")
            let englishTexts = Self.prose(english)
            let chineseTexts = Self.prose(chinese)
            #expect(englishTexts.count == chineseTexts.count && !englishTexts.isEmpty, "\(english)")
            // The vendor's own messages (非法的请求参数) are Chinese already and never change.
            for (englishText, chineseText) in zip(englishTexts, chineseTexts) where !Self.hasChinese(englishText) {
                let translation = Catalogue.translation(of: englishText, to: .zhHans)
                #expect(translation != nil, "\(endpoint): no Chinese for \"\(englishText)\"")
                #expect(chineseText == translation ?? englishText)
            }
        }
    }

    @Test func requestLogFollowsTheServersLanguage() {
        let entry = RequestLog.Entry(
            method: "POST", endpoint: "/assoc/add", code: .signatureFailed, seconds: 0.001,
            note: RequestNote.State(), findings: [ServerFinding.noToken()])
        let english = RequestLog.json(entry, time: "t")
        let chinese = RequestLog.json(entry, time: "t", language: .zhHans)
        #expect(english["findings"]?.array?.first?["summary"]?.string == "no token in the query")
        #expect(chinese["findings"]?.array?.first?["summary"]?.string == "查询参数中没有 token")
        #expect(chinese["findings"]?.array?.first?["id"]?.string == "server.noToken")
    }
}

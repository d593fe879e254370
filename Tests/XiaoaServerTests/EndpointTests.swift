import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import XiaoaAPI
import XiaoaCipher
import XiaoaJSON
import XiaoaSigning

@testable import XiaoaServer

/// Every code of the seed through the real router (in process): the same application `serve` runs.
@Suite("The four endpoints, code by code")
struct EndpointTests {
    let add: [String: String] = ["user_name": "demo", "password": "123456", "c_username": "c1"]

    @Test func answersAreTheVendorsShape() async throws {
        let app = try await buildApplication(testConfiguration())
        try await app.test(.router) { client in
            let answer = try await client.post(.add, body(.add, add))
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "application/json; charset=utf-8")
            #expect(answer.text == #"{"code":0,"message":"绑定成功","data":[]}"#)
            #expect(answer.findings == nil)
        }
    }

    /// Issue 17: a 13-digit timestamp is named by the stand-in even when no skew is set and the request is
    /// accepted; and a request with two mistakes is answered by the first and names both.
    @Test func millisecondTimestampIsNamedOnAnAcceptedAnswer() async throws {
        let app = try await buildApplication(testConfiguration())
        try await app.test(.router) { client in
            let answer = try await client.post(.add, body(.add, timestamp: "1796133700890", add))
            #expect(answer.code == 0)
            #expect(
                answer.findings?.hasPrefix("sign.millisecondTimestamp: the timestamp 1796133700890 has 13 digits")
                    == true)
            let plain = try await client.post(.delete, body(.delete, add))
            #expect(plain.code == 0 && plain.findings == nil)
        }
    }

    @Test func twoMistakesAreAnsweredByTheFirstAndBothNamed() async throws {
        let app = try await buildApplication(testConfiguration())
        try await app.test(.router) { client in
            let upper = XiaoaSign.sign(timestamp: String(testNow), domainKey: "demo").uppercased()
            var text = body(.add, sign: upper, add)
            text = text.replacingOccurrences(of: PasswordCipher.vendor.encrypt(base64: "123456"), with: "not base64!")
            let answer = try await client.post(.add, text)
            #expect(answer.code == 10001)
            let header = answer.findings ?? ""
            #expect(header.contains("request.sign:") && header.contains("sign.outerUppercase:"), "\(header)")
            #expect(header.contains("request.password:"), "\(header)")
        }
    }

    @Test func notPostIs30002() async throws {
        let app = try await buildApplication(testConfiguration())
        try await app.test(.router) { client in
            for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
                for endpoint in Endpoint.allCases {
                    let answer = try await client.post(endpoint.path, body(endpoint, add), method: method)
                    #expect(answer.code == 30002, "\(method) \(endpoint)")
                    #expect(answer.message == "非 post 方式请求")
                    #expect(answer.findings?.contains("server.notPost") == true)
                }
            }
        }
    }

    @Test(
        "illegal parameters are 10000",
        arguments: [
            "", "not json", "[1,2]", "\"text\"", "{\"timestamp\":1700000000}", "{}",
            #"{"timestamp":"1700000000","domain_key":"demo","sign":"8119bf02e2"}"#,
            #"{"timestamp":"1700000000","domain_key":"demo","sign":"x","user_name":"demo","password":null,"c_username":"c1"}"#,
            #"{"timestamp":"1","timestamp":"2","domain_key":"demo","sign":"x","user_name":"demo","password":"p","c_username":"c1"}"#,
        ])
    func illegalParameters(_ text: String) async throws {
        let app = try await buildApplication(testConfiguration())
        try await app.test(.router) { client in
            let answer = try await client.post(.add, text)
            #expect(answer.code == 10000)
            #expect(answer.message == "非法的请求参数")
            #expect(answer.findings?.hasPrefix("request.") == true)
        }
    }

    @Test func unknownDomainKeyIs10002() async throws {
        let app = try await buildApplication(testConfiguration(keys: ["abc"]))
        try await app.test(.router) { client in
            let answer = try await client.post(.add, body(.add, domainKey: "demo", add))
            #expect(answer.code == 10002)
            #expect(answer.message == "请求验证失败-域名 key 不存在")
            #expect(
                try await client.post(.login, body(.login, domainKey: "abc", ["c_username": "nobody"])).code == 20001)
        }
    }

    @Test func wrongSignIs10001WithItsDiagnosis() async throws {
        let app = try await buildApplication(testConfiguration())
        try await app.test(.router) { client in
            let right = XiaoaSignReference.sign("1700000000", "demo")
            let answer = try await client.post(.login, body(.login, sign: right.uppercased(), ["c_username": "c1"]))
            #expect(answer.code == 10001)
            #expect(answer.message == "签名验证失败")
            #expect(answer.text == #"{"code":10001,"message":"签名验证失败","data":[]}"#)
            #expect(answer.findings?.contains("request.sign") == true)
            #expect(answer.findings?.contains(FindingID.sign(.outerUppercase).rawValue) == true)
        }
    }

    @Test func staleTimestampIs10001OnlyWithMaxSkew() async throws {
        let old = String(testNow - 1000)
        let strict = try await buildApplication(testConfiguration(maxSkew: 300))
        try await strict.test(.router) { client in
            let answer = try await client.post(.login, body(.login, timestamp: old, ["c_username": "c1"]))
            #expect(answer.code == 10001)
            #expect(answer.findings?.contains(FindingID.sign(.timestampTooOld).rawValue) == true)
            #expect(
                try await client.post(.login, body(.login, timestamp: String(testNow + 1000), ["c_username": "c1"]))
                    .code == 10001)
        }
        let lax = try await buildApplication(testConfiguration())
        try await lax.test(.router) { client async throws in
            #expect(try await client.post(.login, body(.login, timestamp: old, ["c_username": "c1"])).code == 20001)
        }
    }

    @Test func addCodes() async throws {
        let app = try await buildApplication(testConfiguration())
        try await app.test(.router) { client in
            var wrongUser = add
            wrongUser["user_name"] = "nobody"
            #expect(try await client.post(.add, body(.add, wrongUser)).code == 20001)
            var wrongPassword = add
            wrongPassword["password"] = "654321"
            let refused = try await client.post(.add, body(.add, wrongPassword))
            #expect(refused.code == 20002 && refused.message == "密码错误")
            #expect(refused.findings?.contains("server.wrongPassword") == true)
            var newline = add
            newline["password"] = "123456\n"
            let withNewline = try await client.post(.add, body(.add, newline))
            #expect(withNewline.code == 20002)
            #expect(withNewline.findings?.contains(FindingID.cipher(.trailingNewline).rawValue) == true)
            // A ciphertext that does not decrypt: the wrong-password code, with the cipher diagnosis.
            let spaced = body(.add, add).replacingOccurrences(
                of: "HHAEEXzBXY4FmXo0mOQ8Hw==", with: "HHAEEXzBXY4FmXo0mOQ8Hw")
            let broken = try await client.post(.add, spaced)
            #expect(broken.code == 20002)
            #expect(broken.findings?.contains(FindingID.cipher(.missingPadding).rawValue) == true)
            #expect(try await client.post(.add, body(.add, add)).code == 0)
            let again = try await client.post(.add, body(.add, add))
            #expect(again.code == 20003 && again.message == "关联重复")
        }
    }

    @Test func loginAnswersAURLWithACheckableToken() async throws {
        let app = try await buildApplication(testConfiguration())
        try await app.test(.router) { client in
            #expect(
                try await client.post(.login, body(.login, ["c_username": "c1", "redirect": "yxrw"])).code == 20001)
            #expect(try await client.post(.login, body(.login, [:])).code == 20001)
            #expect(
                try await client.post(.login, body(.login, ["c_username": "c1", "redirect": "nope"])).code == 10000)
            #expect(try await client.post(.add, body(.add, add)).code == 0)
            let answer = try await client.post(.login, body(.login, ["c_username": "c1", "redirect": "yxrw"]))
            #expect(answer.code == 0 && answer.message == "请求成功")
            let url = try #require(answer.data?.object?["url"]?.string)
            #expect(url.hasPrefix("http://xiaoa.test/?Redirect=yxrw&token="))
            let token = String(url.split(separator: "token=").last!)
            let home = try await client.post(.login, body(.login, ["c_username": "c1"]))
            #expect(home.data?.object?["url"]?.string?.hasPrefix("http://xiaoa.test/?token=") == true)

            let check = try await client.post("/login?Redirect=yxrw&token=\(token)", "", method: .get)
            #expect(check.code == 0)
            #expect(check.data?.object?["c_username"]?.string == "c1")
            #expect(check.data?.object?["user_name"]?.string == "demo")
            #expect(try await client.post("/login?token=\(token.dropLast(2))xx", "", method: .get).code == 10001)
            #expect(try await client.post("/login?token=garbage", "", method: .get).code == 10001)
            #expect(try await client.post("/login", "", method: .get).code == 10000)
            // The token dies with its binding.
            #expect(try await client.post(.delete, body(.delete, add)).code == 0)
            #expect(try await client.post("/login?token=\(token)", "", method: .get).code == 20001)
        }
    }

    @Test func deleteCodes() async throws {
        let app = try await buildApplication(testConfiguration())
        try await app.test(.router) { client in
            #expect(try await client.post(.delete, body(.delete, add)).code == 30001)
            #expect(try await client.post(.add, body(.add, add)).code == 0)
            var wrong = add
            wrong["password"] = "654321"
            let refused = try await client.post(.delete, body(.delete, wrong))
            #expect(refused.code == 30001 && refused.message == "失败")
            var otherUser = add
            otherUser["user_name"] = "nobody"
            #expect(try await client.post(.delete, body(.delete, otherUser)).code == 30001)
            let removed = try await client.post(.delete, body(.delete, add))
            #expect(removed.code == 0 && removed.message == "解除成功")
            #expect(try await client.post(.delete, body(.delete, add)).code == 30001)
            #expect(try await client.post(.add, body(.add, add)).code == 0)
        }
    }

    /// Our reading of 20004 (docs/api.md): the Xiao A account's password has changed already; the binding still
    /// holds the old one; old_pwd must be the binding's password (20002), new_pwd the account's (20004).
    @Test func updateCodes() async throws {
        try await withTemporaryDirectory { dir in
            let db = "\(dir)/x.sqlite"
            try UserAccounts.add(name: "xa", password: Array("old-pw".utf8), databasePath: db, iterations: 1000)
            let app = try await buildApplication(testConfiguration(db: db))
            try await app.test(.router) { client in
                let bind = ["user_name": "xa", "password": "old-pw", "c_username": "c1"]
                #expect(try await client.post(.add, body(.add, bind)).code == 0)
                func update(_ user: String, _ cUser: String, _ old: String, _ new: String) async throws -> Answer {
                    try await client.post(
                        .update,
                        body(.update, ["user_name": user, "c_username": cUser, "old_pwd": old, "new_pwd": new]))
                }
                #expect(try await update("nobody", "c1", "old-pw", "new-pw").code == 20001)
                #expect(try await update("xa", "c9", "old-pw", "new-pw").code == 20001)
                let wrongOld = try await update("xa", "c1", "wrong", "new-pw")
                #expect(wrongOld.code == 20002 && wrongOld.findings?.contains("server.oldPasswordMismatch") == true)
                // The account still has old-pw: new-pw does not match the user table.
                let mismatch = try await update("xa", "c1", "old-pw", "new-pw")
                #expect(mismatch.code == 20004 && mismatch.message == "与用户表新密码不匹配")
                // The Xiao A side changes the password (serve users passwd); now the update goes through.
                try UserAccounts.setPassword(
                    name: "xa", password: Array("new-pw".utf8), databasePath: db, iterations: 1000)
                let done = try await update("xa", "c1", "old-pw", "new-pw")
                #expect(done.code == 0 && done.message == "修改成功")
                // The binding holds new-pw now: old-pw is no longer its password.
                #expect(try await update("xa", "c1", "old-pw", "new-pw").code == 20002)
                #expect(try await update("xa", "c1", "new-pw", "new-pw").code == 0)
                // Binding and deleting use the account's current password.
                #expect(
                    try await client.post(
                        .delete, body(.delete, ["user_name": "xa", "password": "old-pw", "c_username": "c1"])
                    ).code == 30001)
                #expect(
                    try await client.post(
                        .delete, body(.delete, ["user_name": "xa", "password": "new-pw", "c_username": "c1"])
                    ).code == 0)
            }
        }
    }

    @Test func unexpectedFailuresAre500WithoutDetails() async throws {
        try await withTemporaryDirectory { dir in
            let db = "\(dir)/x.sqlite"
            let app = try await buildApplication(testConfiguration(db: db))
            // Break the database under the running server.
            let other = try DatabaseQueue(path: db)
            try await other.write { try $0.execute(sql: "DROP TABLE bindings") }
            try UserAccounts.add(name: "xa", password: Array("pw".utf8), databasePath: db, iterations: 1000)
            try await app.test(.router) { client in
                let answer = try await client.post(
                    .add, body(.add, ["user_name": "xa", "password": "pw", "c_username": "c1"]))
                #expect(answer.status == .ok)
                #expect(answer.text == #"{"code":500,"message":"服务端错误，请联系客服","data":[]}"#)
                #expect(answer.findings?.contains("server.internalError") == true)
                #expect(answer.findings?.contains("bindings") == false)
            }
        }
    }

    @Test func explainPutsTheExpectedStepsIntoData() async throws {
        let app = try await buildApplication(testConfiguration(keys: ["abc"], explain: true))
        try await app.test(.router) { client in
            let answer = try await client.post(
                .login, body(.login, domainKey: "abc", sign: "0123456789", ["c_username": "c1"]))
            #expect(answer.code == 10001 && answer.message == "签名验证失败")
            let expected = try #require(answer.data?.object?["expected"]?.object)
            // Known answer of the seed's rule for 1700000000 . abc (docs/api.md).
            // The one shape of sign steps (the console's): the whole member list, in order.
            #expect(
                expected.keys == [
                    "timestamp", "domain_key", "input", "input_bytes", "md5_first", "md5_second", "offset", "length",
                    "sign", "sign_received",
                ])
            #expect(expected["input"]?.string == "1700000000abc")
            #expect(expected["offset"]?.int == 8 && expected["length"]?.int == 10 && expected["input_bytes"]?.int == 13)
            #expect(expected["md5_first"]?.string == "cd914fd8d6df064f1d57d60df13e34f3")
            #expect(expected["md5_second"]?.string == "8eda51098119bf02e28a4a1826779199")
            #expect(expected["sign"]?.string == "8119bf02e2")
            #expect(expected["sign_received"]?.string == "0123456789")
            // json, fields, domain_key, sign (fail), then timestamp: every check runs after a failure.
            #expect(answer.data?.object?["checks"]?.array?.count == 5)
            #expect(answer.data?.object?["findings"]?.array?.isEmpty == false)
            // Successful answers keep the vendor's data.
            #expect(
                try await client.post(.add, body(.add, domainKey: "abc", add)).text
                    == #"{"code":0,"message":"绑定成功","data":[]}"#)
        }
    }

    @Test func requestLogIsOneMaskedJSONLinePerRequest() async throws {
        try await withTemporaryDirectory { dir in
            let logPath = "\(dir)/requests.log"
            let app = try await buildApplication(testConfiguration(keys: ["secret-key"], log: logPath))
            try await app.test(.router) { client in
                _ = try await client.post(.add, body(.add, domainKey: "secret-key", add))
                _ = try await client.post(.add, body(.add, domainKey: "secret-key", sign: "0123456789", add))
                _ = try await client.post(.add, "[]")
                _ = try await client.post(Endpoint.add.path, "", method: .get)
            }
            let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 4)
            let entries = try lines.map { try JSONParser.parse(String($0)) }
            #expect(entries.map { $0.object?["code"]?.number?.int } == [0, 10001, 10000, 30002])
            #expect(
                entries.allSatisfy {
                    $0.object?["endpoint"]?.string == "/assoc/add" && $0.object?["time"]?.string?.hasSuffix("Z") == true
                })
            #expect(entries[1].object?["findings"]?.array?.first?.object?["id"]?.string == "request.sign")
            let text = lines.joined(separator: "\n")
            for secret in ["secret-key", "0123456789", "HHAEEXzBXY4FmXo0mOQ8Hw==", "123456"] {
                #expect(!text.contains(secret), "the log shows \(secret)")
            }
            #expect(entries[0].object?["domain_key"]?.string == "se…(10)")
        }
    }
}

/// A sign computed outside our code, so the upper-case test does not lean on XiaoaSign.
enum XiaoaSignReference {
    static func sign(_ timestamp: String, _ domainKey: String) -> String {
        // Python: hashlib.md5(hashlib.md5(b'1700000000demo').hexdigest().encode()).hexdigest()[8:18]
        precondition(timestamp == "1700000000" && domainKey == "demo")
        return "4fe608ff5e"
    }
}

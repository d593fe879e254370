import Foundation
import Testing
import XiaoaAPI
import XiaoaCapture
import XiaoaJSON

#if canImport(Glibc)
    import Glibc
#endif

/// The real proxy binary (`xiaoa-crypto-serve proxy`) in front of the real stand-in, or of a tiny upstream for
/// what the stand-in never does.
@Suite("Proxy")
struct ProxyTests {
    /// The stand-in with its in-memory demo account (`demo`/`123456`, domain key `demo`).
    static func standIn() throws -> ServerProcess {
        try ServerProcess(["--pbkdf2-iterations", "1000", "--no-console"])
    }

    static func proxy(_ upstream: String, _ arguments: [String] = []) throws -> ServerProcess {
        try ServerProcess(["proxy", "--upstream", upstream, "--domain-key", "demo"] + arguments)
    }

    /// A request body for `endpoint`, signed with `domainKey` now (or with `sign` instead).
    static func body(
        _ endpoint: Endpoint, _ fields: [String: String], domainKey: String = "demo", sign: String? = nil
    ) throws -> [UInt8] {
        let value = try RequestBody.build(
            endpoint: endpoint, timestamp: String(Int(Date().timeIntervalSince1970)), domainKey: domainKey,
            values: fields.mapValues { Array($0.utf8) })
        guard var object = value.object else { throw TestFailure("not an object") }
        if let sign {
            object = JSONObject(
                object.members.map { $0.key == "sign" ? JSONMember(key: "sign", value: .string(sign)) : $0 })
        }
        return Array(JSONValue.object(object).compactText.utf8)
    }

    static let fields: [Endpoint: [String: String]] = [
        .add: ["user_name": "demo", "password": "123456", "c_username": "c1"],
        .login: ["c_username": "c1", "redirect": "thls"],
        .update: ["user_name": "demo", "old_pwd": "123456", "new_pwd": "123456", "c_username": "c1"],
        .delete: ["user_name": "demo", "password": "123456", "c_username": "c1"],
    ]

    static let json = [("Content-Type", "application/json")]

    // MARK: - Forwarding

    /// Every endpoint, a refused request: the answer through the proxy is byte for byte the stand-in's own, and
    /// the log line has the predicted code beside the upstream's, secrets masked.
    @Test(arguments: Endpoint.allCases)
    func refusedRequestGetsTheStandInsAnswer(_ endpoint: Endpoint) throws {
        try withTemporaryDirectory { dir in
            let standIn = try Self.standIn()
            let log = "\(dir)/proxy.log"
            let proxy = try Self.proxy("http://127.0.0.1:\(standIn.port)", ["--log", log])
            let body = try Self.body(endpoint, Self.fields[endpoint]!, sign: "0123456789")
            let direct = try RawHTTP.send(port: standIn.port, target: endpoint.path, headers: Self.json, body: body)
            let proxied = try RawHTTP.send(port: proxy.port, target: endpoint.path, headers: Self.json, body: body)
            #expect(direct.status == 200 && direct.json["code"] as? Int == 10001, "\(direct)")
            #expect(proxied.status == direct.status)
            #expect(proxied.body == direct.body, "\(proxied)")
            #expect(proxied.header("Content-Type") == direct.header("Content-Type"))
            #expect(proxied.header("X-Xiaoa-Findings") == direct.header("X-Xiaoa-Findings"))
            #expect(try eventually { try jsonLines(log).count == 1 })
            let line = try #require(try jsonLines(log).first)
            #expect(line["endpoint"] as? String == endpoint.path)
            #expect(line["predicted"] as? Int == 10001)
            #expect(line["code"] as? Int == 10001)
            #expect(line["status"] as? Int == 200)
            #expect(line["domain_key"] as? String == DomainKeyRule.masked("demo"))
            let ids = (line["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.contains("request.sign"), "\(line)")
            let text = try String(contentsOfFile: log, encoding: .utf8)
            #expect(!text.contains("0123456789") && !text.contains("\"demo\""), "a secret in the log: \(text)")
            #expect(proxy.stderr.contains("POST \(endpoint.path)  predicted 10001  upstream 10001  HTTP 200"))
        }
    }

    /// A binding's whole life through the proxy: add, login, update, delete, each accepted and logged as 0/0.
    @Test func acceptedFlowIsLoggedWithBothCodes() throws {
        try withTemporaryDirectory { dir in
            let standIn = try Self.standIn()
            let log = "\(dir)/proxy.log"
            let proxy = try Self.proxy("http://127.0.0.1:\(standIn.port)", ["--log", log])
            for endpoint in [Endpoint.add, .login, .update, .delete] {
                let body = try Self.body(endpoint, Self.fields[endpoint]!)
                let answer = try RawHTTP.send(port: proxy.port, target: endpoint.path, headers: Self.json, body: body)
                #expect(answer.json["code"] as? Int == 0, "\(endpoint): \(answer)")
            }
            #expect(try eventually { try jsonLines(log).count == 4 })
            for (line, endpoint) in zip(try jsonLines(log), [Endpoint.add, .login, .update, .delete]) {
                #expect(line["endpoint"] as? String == endpoint.path)
                #expect(line["predicted"] as? Int == 0 && line["code"] as? Int == 0, "\(line)")
                #expect(line["c_username"] as? String == "c1")
            }
        }
    }

    /// Bytes through the proxy: non-UTF-8, empty and 1 MB bodies, a raw query with `%2B`, a custom header, all
    /// as received; hop-by-hop headers dropped; Host the upstream's; the upstream's headers back.
    /// What `bytesPassUnchanged` sends: a target and a body.
    enum Payload: String, CaseIterable, Sendable {
        case notUTF8, empty, oneMegabyte, noBody

        var target: String {
            switch self {
            case .notUTF8: "/echo?y=%2B&x=a+b"
            case .empty: "/echo"
            case .oneMegabyte: "/assoc/add?y=%2B"
            case .noBody: "/a/b%20c/%E4%B8%AD?"
            }
        }

        var body: [UInt8]? {
            switch self {
            case .notUTF8: [0xff, 0xfe, 0x00, 0x80, 0x41]
            case .empty: []
            case .oneMegabyte: (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            case .noBody: nil
            }
        }
    }

    @Test(arguments: Payload.allCases)
    func bytesPassUnchanged(_ payload: Payload) throws {
        let target = payload.target
        let body = payload.body
        let upstream = try TinyUpstream(.echo)
        let proxy = try Self.proxy("http://127.0.0.1:\(upstream.port)/base")
        let headers = [
            ("X-Custom", "value with  spaces"), ("Connection", "close, X-Drop-Me"), ("X-Drop-Me", "1"),
            ("Keep-Alive", "timeout=5"), ("Proxy-Authorization", "Basic eDp5"), ("TE", "trailers"),
            ("Content-Type", "application/octet-stream"),
        ]
        let answer = try RawHTTP.send(
            port: proxy.port, method: body == nil ? "GET" : "POST", target: target, headers: headers, body: body)
        #expect(answer.status == 200, "\(answer)")
        #expect(answer.header("X-Upstream") == "echo")
        #expect(answer.header("Keep-Alive") == nil)
        let echo = answer.json
        #expect(echo["method"] as? String == (body == nil ? "GET" : "POST"))
        #expect(echo["target"] as? String == "/base" + target)
        let received = (echo["headers"] as? [[String]] ?? []).map { ($0[0].lowercased(), $0[1]) }
        #expect(received.contains { $0 == ("host", "127.0.0.1:\(upstream.port)") }, "\(received)")
        #expect(received.contains { $0 == ("x-custom", "value with  spaces") })
        #expect(received.contains { $0 == ("content-type", "application/octet-stream") })
        for name in ["connection", "x-drop-me", "keep-alive", "proxy-authorization", "te"] {
            #expect(!received.contains { $0.0 == name }, "\(name) was forwarded: \(received)")
        }
        let hex = (body ?? []).map { String(format: "%02x", $0) }.joined()
        #expect(echo["body_hex"] as? String == hex)
        if let body { #expect(received.contains { $0 == ("content-length", String(body.count)) }) }
    }

    /// `--annotate` adds the proxy's findings to an API answer; without it the answer is the upstream's alone.
    @Test func annotateAddsFindingsOnlyWhenAsked() throws {
        let upstream = try TinyUpstream(.echo)
        let body = try Self.body(.add, Self.fields[.add]!, sign: "0123456789")
        let plain = try Self.proxy("http://127.0.0.1:\(upstream.port)")
        let quiet = try RawHTTP.send(port: plain.port, target: "/assoc/add", headers: Self.json, body: body)
        #expect(quiet.status == 200 && quiet.header("X-Xiaoa-Findings") == nil, "\(quiet)")
        let annotating = try Self.proxy("http://127.0.0.1:\(upstream.port)", ["--annotate"])
        let loud = try RawHTTP.send(port: annotating.port, target: "/assoc/add", headers: Self.json, body: body)
        let findings = try #require(loud.header("X-Xiaoa-Findings"), "\(loud)")
        #expect(findings.hasPrefix("request.sign: "), "\(findings)")
        #expect(loud.body == quiet.body)
    }

    /// 50 clients at once, each through its own connection: every one gets the stand-in's answer.
    @Test func fiftyConcurrentClientsAreServed() throws {
        let standIn = try Self.standIn()
        let proxy = try Self.proxy("http://127.0.0.1:\(standIn.port)")
        let body = try Self.body(.login, ["c_username": "nobody"])
        let results = Results()
        let group = DispatchGroup()
        for _ in 0..<50 {
            group.enter()
            Thread {
                defer { group.leave() }
                let answer = try? RawHTTP.send(port: proxy.port, target: "/assoc/login", headers: Self.json, body: body)
                results.add(answer?.json["code"] as? Int)
            }.start()
        }
        group.wait()
        #expect(results.values.count == 50)
        #expect(results.values.allSatisfy { $0 == 20001 }, "\(results.values)")
    }

    // MARK: - Upstream failures

    /// Nothing listening upstream: 502 with a JSON body naming the upstream and the cause, and a log line; once
    /// the upstream is there, the next request goes through.
    @Test func deadUpstreamIs502ThenRecovers() throws {
        try withTemporaryDirectory { dir in
            let port = try TinyUpstream.freePort()
            let log = "\(dir)/proxy.log"
            let proxy = try Self.proxy("http://127.0.0.1:\(port)", ["--log", log])
            let body = try Self.body(.add, Self.fields[.add]!)
            let refused = try RawHTTP.send(port: proxy.port, target: "/assoc/add", headers: Self.json, body: body)
            #expect(refused.status == 502, "\(refused)")
            #expect(refused.json["upstream"] as? String == "http://127.0.0.1:\(port)")
            #expect((refused.json["cause"] as? String)?.contains("onnect") == true, "\(refused)")
            #expect(try eventually { try jsonLines(log).count == 1 })
            let line = try #require(try jsonLines(log).first)
            #expect(line["status"] as? Int == 502 && line["error"] is String && line["predicted"] as? Int == 0)
            let upstream = try TinyUpstream(.echo, port: port)
            let back = try RawHTTP.send(port: proxy.port, target: "/assoc/add", headers: Self.json, body: body)
            #expect(back.status == 200 && back.header("X-Upstream") == "echo", "\(back)")
            upstream.stop()
        }
    }

    /// An upstream that never answers: 504 after --timeout, naming the timeout; the proxy goes on serving.
    @Test func stallingUpstreamIs504() throws {
        let upstream = try TinyUpstream(.stall)
        let proxy = try Self.proxy("http://127.0.0.1:\(upstream.port)", ["--timeout", "0.5"])
        let answer = try RawHTTP.send(port: proxy.port, method: "GET", target: "/slow")
        #expect(answer.status == 504, "\(answer)")
        #expect((answer.json["cause"] as? String)?.contains("--timeout") == true, "\(answer)")
        #expect(proxy.stderr.contains("GET /slow  HTTP 504"), "\(proxy.stderr)")
        let again = try RawHTTP.send(port: proxy.port, method: "GET", target: "/slow")
        #expect(again.status == 504)
    }

    /// An upstream that answers garbage or resets the connection: 502, and the proxy goes on serving.
    @Test(arguments: [TinyUpstream.Behaviour.garbage, .reset])
    func brokenUpstreamIs502(_ behaviour: TinyUpstream.Behaviour) throws {
        let upstream = try TinyUpstream(behaviour)
        let proxy = try Self.proxy("http://127.0.0.1:\(upstream.port)")
        for _ in 0..<2 {
            let answer = try RawHTTP.send(port: proxy.port, target: "/assoc/login", headers: Self.json, body: [])
            #expect(answer.status == 502, "\(answer)")
            #expect(answer.json["cause"] is String)
        }
    }

    // MARK: - HAR

    /// The HAR file: mode 0600, the notice on stderr, valid while the proxy runs and after SIGTERM, read by
    /// `verify har` with the codes the stand-in answered.
    @Test func harIsPrivateValidAndJudged() throws {
        try withTemporaryDirectory { dir in
            let standIn = try Self.standIn()
            let path = "\(dir)/session.har"
            let proxy = try Self.proxy("http://127.0.0.1:\(standIn.port)", ["--har", path])
            #expect(proxy.stderr.contains("mode 0600"), "\(proxy.stderr)")
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let good = try Self.body(.add, Self.fields[.add]!)
            let badSign = try Self.body(.login, Self.fields[.login]!, sign: "0123456789")
            let notUTF8: [UInt8] = [0x7b, 0xff, 0xfe, 0x7d]
            #expect(
                try RawHTTP.send(port: proxy.port, target: "/assoc/add", headers: Self.json, body: good).status == 200)
            _ = try RawHTTP.send(port: proxy.port, target: "/assoc/login", headers: Self.json, body: badSign)
            _ = try RawHTTP.send(port: proxy.port, target: "/assoc/delete", headers: Self.json, body: notUTF8)
            _ = try RawHTTP.send(port: proxy.port, method: "GET", target: "/assoc/add")
            _ = try RawHTTP.send(port: proxy.port, method: "GET", target: "/elsewhere?q=1")
            // Valid while the proxy runs.
            let running = try HARFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            #expect(running.entries.count == 5)
            #expect(proxy.stop(SIGTERM) == 0)
            let har = try HARFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            #expect(har.entries.count == 5)
            #expect(har.entries[2].postData?.encoding == "base64")
            #expect(har.entries[2].postData?.bytes == notUTF8)
            #expect(har.entries[0].url == "http://127.0.0.1:\(standIn.port)/assoc/add")
            let report = CaptureVerifier(domainKeys: ["demo"]).judge(har)
            #expect(report.verdicts.map(\.predicted.rawValue) == [0, 10001, 10000, 30002], "\(report.verdicts)")
            #expect(report.verdicts.map(\.actual) == [0, 10001, 10000, 30002])
            #expect(report.entryCount == 5)
            // The command-line tool reads it the same way.
            let verify = Process()
            verify.executableURL = URL(fileURLWithPath: binaryDirectory + "/xiaoa-crypto")
            verify.arguments = ["verify", "har", path, "--domain-key", "demo", "--format", "json"]
            let output = Pipe()
            verify.standardOutput = output
            verify.standardError = FileHandle.nullDevice
            try verify.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            verify.waitUntilExit()
            #expect(verify.terminationStatus == 1)
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let entries = json["entries"] as? [[String: Any]] ?? []
            #expect(entries.map { $0["actual"] as? Int } == [0, 10001, 10000, 30002])
            #expect((json["summary"] as? [String: Any])?["skipped"] as? Int == 1)
        }
    }

    /// `kill -9` between requests leaves a complete HAR: each entry is written with the closing brackets.
    @Test func harSurvivesKill9() throws {
        try withTemporaryDirectory { dir in
            let upstream = try TinyUpstream(.echo)
            let path = "\(dir)/killed.har"
            // An existing file with a looser mode is narrowed too.
            FileManager.default.createFile(
                atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
            let proxy = try Self.proxy("http://127.0.0.1:\(upstream.port)", ["--har", path])
            for index in 0..<3 {
                _ = try RawHTTP.send(
                    port: proxy.port, target: "/x/\(index)", headers: [], body: Array("b\(index)".utf8))
            }
            proxy.stop(SIGKILL)
            let har = try HARFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            #expect(har.entries.map(\.url) == (0..<3).map { "http://127.0.0.1:\(upstream.port)/x/\($0)" })
            #expect(har.entries.map(\.status) == [200, 200, 200])
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }

    // MARK: - Console

    /// The console on the proxy: the page for this machine's names only, cross-site requests refused, and the
    /// recent requests with the predicted code beside the upstream's. With --no-console, `/` is forwarded.
    @Test func consoleShowsProxiedTrafficBehindTheGate() throws {
        let upstream = try TinyUpstream(.echo)
        let proxy = try Self.proxy("http://127.0.0.1:\(upstream.port)")
        let page = try RawHTTP.send(port: proxy.port, method: "GET", target: "/")
        #expect(page.status == 200 && page.text.contains("<html"), "\(page)")
        let rebound = try RawHTTP.send(port: proxy.port, method: "GET", target: "/", host: "evil.example:\(proxy.port)")
        #expect(rebound.status == 403)
        let crossSite = try RawHTTP.send(
            port: proxy.port, target: "/console/api/sign",
            headers: [("Content-Type", "application/json"), ("Origin", "http://evil.example")], body: Array("{}".utf8))
        #expect(crossSite.status == 403)
        let body = try Self.body(.add, Self.fields[.add]!, sign: "0123456789")
        _ = try RawHTTP.send(port: proxy.port, target: "/assoc/add", headers: Self.json, body: body)
        let recent = try RawHTTP.send(port: proxy.port, method: "GET", target: "/console/api/recent")
        let requests = recent.json["requests"] as? [[String: Any]] ?? []
        #expect(requests.count == 1, "\(recent)")
        #expect(requests.first?["predicted"] as? Int == 10001)
        #expect(requests.first?["code"] is NSNull, "the echo upstream answers no code: \(requests)")
        #expect(requests.first?["status"] as? Int == 200)
        let server = try RawHTTP.send(port: proxy.port, method: "GET", target: "/console/api/server")
        #expect(server.json["upstream"] as? String == "http://127.0.0.1:\(upstream.port)")

        let bare = try Self.proxy("http://127.0.0.1:\(upstream.port)", ["--no-console"])
        let forwarded = try RawHTTP.send(port: bare.port, method: "GET", target: "/")
        #expect(forwarded.header("X-Upstream") == "echo", "\(forwarded)")
    }

    /// The proxy speaks the chosen language as the stand-in does: its request log follows `--lang`, its console
    /// the request's `Accept-Language` (else `--lang`); ids, codes and X-Xiaoa-Findings stay as they are.
    @Test func logAndConsoleFollowTheLanguage() throws {
        try withTemporaryDirectory { dir in
            let upstream = try TinyUpstream(.echo)
            let log = "\(dir)/proxy.log"
            let proxy = try Self.proxy("http://127.0.0.1:\(upstream.port)", ["--log", log, "--lang", "zh-Hans"])
            let body = try Self.body(.add, Self.fields[.add]!, sign: "0123456789")
            _ = try RawHTTP.send(port: proxy.port, target: "/assoc/add", headers: Self.json, body: body)
            #expect(try eventually { try jsonLines(log).count == 1 })
            let finding = try #require((try jsonLines(log).first?["findings"] as? [[String: Any]])?.first)
            #expect(finding["id"] as? String == "request.sign")
            let chinese = { (text: String) in text.unicodeScalars.contains { (0x4e00...0x9fff).contains($0.value) } }
            #expect(chinese(finding["summary"] as? String ?? ""), "\(finding)")
            for (language, expectChinese) in [("en", false), ("zh-CN,zh;q=0.9", true), (nil, true)] {
                let headers = language.map { [("Accept-Language", $0)] } ?? []
                let recent = try RawHTTP.send(
                    port: proxy.port, method: "GET", target: "/console/api/recent", headers: headers)
                let first = (recent.json["requests"] as? [[String: Any]])?.first
                let summary = (first?["findings"] as? [[String: Any]])?.first?["summary"] as? String ?? ""
                #expect(!summary.isEmpty && chinese(summary) == expectChinese, "\(language ?? "none"): \(recent)")
            }
        }
    }

    // MARK: - Command line

    @Test(arguments: [
        (["proxy"], "--upstream"),
        (["proxy", "--upstream", "ftp://example.com"], "http:// or https://"),
        (["proxy", "--upstream", "http://127.0.0.1:1", "--timeout", "0"], "--timeout"),
    ])
    func badOptionsAreUsageErrors(_ arguments: [String], _ message: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaryDirectory + "/xiaoa-crypto")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 64)
        #expect(String(decoding: data, as: UTF8.self).contains(message))
    }
}

/// Answers gathered from many threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int?] = []

    func add(_ value: Int?) {
        lock.lock()
        list.append(value)
        lock.unlock()
    }

    var values: [Int?] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}

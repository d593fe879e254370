import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XiaoaAPI
import XiaoaClient
import XiaoaJSON
import XiaoaServer

/// The client against the stand-in on a real socket: every code each endpoint can answer a correct client, a
/// body the client would never send (10000), and the clock checks.
@Suite("XiaoaClient against the stand-in")
struct ClientTests {
    @Test func addLoginUpdateDeleteSucceed() async throws {
        try await withStandIn { client, db in
            try await client.add(userName: "xa", password: "old", cUsername: "c1")
            let url = try await client.login(cUsername: "c1", redirect: "yxrw")
            #expect("\(url)".hasPrefix("http://xiaoa.test/?Redirect=yxrw&token="), "\(url)")
            // The account's password changed first; update brings the binding's along (the seed's order).
            try UserAccounts.setPassword(name: "xa", password: Array("new".utf8), databasePath: db, iterations: 1000)
            try await client.update(userName: "xa", cUsername: "c1", oldPassword: "old", newPassword: "new")
            try await client.delete(userName: "xa", password: "new", cUsername: "c1")
        }
    }

    @Test func addRejections() async throws {
        try await withStandIn { client, _ in
            try await expectCode(20001) { try await client.add(userName: "nobody", password: "old", cUsername: "c1") }
            try await expectCode(20002) { try await client.add(userName: "xa", password: "wrong", cUsername: "c1") }
            try await client.add(userName: "xa", password: "old", cUsername: "c1")
            try await expectCode(20003) { try await client.add(userName: "xa", password: "old", cUsername: "c1") }
        }
    }

    @Test func loginRejection() async throws {
        try await withStandIn { client, _ in
            try await expectCode(20001) { _ = try await client.login(cUsername: "unbound") }
        }
    }

    @Test func updateRejections() async throws {
        try await withStandIn { client, db in
            try await expectCode(20001) {
                try await client.update(userName: "xa", cUsername: "c1", oldPassword: "old", newPassword: "new")
            }
            try await client.add(userName: "xa", password: "old", cUsername: "c1")
            try await expectCode(20002) {
                try await client.update(userName: "xa", cUsername: "c1", oldPassword: "wrong", newPassword: "new")
            }
            try UserAccounts.setPassword(name: "xa", password: Array("new".utf8), databasePath: db, iterations: 1000)
            try await expectCode(20004) {
                try await client.update(userName: "xa", cUsername: "c1", oldPassword: "old", newPassword: "other")
            }
        }
    }

    @Test func deleteRejections() async throws {
        try await withStandIn { client, _ in
            try await expectCode(30001) { try await client.delete(userName: "xa", password: "old", cUsername: "c1") }
            try await client.add(userName: "xa", password: "old", cUsername: "c1")
            try await expectCode(30001) {
                try await client.delete(userName: "xa", password: "wrong", cUsername: "c1")
            }
        }
    }

    /// 10000 for every endpoint: a body without its required fields, sent through ``XiaoaClient/send(_:)``.
    @Test(arguments: Endpoint.allCases) func illegalParameters(endpoint: Endpoint) async throws {
        try await withStandIn { client, _ in
            let body = Array(#"{"timestamp":"1","domain_key":"k1"}"#.utf8)
            let request = XiaoaRequest(
                endpoint: endpoint, url: client.baseURL + endpoint.path, timestamp: "1", body: body)
            let answer = try await client.send(request)
            #expect(answer.code == 10000)
            #expect(client.rejection(answer, to: request).meaning == "illegal request parameters")
        }
    }

    /// 10002 for every endpoint names the masked key that was sent.
    @Test(arguments: Endpoint.allCases) func unknownDomainKey(endpoint: Endpoint) async throws {
        try await withStandIn(clientKey: "not-the-key") { client, _ in
            let error = try await expectCode(10002) { try await callAny(client, endpoint) }
            #expect(error.notes.contains { $0.contains("no…(11)") }, "\(error.notes)")
            #expect(!error.description.contains("not-the-key"))
        }
    }

    /// The client's clock an hour behind: 10001 for every endpoint, and the note says so from the Date header.
    @Test(arguments: Endpoint.allCases) func clientClockFarOff(endpoint: Endpoint) async throws {
        let behind: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) - 3600 }
        try await withStandIn(clientClock: behind) { client, _ in
            let error = try await expectCode(10001) { try await callAny(client, endpoint) }
            #expect(error.meaning == "signature verification failed")
            #expect(
                error.notes.contains { $0.contains("behind the server's") && $0.contains("usual 300 s") }, "\(error)")
        }
    }

    /// The stand-in's own clock an hour ahead (its Date header is the machine's): 10001, and the note says the
    /// client's clock agrees with the Date header.
    @Test func serverClockFarOff() async throws {
        let ahead: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) + 3600 }
        try await withStandIn(serverClock: ahead) { client, _ in
            let error = try await expectCode(10001) { _ = try await client.login(cUsername: "c1") }
            #expect(error.notes.contains { $0.contains("Date header is within") }, "\(error.notes)")
        }
    }
}

// MARK: - Support

/// Calls `endpoint` with plausible values.
func callAny(_ client: XiaoaClient, _ endpoint: Endpoint) async throws {
    switch endpoint {
    case .add: try await client.add(userName: "xa", password: "old", cUsername: "c1")
    case .login: _ = try await client.login(cUsername: "c1")
    case .update: try await client.update(userName: "xa", cUsername: "c1", oldPassword: "old", newPassword: "new")
    case .delete: try await client.delete(userName: "xa", password: "old", cUsername: "c1")
    }
}

/// Expects `body` to throw ``XiaoaAPIError`` with `code`, and returns it.
@discardableResult
func expectCode(
    _ code: Int, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async throws -> XiaoaAPIError {
    do {
        try await body()
    } catch let error as XiaoaAPIError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        #expect(error.meaning == APICode(rawValue: code)?.meaning, sourceLocation: sourceLocation)
        #expect(error.message == APICode(rawValue: code)?.message, sourceLocation: sourceLocation)
        return error
    }
    Issue.record("expected code \(code), got 0", sourceLocation: sourceLocation)
    throw CancellationError()
}

/// The stand-in on a free port (database in a temporary file with user xa, password `old`, domain key k1,
/// max skew 300 s) and a client of it.
func withStandIn(
    clientKey: String = "k1", clientClock: (@Sendable () -> Int64)? = nil, serverClock: (@Sendable () -> Int64)? = nil,
    _ body: @Sendable (XiaoaClient, String) async throws -> Void
) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xiaoa-client-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let db = "\(dir)/client.sqlite"
    try UserAccounts.add(name: "xa", password: Array("old".utf8), databasePath: db, iterations: 1000)
    var configuration = ServerConfiguration(
        host: "127.0.0.1", port: 0, databasePath: db, domainKeys: ["k1"], maxSkew: 300,
        loginBaseURL: "http://xiaoa.test/", pbkdf2Iterations: 1000, console: nil)
    if let serverClock { configuration.now = serverClock }
    let app = try await buildApplication(configuration)
    try await app.test(.live) { test in
        let port = try #require(test.port)
        var settings = XiaoaClient.Configuration()
        if let clientClock { settings.clock = clientClock }
        let client = XiaoaClient(baseURL: "http://127.0.0.1:\(port)", domainKey: clientKey, configuration: settings)
        try await body(client, db)
    }
}

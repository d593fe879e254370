import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XiaoaAPI
import XiaoaCipher
import XiaoaJSON
import XiaoaSigning

@testable import XiaoaServer

/// A fixed clock for the tests: 2023-11-14T22:13:20Z.
let testNow: Int64 = 1_700_000_000

/// A request body as the vendor's clients send it: the public parameters signed for `domainKey`, then `fields`
/// (password fields given in plain text are encrypted with the vendor's key and IV).
func body(
    _ endpoint: Endpoint, domainKey: String = "demo", timestamp: String = String(testNow), sign: String? = nil,
    _ fields: [String: String]
) -> String {
    var members: [(String, String)] = [
        ("timestamp", timestamp), ("domain_key", domainKey),
        ("sign", sign ?? XiaoaSign.sign(timestamp: timestamp, domainKey: domainKey)),
    ]
    for field in endpoint.fields {
        guard let value = fields[field.name] else { continue }
        members.append((field.name, field.isPassword ? PasswordCipher.vendor.encrypt(base64: value) : value))
    }
    return "{" + members.map { "\(JSONText.quoted($0.0)):\(JSONText.quoted($0.1))" }.joined(separator: ",") + "}"
}

/// The answer's parts, parsed strictly.
struct Answer {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String
    let json: JSONValue

    var code: Int? { json.object?["code"]?.number?.int }
    var message: String? { json.object?["message"]?.string }
    var data: JSONValue? { json.object?["data"] }
    var findings: String? { headers[VendorAnswer.findingsHeader] }

    init(_ response: TestResponse) throws {
        status = response.status
        headers = response.headers
        text = String(buffer: response.body)
        json = try JSONParser.parse(text)
    }
}

extension TestClientProtocol {
    func post(_ endpoint: Endpoint, _ text: String) async throws -> Answer {
        try await execute(
            uri: endpoint.path, method: .post, headers: [.contentType: "application/json;charset=utf-8"],
            body: ByteBuffer(string: text)
        ) {
            try Answer($0)
        }
    }

    func post(_ path: String, _ text: String, method: HTTPRequest.Method = .post) async throws -> Answer {
        try await execute(uri: path, method: method, body: ByteBuffer(string: text)) { try Answer($0) }
    }
}

extension JSONValue {
    var number: JSONNumber? { if case .number(let n) = self { n } else { nil } }
}

/// A configuration for tests: fixed clock, cheap hashes, the database given (nil: in memory).
func testConfiguration(
    db: String? = nil, keys: [String] = [], explain: Bool = false, maxSkew: Int64? = nil, log: String? = nil
) -> ServerConfiguration {
    ServerConfiguration(
        host: "127.0.0.1", port: 0, databasePath: db, domainKeys: keys, maxSkew: maxSkew, logPath: log,
        explain: explain,
        loginBaseURL: "http://xiaoa.test/", pbkdf2Iterations: 1000, now: { testNow })
}

/// A fresh temporary directory, removed at the end of `body`.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("xiaoa-server-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XiaoaAPI
import XiaoaClient

#if canImport(Glibc)
    import Glibc
#endif

/// Failures to talk to the server: each is a ``XiaoaTransportError`` naming the URL, never an ``XiaoaAPIError``.
@Suite("XiaoaClient transport failures")
struct TransportTests {
    @Test func closedPortIsRefused() async throws {
        let port = try freePort()
        let http = XiaoaClient.makeHTTPClient()
        let client = XiaoaClient(
            baseURL: "http://127.0.0.1:\(port)", domainKey: "k1", configuration: .init(httpClient: http))
        let error = await transportError { try await client.add(userName: "xa", password: "pw", cUsername: "c1") }
        try await http.shutdown()
        #expect(error?.kind == .refused, "\(String(describing: error))")
        #expect(error?.url == "http://127.0.0.1:\(port)/assoc/add")
        #expect(error?.isUnavailable == true)
    }

    /// A socket that accepts connections (the kernel's backlog) and never answers: the request deadline ends it
    /// with `.timedOut` (without one the call would hang; the time limit fails the test then). No wall-clock
    /// bound: in a parallel `swift test` run, busy test threads can delay the answer by many seconds.
    @Test(.timeLimit(.minutes(1))) func silentServerTimesOut() async throws {
        let (socket, port) = try listeningSocket()
        defer { close(socket) }
        let timeouts = XiaoaClient.Timeouts(connect: .seconds(1), request: .milliseconds(700))
        let client = XiaoaClient(
            baseURL: "http://127.0.0.1:\(port)/", domainKey: "k1", configuration: .init(timeouts: timeouts))
        let error = await transportError { _ = try await client.login(cUsername: "c1") }
        #expect(error?.kind == .timedOut, "\(String(describing: error))")
        #expect(error?.url == "http://127.0.0.1:\(port)/assoc/login")
    }

    @Test func htmlAnswerIsNotTheVendorsJSON() async throws {
        try await withFakeServer(status: .ok, contentType: "text/html", body: "<html><body>Welcome</body></html>") {
            client in
            let error = await transportError { try await client.delete(userName: "xa", password: "pw", cUsername: "c") }
            #expect(error?.kind == .notVendorJSON, "\(String(describing: error))")
            #expect(error?.description.contains("<html>") == true)
            #expect(error?.isUnavailable == false)
        }
    }

    @Test func otherStatusIsReported() async throws {
        try await withFakeServer(status: .badGateway, contentType: "text/plain", body: "bad gateway") { client in
            let error = await transportError {
                try await client.update(userName: "xa", cUsername: "c", oldPassword: "a", newPassword: "b")
            }
            #expect(error?.kind == .httpStatus(502), "\(String(describing: error))")
        }
    }

    @Test func jsonWithoutCodeIsNotTheVendors() async throws {
        try await withFakeServer(status: .ok, contentType: "application/json", body: #"{"ok":true}"#) { client in
            let error = await transportError { _ = try await client.login(cUsername: "c1") }
            #expect(error?.kind == .notVendorJSON, "\(String(describing: error))")
        }
    }
}

/// The transport error `body` throws, or nil (recorded as an issue) when it throws something else or nothing.
func transportError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> XiaoaTransportError? {
    do {
        try await body()
    } catch let error as XiaoaTransportError {
        return error
    } catch {
        Issue.record("expected a transport error, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
    Issue.record("expected a transport error, got success", sourceLocation: sourceLocation)
    return nil
}

/// A Hummingbird server answering every POST with `status`, `contentType` and `body`.
func withFakeServer(
    status: HTTPResponse.Status, contentType: String, body: String, _ test: @Sendable (XiaoaClient) async throws -> Void
) async throws {
    let router = Router()
    router.post("/assoc/{endpoint}") { _, _ in
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in
        let port = try #require(client.port)
        try await test(XiaoaClient(baseURL: "http://127.0.0.1:\(port)", domainKey: "k1"))
    }
}

/// A loopback port nothing listens on (bound, then closed).
func freePort() throws -> Int {
    let (socket, port) = try listeningSocket()
    close(socket)
    return port
}

/// A TCP socket listening on a free loopback port, never accepting.
func listeningSocket() throws -> (Int32, Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

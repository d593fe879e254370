import Testing
import XiaoaAPI

@testable import XiaoaServer

/// The empty domain key on the server's side: refused when given to it, answered 10002 when a request sends it.
@Suite("Server: the empty domain key")
struct ServerDomainKeyTests {
    @Test func anEmptyKeyGivenToTheServerIsRefusedWithTheLibrarysWords() async throws {
        do {
            _ = try await buildApplication(testConfiguration(keys: ["demo", ""]))
            Issue.record("an empty domain key was accepted")
        } catch let error as ServerError {
            #expect(error.kind == .badInput)
            #expect(error.reason == "the domain key is empty; give the domain key the vendor assigned to your domain")
        }
    }

    @Test func aRequestWithAnEmptyKeyIsAnswered10002() async throws {
        try await buildApplication(testConfiguration(keys: ["demo"])).test(.router) { client in
            let answer = try await client.post(.login, body(.login, domainKey: "", ["c_username": "c1"]))
            #expect(answer.code == 10002)
            #expect(answer.findings?.hasPrefix("request.domainKey: the domain key is empty") == true)
        }
    }
}

import Testing
import XiaoaAPI
import XiaoaCipher
import XiaoaJSON
import XiaoaSigning
import XiaoaVectors

@Suite("Request verifier")
struct RequestVerifierTests {
    @Test("Vectors/requests.json", arguments: try VectorFile.repositoryCases("requests.json"))
    func vector(_ test: VectorCase) {
        let outcome = VectorRunner.check(test)
        #expect(outcome.passed, "\(test): \(outcome.failure ?? "")")
    }

    @Test func checksAreReportedInOrderAndStopAtTheFirstFailure() {
        let verifier = RequestVerifier(domainKeys: ["k"])
        let verdict = verifier.verify(Array(#"{"timestamp":"1","domain_key":"k","sign":"0000000000"}"#.utf8), endpoint: .login, now: 1)
        #expect(verdict.code == .signatureFailed)
        #expect(verdict.checks.map(\.name.rawValue) == ["json", "fields", "domain_key", "sign"])
        #expect(verdict.failure?.name == .sign)
        #expect(verdict.request == nil)
    }

    @Test func acceptedRequestExposesDecryptedPasswords() throws {
        let body = try RequestBody.build(
            endpoint: .update, timestamp: "1700000000", domainKey: "k",
            values: ["user_name": Array("u".utf8), "c_username": Array("c".utf8), "old_pwd": Array("old".utf8), "new_pwd": Array("新".utf8)])
        let verdict = RequestVerifier(domainKeys: ["k"]).verify(try JCS.canonicalize(body), endpoint: .update, now: 0)
        #expect(verdict.isAccepted)
        guard case .update(let update)? = verdict.request else {
            Issue.record("not an update: \(String(describing: verdict.request))")
            return
        }
        #expect(update.oldPassword == Array("old".utf8))
        #expect(update.newPassword == Array("新".utf8))
        #expect(update.userName == "u" && update.cUsername == "c")
        #expect(update.parameters == PublicParameters(timestamp: "1700000000", domainKey: "k", sign: "210c5b51cc"))
    }
}

@Suite("Request body builder")
struct RequestBodyTests {
    @Test func addBodyHasPublicAndMethodParameters() throws {
        let body = try RequestBody.build(
            endpoint: .add, timestamp: "1700000000", domainKey: "abc",
            values: ["user_name": Array("xa".utf8), "password": Array("123456".utf8), "c_username": Array("c1".utf8)])
        #expect(try JCS.canonicalString(body)
            == #"{"c_username":"c1","domain_key":"abc","password":"HHAEEXzBXY4FmXo0mOQ8Hw==","sign":"8119bf02e2","timestamp":"1700000000","user_name":"xa"}"#)
    }

    @Test func missingAndUnknownFieldsAreRefused() {
        #expect(throws: RequestBodyError.self) {
            try RequestBody.build(endpoint: .add, timestamp: "1", domainKey: "k", values: ["user_name": [0x61]])
        }
        #expect(throws: RequestBodyError.self) {
            try RequestBody.build(endpoint: .login, timestamp: "1", domainKey: "k", values: ["password": [0x61]])
        }
        #expect(throws: RequestBodyError.self) {
            try RequestBody.build(endpoint: .login, timestamp: "1", domainKey: "k", values: ["redirect": Array("home".utf8)])
        }
    }

    @Test(arguments: Endpoint.allCases)
    func everyEndpointRoundTripsThroughTheVerifier(_ endpoint: Endpoint) throws {
        var values: [String: [UInt8]] = [:]
        for field in endpoint.fields where field.required || field.allowedValues != nil {
            values[field.name] = Array((field.allowedValues?.last ?? "value of \(field.name) 值").utf8)
        }
        let body = try JCS.canonicalize(try RequestBody.build(endpoint: endpoint, timestamp: "1700000000", domainKey: "k", values: values))
        let verdict = RequestVerifier(domainKeys: ["k"], maxSkew: 60).verify(body, endpoint: endpoint, now: 1_700_000_030)
        #expect(verdict.isAccepted, "\(verdict.checks)")
    }
}

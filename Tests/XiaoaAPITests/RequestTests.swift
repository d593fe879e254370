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

    @Test func checksAreReportedInOrderAndGoOnAfterTheFirstFailure() {
        let verifier = RequestVerifier(domainKeys: ["k"])
        let verdict = verifier.verify(
            Array(#"{"timestamp":"1","domain_key":"k","sign":"0000000000"}"#.utf8), endpoint: .login, now: 1)
        #expect(verdict.code == .signatureFailed)
        #expect(verdict.checks.map(\.name.rawValue) == ["json", "fields", "domain_key", "sign", "timestamp"])
        #expect(verdict.checks.map(\.outcome) == [.pass, .pass, .pass, .fail, .skipped])
        #expect(verdict.failure?.name == .sign)
        #expect(verdict.request == nil)
    }

    /// Issue 17: an upper-case sign *and* an ECB password: the code is the sign's (the server's order), and the
    /// password check still runs, marked wouldFail, with both diagnoses among the findings.
    @Test func twoMistakesAreBothReported() throws {
        let timestamp = "1700000000"
        let sign = XiaoaSign.sign(timestamp: timestamp, domainKey: "k").uppercased()
        // AES-128-ECB of "123456" under the vendor's zero-padded key (openssl enc -aes-128-ecb, as in
        // Vectors/diagnosis-password.json's ecbMode case): not what the CBC cipher expects.
        let ecb = "Y0ym+5zCLfPCJrJ7jvUQlg=="
        let body =
            #"{"c_username":"c1","domain_key":"k","password":"\#(ecb)","sign":"\#(sign)","timestamp":"1700000000","user_name":"xa"}"#
        let verdict = RequestVerifier(domainKeys: ["k"]).verify(Array(body.utf8), endpoint: .add, now: 0)
        #expect(verdict.code == .signatureFailed)
        #expect(verdict.failures.map(\.name) == [.sign, .password(.password)])
        #expect(verdict.failures.map(\.outcome) == [.fail, .wouldFail])
        let ids = RequestDiagnosis.findings(for: verdict, now: 0, maxSkew: nil).map(
            \.id.rawValue)
        #expect(ids.contains("sign.outerUppercase"), "\(ids)")
        #expect(ids.contains("request.password"), "\(ids)")
        #expect(ids.first == "request.sign", "\(ids)")
    }

    /// Issue 17: a 13-digit timestamp with a right sign and no skew set is accepted (as the stand-in does by
    /// default) but named, with its fix.
    @Test func millisecondTimestampIsNamedWithoutASkew() throws {
        let body = try RequestBody.build(
            endpoint: .login, timestamp: "1796133700890", domainKey: "k", values: ["c_username": Array("c".utf8)])
        let bytes = try JCS.canonicalize(body)
        let verdict = RequestVerifier(domainKeys: ["k"]).verify(bytes, endpoint: .login, now: 0)
        #expect(verdict.isAccepted)
        let findings = RequestDiagnosis.findings(for: verdict, now: 0, maxSkew: nil)
        #expect(findings.map(\.id.rawValue) == ["sign.millisecondTimestamp"])
        #expect(findings.first?.details["seconds"] == "1796133700")
        let report = SignDiagnosis.diagnose(
            sign: XiaoaSign.sign(timestamp: "1796133700890", domainKey: "k"), timestamp: "1796133700890", domainKey: "k"
        )
        #expect(report.isCorrect && report.findings.isEmpty)
        #expect(report.warnings.map(\.id.rawValue) == ["sign.millisecondTimestamp"])
    }

    @Test func acceptedRequestExposesDecryptedPasswords() throws {
        let body = try RequestBody.build(
            endpoint: .update, timestamp: "1700000000", domainKey: "k",
            values: [
                "user_name": Array("u".utf8), "c_username": Array("c".utf8), "old_pwd": Array("old".utf8),
                "new_pwd": Array("新".utf8),
            ])
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
        #expect(
            try JCS.canonicalString(body)
                == #"{"c_username":"c1","domain_key":"abc","password":"HHAEEXzBXY4FmXo0mOQ8Hw==","sign":"8119bf02e2","timestamp":"1700000000","user_name":"xa"}"#
        )
    }

    @Test func missingAndUnknownFieldsAreRefused() {
        #expect(throws: RequestBodyError.self) {
            try RequestBody.build(endpoint: .add, timestamp: "1", domainKey: "k", values: ["user_name": [0x61]])
        }
        #expect(throws: RequestBodyError.self) {
            try RequestBody.build(endpoint: .login, timestamp: "1", domainKey: "k", values: ["password": [0x61]])
        }
        #expect(throws: RequestBodyError.self) {
            try RequestBody.build(
                endpoint: .login, timestamp: "1", domainKey: "k", values: ["redirect": Array("home".utf8)])
        }
    }

    @Test(arguments: Endpoint.allCases)
    func everyEndpointRoundTripsThroughTheVerifier(_ endpoint: Endpoint) throws {
        var values: [String: [UInt8]] = [:]
        for field in endpoint.fields where field.required || field.allowedValues != nil {
            values[field.name] = Array((field.allowedValues?.last ?? "value of \(field.name) 值").utf8)
        }
        let body = try JCS.canonicalize(
            try RequestBody.build(endpoint: endpoint, timestamp: "1700000000", domainKey: "k", values: values))
        let verdict = RequestVerifier(domainKeys: ["k"], maxSkew: 60).verify(
            body, endpoint: endpoint, now: 1_700_000_030)
        #expect(verdict.isAccepted, "\(verdict.checks)")
    }
}

import Testing
import XiaoaAPI
import XiaoaCipher
import XiaoaJSON

/// The typed results of XiaoaAPI: a verified request per endpoint, every finding id with its sentence, the one
/// encoding of each result, and the rule for an empty domain key.
@Suite("Typed results")
struct TypedResultsTests {
    static let key = "k"

    func verify(_ endpoint: Endpoint, _ values: [String: String]) throws -> RequestVerdict {
        let body = try RequestBody.build(
            endpoint: endpoint, timestamp: "1700000000", domainKey: Self.key,
            values: values.mapValues { Array($0.utf8) })
        return RequestVerifier(domainKeys: [Self.key]).verify(try JCS.canonicalize(body), endpoint: endpoint, now: 0)
    }

    // MARK: - VerifiedRequest

    @Test func everyEndpointGivesItsOwnTypedRequest() throws {
        let parameters = PublicParameters(timestamp: "1700000000", domainKey: Self.key, sign: "210c5b51cc")
        let binding = BindingRequest(
            parameters: parameters, userName: "u", password: Array("pw\u{4E2D}".utf8), cUsername: "c")
        let add = try verify(.add, ["user_name": "u", "password": "pw\u{4E2D}", "c_username": "c"])
        #expect(add.request == .add(binding))
        let delete = try verify(.delete, ["user_name": "u", "password": "pw\u{4E2D}", "c_username": "c"])
        #expect(delete.request == .delete(binding))
        let login = try verify(.login, ["c_username": "c", "redirect": "thls"])
        guard case .login(let request)? = login.request else {
            Issue.record("\(String(describing: login.request))")
            return
        }
        #expect(request.cUsername == "c" && request.redirect == "thls" && request.parameters == parameters)
        let bare = try verify(.login, [:])
        guard case .login(let home)? = bare.request else {
            Issue.record("\(String(describing: bare.request))")
            return
        }
        #expect(home.cUsername == nil && home.redirect == "")
        let update = try verify(.update, ["user_name": "u", "c_username": "c", "old_pwd": "a", "new_pwd": "b"])
        guard case .update(let change)? = update.request else {
            Issue.record("\(String(describing: update.request))")
            return
        }
        #expect(change.oldPassword == Array("a".utf8) && change.newPassword == Array("b".utf8))
        for verdict in [add, delete, login, bare, update] {
            #expect(verdict.request?.endpoint == verdict.endpoint)
            #expect(verdict.request?.parameters == parameters)
        }
        #expect(update.request?.userName == "u" && update.request?.cUsername == "c")
    }

    @Test func aRefusedRequestHasNoTypedRequestButKeepsItsCiphertextsToMask() throws {
        let body =
            #"{"timestamp":"1","domain_key":"k","sign":"0000000000","user_name":"u","password":"abc=","c_username":"c"}"#
        let verdict = RequestVerifier(domainKeys: [Self.key]).verify(Array(body.utf8), endpoint: .add, now: 0)
        #expect(verdict.request == nil && verdict.code == .signatureFailed)
        #expect(verdict.passwordTexts == ["abc="])
        #expect(verdict.failure?.code == .signatureFailed)
    }

    @Test func passwordFieldsMatchTheEndpointTable() {
        for endpoint in Endpoint.allCases {
            #expect(endpoint.passwordFields.map(\.rawValue) == endpoint.fields.filter(\.isPassword).map(\.name))
        }
    }

    // MARK: - Finding ids and their sentences

    @Test func everyServerIdHasItsSentenceInTheCatalogue() {
        let findings = [
            ServerFinding.unknownUser("u"), ServerFinding.noBinding("c", to: "u"),
            ServerFinding.noBinding("c", to: nil),
            ServerFinding.duplicateBinding("c"), ServerFinding.noCUsername(),
            ServerFinding.wrongPassword(field: "password", userName: "u"),
            ServerFinding.oldPasswordMismatch("c"), ServerFinding.newPasswordMismatch("u"),
            ServerFinding.passwordChangedMeanwhile("u"), ServerFinding.bindingChangedMeanwhile("c"),
            ServerFinding.noToken(),
            ServerFinding.tokenMalformed(), ServerFinding.tokenForged(), ServerFinding.tokenExpired(secondsAgo: 5),
            ServerFinding.bodyUnreadable(limit: 10), ServerFinding.notPost(method: "GET", path: "/assoc/add"),
            ServerFinding.internalError("DatabaseError"),
        ]
        #expect(Set(findings.map(\.id)) == Set(FindingID.Server.allCases.map(FindingID.server)))
        for finding in findings { #expect(!finding.summary.isEmpty && !finding.fix.isEmpty, "\(finding.id)") }
    }

    @Test func everyCaptureIdHasItsSentenceInTheCatalogue() {
        let findings = [
            CaptureFinding.formEncoded(contentType: "application/x-www-form-urlencoded"),
            CaptureFinding.otherDomainKey(), CaptureFinding.vendorClockOrKey(),
            CaptureFinding.answerDiffers(predicted: .signatureFailed, actual: 0),
        ]
        #expect(findings.map(\.id) == FindingID.Capture.allCases.map(FindingID.capture))
        for finding in findings { #expect(!finding.summary.isEmpty && !finding.fix.isEmpty, "\(finding.id)") }
        #expect(FindingID(rawValue: "request.formEncoded") == .capture(.formEncoded))
    }

    @Test func everyRequestIdHasItsFix() {
        for check in CheckName.allCases {
            for endpoint in Endpoint.allCases {
                #expect(!RequestDiagnosis.fix(forCheck: check, endpoint: endpoint).isEmpty)
            }
        }
    }

    @Test func theServersTrailingNewlineIsTheDiagnosisSentence() {
        let server = ServerFinding.trailingNewline(field: "password", password: Array("pw\n".utf8)) {
            $0 == Array("pw".utf8)
        }
        // The diagnosis names the same mistake from the ciphertext: same id, same sentence but for the field.
        let ciphertext = Base64Strict.encode(PasswordCipher.vendor.encrypt(Array("pw\n".utf8)))
        let diagnosis = PasswordDiagnosis.diagnose(ciphertext: ciphertext, expected: Array("pw".utf8)).findings
        #expect(server.map(\.id) == [.cipher(.trailingNewline)] && diagnosis.map(\.id) == [.cipher(.trailingNewline)])
        #expect(server.first?.fix == diagnosis.first?.fix)
        #expect(
            server.first?.summary
                == diagnosis.first?.summary.replacing("the plaintext ends", with: "the plaintext of password ends"))
        #expect(ServerFinding.trailingNewline(field: "password", password: Array("pw".utf8)) { _ in true }.isEmpty)
    }

    // MARK: - Encodings

    @Test func aVerdictEncodesItsChecksFindingsAndExpectedSign() throws {
        let body = #"{"timestamp":"1700000000","domain_key":"abc","sign":"0123456789"}"#
        let verdict = RequestVerifier(domainKeys: ["abc"]).verify(Array(body.utf8), endpoint: .login, now: 0)
        let findings = RequestDiagnosis.findings(for: verdict, now: 0, maxSkew: nil)
        let json = try #require(verdict.json(findings: findings).object)
        #expect(json.keys == ["endpoint", "accepted", "code", "message", "meaning", "checks", "findings", "expected"])
        #expect(
            json["checks"]?.array?[3] == [
                "name": "sign", "outcome": "fail",
                "detail": "sign 0123456789 is not substr(md5(md5(timestamp . domain_key)), 8, 10)",
            ])
        #expect(json["checks"]?.array?.last?["outcome"] == "skipped")  // the checks go on after a failure
        #expect(json["findings"]?.array?.first?["id"] == "request.sign")
        #expect(json["expected"]?["sign_received"] == "0123456789" && json["expected"]?["sign"] == "8119bf02e2")
        #expect(verdict.explanation(findings: findings).object?.keys == ["checks", "findings", "expected"])
    }

    @Test func compactTextKeepsOrderAndLiterals() {
        let value = JSONValue.ordered([
            ("z", .string("a\"\n\u{1}é")), ("a", .number(JSONNumber("0.410")!)), ("m", [1, true, .null]),
        ])
        #expect(value.compactText == #"{"z":"a\"\n\u0001é","a":0.410,"m":[1,true,null]}"#)
    }

    // MARK: - The empty domain key

    @Test func anEmptyDomainKeyIsRefusedWithOneMessage() {
        #expect(
            DomainKeyRule.problem("")
                == InputProblem(
                    "the domain key is empty", hints: ["give the domain key the vendor assigned to your domain"]))
        #expect(DomainKeyRule.problem("abc") == nil)
        #expect(throws: InputProblem.self) { try SignReport.checked(timestamp: "1700000000", domainKey: "") }
        // The sign function stays total.
        #expect(SignReport(timestamp: "1700000000", domainKey: "").steps.input == Array("1700000000".utf8))
    }

    @Test func aRequestWithAnEmptyDomainKeyIsAnswered10002EvenIfTheSetHoldsIt() throws {
        let body = try RequestBody.build(endpoint: .login, timestamp: "1700000000", domainKey: "", values: [:])
        let verdict = RequestVerifier(domainKeys: ["", "abc"]).verify(
            try JCS.canonicalize(body), endpoint: .login, now: 0)
        #expect(verdict.code == .unknownDomainKey && verdict.failure?.name == .domainKey)
        #expect(verdict.failure?.detail == "the domain key is empty")
    }
}

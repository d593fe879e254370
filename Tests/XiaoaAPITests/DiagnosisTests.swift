import Testing
import XiaoaCipher
import XiaoaPrimitives
import XiaoaSigning
import XiaoaTestSupport
import XiaoaVectors

@testable import XiaoaAPI

// MARK: - The diagnosis vectors (wrong values from PHP, Python, Node and openssl)

@Suite("Diagnosis vectors")
struct DiagnosisVectorTests {
    @Test(
        "Vectors/diagnosis-sign.json (mistakes made by PHP, Python, Node)",
        arguments: try VectorFile.repositoryCases("diagnosis-sign.json"))
    func signVector(_ test: VectorCase) {
        let outcome = VectorRunner.check(test)
        #expect(outcome.passed, "\(test): \(outcome.failure ?? "")")
    }

    @Test(
        "Vectors/diagnosis-password.json (mistakes made by PHP, Python, Node, openssl)",
        arguments: try VectorFile.repositoryCases("diagnosis-password.json"))
    func passwordVector(_ test: VectorCase) {
        let outcome = VectorRunner.check(test)
        #expect(outcome.passed, "\(test): \(outcome.failure ?? "")")
    }

    @Test func everyFindingIdHasAVector() throws {
        var hints = Set<String>()
        for name in ["diagnosis-sign.json", "diagnosis-password.json"] {
            for test in try VectorFile.repositoryCases(name) {
                switch test.input {
                case .signDiagnosis(let v): hints.insert(v.hint)
                case .passwordDiagnosis(let v): hints.insert(v.hint)
                default: Issue.record("\(name) holds a \(test.input) case")
                }
            }
        }
        let ids = Set(FindingID.diagnosisCases.map(\.rawValue))
        #expect(ids.subtracting(hints).isEmpty, "ids without a vector: \(ids.subtracting(hints).sorted())")
        #expect(hints.contains("none"))
    }
}

// MARK: - No false finding on the right values of sign.json and password.json

@Suite("No false findings on right values")
struct DiagnosisRightValueTests {
    @Test(
        "every valid sign of Vectors/sign.json",
        arguments: try VectorFile.repositoryCases("sign.json").filter { $0.result == .valid })
    func rightSign(_ test: VectorCase) throws {
        guard case .sign(let v) = test.input else {
            Issue.record("not a sign case")
            return
        }
        let report = SignDiagnosis.diagnose(sign: Array(v.sign.utf8), timestamp: v.timestamp, domainKey: v.domainKey)
        #expect(report.isCorrect && report.signMatches, "\(test)")
        #expect(report.findings.isEmpty, "\(test): \(report.findings.map(\.id))")
        #expect(report.expectedSign == v.sign)
    }

    @Test(
        "every valid ciphertext of Vectors/password.json, with and without the password",
        arguments: try VectorFile.repositoryCases("password.json").filter { $0.result == .valid })
    func rightCiphertext(_ test: VectorCase) throws {
        guard case .password(let v) = test.input else {
            Issue.record("not a password case")
            return
        }
        let report = PasswordDiagnosis.diagnose(
            ciphertext: v.base64, expected: v.msg, key: .bytes(v.key), iv: .bytes(v.iv))
        #expect(report.isCorrect, "\(test): \(report.findings.map(\.id))")
        #expect(report.findings.isEmpty, "\(test): \(report.findings.map(\.id))")
        let blind = PasswordDiagnosis.diagnose(
            ciphertext: v.base64, expected: nil, key: .bytes(v.key), iv: .bytes(v.iv))
        if String(validating: v.msg, as: UTF8.self) != nil {
            #expect(blind.isCorrect && blind.findings.isEmpty, "\(test): \(blind.findings.map(\.id))")
        } else {
            // Not UTF-8: the only things that may be said are that it is GBK text, or nothing known.
            #expect(!blind.isCorrect)
            #expect(
                blind.findings.count == 1
                    && [FindingID.cipher(.gbkPlaintext), FindingID.noKnownCause].contains(blind.findings[0].id),
                "\(test): \(blind.findings.map(\.id))")
        }
    }
}

// MARK: - The invalid cases of sign.json and password.json get the right name

@Suite("Naming the invalid cases of the main vectors")
struct DiagnosisInvalidVectorTests {
    @Test(
        "every invalid sign of Vectors/sign.json",
        arguments: try VectorFile.repositoryCases("sign.json").filter { $0.result == .invalid })
    func wrongSign(_ test: VectorCase) throws {
        guard case .sign(let v) = test.input else {
            Issue.record("not a sign case")
            return
        }
        let report = SignDiagnosis.diagnose(sign: Array(v.sign.utf8), timestamp: v.timestamp, domainKey: v.domainKey)
        let ids = report.findings.map(\.id)
        #expect(!report.isCorrect)
        let flag = try #require(test.flags.first)
        switch flag {
        case "UpperCaseSign": #expect(ids == [FindingID.sign(.outerUppercase)], "\(test)")
        case "SingleMd5": #expect(ids == [FindingID.sign(.singleMd5)], "\(test)")
        case "SwappedConcat": #expect(ids == [FindingID.sign(.swappedConcatenation)], "\(test)")
        case "EmptySign": #expect(ids == [FindingID.noKnownCause], "\(test)")
        case "WrongOffset", "WrongLength":
            // A cut at offset 9 of an md5 #2 that starts with 0 is also a dropped leading zero; that wins.
            let zeros = v.md5Second.hasPrefix("0") && String(v.md5Second.dropFirst(9).prefix(10)) == v.sign
            #expect(ids == [zeros ? FindingID.sign(.leadingZerosDropped) : FindingID.sign(.wrongCut)], "\(test)")
            if ids == [FindingID.sign(.wrongCut)],
                let offset = report.findings[0].details["offset"].flatMap({ Int($0) })
            {
                let start = v.md5Second.utf8.index(v.md5Second.utf8.startIndex, offsetBy: offset)
                #expect(
                    v.md5Second.utf8[start...].starts(with: v.sign.utf8),
                    "\(test): offset \(offset) does not locate the value")
                #expect(report.findings[0].details["length"] == String(v.sign.count))
            }
        default: Issue.record("unexpected flag \(flag)")
        }
    }

    @Test(
        "every invalid ciphertext of Vectors/password.json",
        arguments: try VectorFile.repositoryCases("password.json").filter { $0.result == .invalid })
    func wrongCiphertext(_ test: VectorCase) throws {
        guard case .password(let v) = test.input else {
            Issue.record("not a password case")
            return
        }
        let report = PasswordDiagnosis.diagnose(
            ciphertext: v.base64, expected: nil, key: .bytes(v.key), iv: .bytes(v.iv))
        let ids = report.findings.map(\.id)
        #expect(!report.isCorrect)
        if v.base64.contains(" ") && !v.base64.hasPrefix("HHAE ") {
            #expect(ids == [FindingID.cipher(.plusAsSpace)], "\(test)")
        } else if v.base64.contains("-") {
            #expect(ids == [FindingID.cipher(.urlSafeAlphabet)], "\(test)")
        } else if test.flags.contains("PhpLenientBase64") && !v.base64.contains(" ") {
            #expect(ids == [FindingID.cipher(.missingPadding)], "\(test)")
        } else if test.comment.hasPrefix("padding invalid: last byte 00") {
            // The block is 15 letters and a zero byte: exactly what zero padding gives.
            #expect(ids == [FindingID.cipher(.zeroPadding)], "\(test)")
        } else {
            #expect(ids == [FindingID.noKnownCause], "\(test)")
        }
    }
}

// MARK: - Random wrong values: no guess

@Suite("Random wrong values get noKnownCause")
struct DiagnosisRandomValueTests {
    @Test func randomSigns() {
        var rng = SplitMix64(seed: 1_700_000_000)
        let digits = Array("0123456789abcdef")
        for i in 0..<300 {
            let sign = String((0..<10).map { _ in digits[Int.random(in: 0..<16, using: &rng)] })
            let report = SignDiagnosis.diagnose(
                sign: sign, timestamp: String(1_700_000_000 + i), domainKey: "key-\(i % 7)")
            #expect(report.findings.map(\.id) == [FindingID.noKnownCause], "\(sign): \(report.findings)")
        }
    }

    @Test func randomCiphertexts() {
        var rng = SplitMix64(seed: 42)
        for i in 0..<300 {
            let bytes = (0..<(i % 2 == 0 ? 16 : 32)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = Base64Strict.encode(bytes)
            let withPassword = PasswordDiagnosis.diagnose(ciphertext: text, expected: Array("123456".utf8))
            #expect(withPassword.findings.map(\.id) == [FindingID.noKnownCause], "\(text): \(withPassword.findings)")
            // Without the password a random value may happen to decrypt (1 in ~256); only then may it not be noKnownCause.
            if (try? PasswordCipher.vendor.decrypt(bytes)) == nil {
                let blind = PasswordDiagnosis.diagnose(ciphertext: text, expected: nil)
                #expect(blind.findings.map(\.id) == [FindingID.noKnownCause], "\(text): \(blind.findings)")
            }
        }
    }
}

// MARK: - Behaviour of the API

@Suite("Sign diagnosis")
struct SignDiagnosisTests {
    @Test func documentedExamples() {
        #expect(
            SignDiagnosis.diagnose(sign: "8119BF02E2", timestamp: "1700000000", domainKey: "abc").findings.map(
                \.id.rawValue) == ["sign.outerUppercase"])
        let cut = SignDiagnosis.diagnose(sign: "81", timestamp: "1700000000", domainKey: "abc").findings
        #expect(cut.map(\.id.rawValue) == ["sign.wrongCut"])
        #expect(cut.first?.details == ["offset": "8", "length": "2", "digest": "md5 #2"])
        #expect(
            SignDiagnosis.diagnose(sign: "0123456789", timestamp: "1700000000", domainKey: "abc").findings.map(
                \.id.rawValue) == ["noKnownCause"])
    }

    @Test func rightSignAndFreshTimestamp() {
        let report = SignDiagnosis.diagnose(
            sign: "8119bf02e2", timestamp: "1700000000", domainKey: "abc", now: 1_700_000_100, maxSkew: 300)
        #expect(report.isCorrect && report.findings.isEmpty && report.timestampCheck == .fresh(delta: 100))
    }

    @Test func skewIsReportedWithItsDelta() {
        let old = SignDiagnosis.diagnose(
            sign: "8119bf02e2", timestamp: "1700000000", domainKey: "abc", now: 1_700_000_500, maxSkew: 300)
        #expect(!old.isCorrect && old.signMatches)
        #expect(old.findings.map(\.id) == [FindingID.sign(.timestampTooOld)])
        #expect(old.findings.first?.details["delta"] == "500")
        let future = SignDiagnosis.diagnose(
            sign: "8119bf02e2", timestamp: "1700000000", domainKey: "abc", now: 1_699_999_000, maxSkew: 300)
        #expect(future.findings.map(\.id) == [FindingID.sign(.timestampInFuture)])
        #expect(future.findings.first?.details["delta"] == "1000")
    }

    @Test func aWrongSignAndAStaleTimestampAreBothReported() {
        let report = SignDiagnosis.diagnose(
            sign: "8119BF02E2", timestamp: "1700000000", domainKey: "abc", now: 1_700_000_500, maxSkew: 300)
        #expect(report.findings.map(\.id) == [FindingID.sign(.outerUppercase), FindingID.sign(.timestampTooOld)])
    }

    @Test func twoMistakesAtOnceAreBothNamed() {
        // Java: hex upper-cased at every step.
        let steps = XiaoaSign.steps(timestamp: "1700000000", domainKey: "abc")
        let inner = Array(steps.md5First.uppercased().utf8)
        let value = String(MD5Hex.of(inner).uppercased().dropFirst(8).prefix(10))
        let ids = SignDiagnosis.diagnose(sign: value, timestamp: "1700000000", domainKey: "abc").findings.map(\.id)
        #expect(Set(ids) == [FindingID.sign(.innerMd5Uppercase), FindingID.sign(.outerUppercase)])
    }

    @Test func millisecondTimestampBeatsInFuture() {
        let ts = "1700000000123"
        let sign = XiaoaSign.sign(timestamp: ts, domainKey: "abc")
        let report = SignDiagnosis.diagnose(
            sign: sign, timestamp: ts, domainKey: "abc", now: 1_700_000_000, maxSkew: 300)
        #expect(report.findings.map(\.id) == [FindingID.sign(.millisecondTimestamp)])
    }

    /// The search over every candidate mistake ends (a time limit, not a speed claim: speed belongs to benchmarks,
    /// never to timed tests) and names nothing for a sign no mistake reproduces.
    @Test(.timeLimit(.minutes(1))) func diagnosisOfAnUnexplainedSignEnds() {
        let report = SignDiagnosis.diagnose(sign: "0123456789", timestamp: "1700000000", domainKey: "abc")
        #expect(report.findings.map(\.id) == [FindingID.noKnownCause])
    }
}

@Suite("Password diagnosis")
struct PasswordDiagnosisTests {
    @Test func documentedExample() {
        let report = PasswordDiagnosis.diagnose(ciphertext: "HHAEEXzBXY4FmXo0mOQ8Hw==", expected: Array("654321".utf8))
        #expect(report.findings.map(\.id.rawValue) == ["noKnownCause"])
        #expect(report.findings[0].summary.contains("to a different password"))
    }

    @Test func rightValue() {
        #expect(
            PasswordDiagnosis.diagnose(ciphertext: "HHAEEXzBXY4FmXo0mOQ8Hw==", expected: Array("123456".utf8))
                == PasswordDiagnosisReport(isCorrect: true, findings: []))
        #expect(PasswordDiagnosis.diagnose(ciphertext: "HHAEEXzBXY4FmXo0mOQ8Hw==", expected: nil).isCorrect)
    }

    @Test func twoDamagesAtOnce() {
        // URL-safe alphabet and the padding stripped, as Node's 'base64url' does for a 16-byte ciphertext.
        let report = PasswordDiagnosis.diagnose(ciphertext: "hgI31LuTcMIv4WrnvIz_Yg", expected: Array("P@ssw0rd!".utf8))
        #expect(
            Set(report.findings.map(\.id)) == [FindingID.cipher(.urlSafeAlphabet), FindingID.cipher(.missingPadding)])
    }

    @Test func gbkPlaintextShowsBothSpellingsOnlyWhenAllowed() {
        let cipher = PasswordCipher.vendor
        let gbk: [UInt8] = [0xc3, 0xdc, 0xc2, 0xeb]  // 密码 in GBK
        let text = Base64Strict.encode(cipher.encrypt(gbk))
        let hidden = PasswordDiagnosis.diagnose(ciphertext: text, expected: nil)
        #expect(hidden.findings.map(\.id) == [FindingID.cipher(.gbkPlaintext)])
        #expect(hidden.findings[0].details["plaintextHex"] == nil && !hidden.findings[0].summary.contains("c3dc"))
        let shown = PasswordDiagnosis.diagnose(ciphertext: text, expected: nil, revealPlaintext: true)
        #expect(shown.findings[0].details["plaintextHex"] == "c3dcc2eb")
        #expect(shown.findings[0].details["utf8Hex"] == "e5af86e7a081")
        #expect(shown.findings[0].summary.contains("密码"))
    }

    @Test func aBadKeyIsAFindingNotACrash() {
        let report = PasswordDiagnosis.diagnose(ciphertext: "HHAEEXzBXY4FmXo0mOQ8Hw==", expected: nil, key: .hex("00"))
        #expect(!report.isCorrect && report.findings.map(\.id) == [FindingID.noKnownCause])
    }
}

@Suite("Diagnosis building blocks")
struct DiagnosisBuildingBlockTests {
    @Test func aes256MatchesFIPS197() throws {
        // FIPS-197 appendix C.3: one block under CBC with a zero IV is the block cipher itself.
        let key = (0..<32).map { UInt8($0) }
        let ct: [UInt8] = [
            0x8e, 0xa2, 0xb7, 0xca, 0x51, 0x67, 0x45, 0xbf, 0xea, 0xfc, 0x49, 0x90, 0x4b, 0x49, 0x60, 0x89,
        ]
        let pt: [UInt8] = [
            0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
        ]
        #expect(try AES256CBC().decrypt(ct, key: key, iv: [UInt8](repeating: 0, count: 16)) == pt)
    }

    @Test func evpBytesToKeyMatchesOpenSSL() throws {
        // openssl enc -aes-256-cbc -md md5 -pass pass:xiaoa -S 0001020304050607 -P
        let (key, iv) = try PassphraseKeyDerivation.aes256CBCKeyAndIV(
            passphrase: Array("xiaoa".utf8), salt: (0..<8).map { UInt8($0) })
        #expect(TestHex.string(key) == "7ad7f94fce33308004be03811218261581c6d38ae117a3f7da7629e58ada291e")
        #expect(TestHex.string(iv) == "ad6c0c9be8cbef9e8fe63db651243685")
    }

    @Test func gbkThroughIconv() {
        #expect(Charset.encode(utf8: Array("密码".utf8), to: "GBK") == [0xc3, 0xdc, 0xc2, 0xeb])
        #expect(Charset.decodeToUTF8([0xc3, 0xdc, 0xc2, 0xeb], from: "GB18030") == Array("密码".utf8))
        #expect(Charset.decodeToUTF8([0xff, 0xff], from: "GBK") == nil)
    }

    @Test func repairsApplyOnlyWhereThereIsATrace() {
        #expect(Base64Repair.variants(Array("HHAEEXzBXY4FmXo0mOQ8Hw==".utf8)).count == 1)
        let repaired = Base64Repair.variants(Array("a b-c".utf8)).map { String(decoding: $0.text, as: UTF8.self) }
        #expect(repaired.contains("a+b+c"))
    }

    @Test func everyIdIsListedOnceWithItsStableText() {
        let all = FindingID.allCases
        #expect(Set(all).count == all.count)
        #expect(Set(all.map(\.rawValue)).count == all.count)
        #expect(
            all.count == FindingID.Sign.allCases.count + FindingID.Cipher.allCases.count + 1
                + CheckName.allCases.count + FindingID.Server.allCases.count + FindingID.Capture.allCases.count)
        for id in all { #expect(FindingID(rawValue: id.rawValue) == id) }
        // The texts that vectors, logs and docs use, spelled out.
        #expect(FindingID.sign(.outerUppercase).rawValue == "sign.outerUppercase")
        #expect(FindingID.cipher(.cryptoJsPassphrase).rawValue == "cipher.cryptoJsPassphrase")
        #expect(
            CheckName.allCases.map { FindingID.request($0).rawValue } == [
                "request.json", "request.fields", "request.domainKey", "request.sign", "request.timestamp",
                "request.password", "request.oldPwd", "request.newPwd",
            ])
        #expect(FindingID.server(.noBinding).rawValue == "server.noBinding")
        #expect(
            FindingID.Capture.allCases.map { FindingID.capture($0).rawValue } == [
                "request.formEncoded", "capture.otherDomainKey", "capture.vendorClockOrKey", "capture.answerDiffers",
            ])
        #expect(FindingID.noKnownCause.rawValue == "noKnownCause")
    }
}

/// Small helpers for the tests (hex and md5 through the public primitives).
enum TestHex {
    static func string(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

enum MD5Hex {
    static func of(_ bytes: [UInt8]) -> String {
        // md5 of the given bytes via the sign's own steps would be circular; use the primitive directly.
        MD5.hexDigest(bytes)
    }
}

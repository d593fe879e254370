import Testing
import XiaoaSigning
import XiaoaVectors

@Suite("The request sign")
struct SignTests {
    @Test("Vectors/sign.json (expected values from PHP)", arguments: try VectorFile.repositoryCases("sign.json"))
    func vector(_ test: VectorCase) {
        let outcome = VectorRunner.check(test)
        #expect(outcome.passed, "\(test): \(outcome.failure ?? "")")
    }

    @Test func knownAnswer() {
        #expect(XiaoaSign.sign(timestamp: "1700000000", domainKey: "abc") == "8119bf02e2")
    }

    @Test func stepsMatchTheVendorFormula() {
        let steps = XiaoaSign.steps(timestamp: "1700000000", domainKey: "abc")
        #expect(steps.input == Array("1700000000abc".utf8))
        #expect(steps.md5First == "cd914fd8d6df064f1d57d60df13e34f3")
        #expect(steps.md5Second == "8eda51098119bf02e28a4a1826779199")
        #expect(steps.sign == "8119bf02e2")
    }

    @Test func byteAndTextFormsAgree() {
        let key = "密钥🔑'\"\\"
        #expect(
            XiaoaSign.sign(timestamp: Array("1700000000".utf8), domainKey: Array(key.utf8))
                == XiaoaSign.sign(timestamp: "1700000000", domainKey: key))
    }

    @Test(arguments: ["8119BF02E2", "8119bf02e", "8119bf02e2 ", "", "119bf02e28", "8119bf02e3"])
    func verifyRejects(_ candidate: String) {
        #expect(!XiaoaSign.isValid(candidate, timestamp: "1700000000", domainKey: "abc"))
    }

    @Test func verifyAccepts() {
        #expect(XiaoaSign.isValid("8119bf02e2", timestamp: "1700000000", domainKey: "abc"))
    }
}

@Suite("Timestamp skew")
struct TimestampCheckTests {
    @Test func freshOldAndFuture() {
        #expect(TimestampCheck.check("1700000000", now: 1_700_000_100, maxSkew: 300) == .fresh(delta: 100))
        #expect(TimestampCheck.check("1700000000", now: 1_700_000_301, maxSkew: 300) == .tooOld(delta: 301))
        #expect(TimestampCheck.check("1700000400", now: 1_700_000_000, maxSkew: 300) == .inFuture(delta: 400))
        #expect(
            TimestampCheck.check("1700000000000", now: 1_700_000_000, maxSkew: 300)
                == .inFuture(delta: 1_698_300_000_000))
    }

    @Test(arguments: ["", " 1700000000", "-5", "17e8", "1700000000.0", "99999999999999999999"])
    func notAnInteger(_ text: String) {
        #expect(TimestampCheck.check(text, now: 0, maxSkew: 10) == .notAnInteger)
    }
}

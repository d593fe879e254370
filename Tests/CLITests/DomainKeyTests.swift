import Foundation
import Testing

/// One rule for an empty domain key on every command that is given a key to use: exit 65, the library's words.
@Suite("the empty domain key")
struct DomainKeyTests {
    static let refusal =
        "error: the domain key is empty\nhint: give the domain key the vendor assigned to your domain\n"

    @Test(arguments: [
        ["sign", "--domain-key", "", "--timestamp", "1700000000"],
        ["sign", "--domain-key", "", "--timestamp", "1700000000", "--format", "json"],
        ["sign", "--domain-key-env", "EMPTY_KEY", "--explain"],
        ["body", "assoc/login", "--domain-key", "", "--c-username", "c1"],
        ["verify", "sign", "--timestamp", "1700000000", "--domain-key", "", "--sign", "cd914fd8d6"],
        ["verify", "request", "assoc/login", "-", "--domain-key", ""],
        ["verify", "request", "assoc/login", "-", "--domain-key", "demo", "--domain-key", ""],
    ])
    func refused(_ arguments: [String]) throws {
        for fastPath in [true, false] {
            let environment = ["EMPTY_KEY": ""].merging(fastPath ? [:] : ["XIAOA_NO_FAST_PATH": "1"]) { $1 }
            let run = try XiaoaBinary.run(arguments, stdin: "{}", environment: environment)
            #expect(run.status == 65, "\(arguments): \(run)")
            #expect(run.stderr == Self.refusal, "\(arguments): \(run)")
            #expect(run.stdout.isEmpty, "\(arguments): \(run)")
        }
    }

    @Test func diagnoseSignExaminesAnEmptyKeyThatWasSent() throws {
        // md5(md5("1700000000")) cut at 8: the sign of the timestamp alone, what a client with no key sends.
        let run = try XiaoaBinary.run([
            "diagnose", "sign", "--timestamp", "1700000000", "--domain-key", "", "--sign", "0000000000",
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.hasPrefix("wrong: the sign does not match"), "\(run)")
    }

    @Test func explainAsJSONPrintsTheOneSignStepsShape() throws {
        let run = try XiaoaBinary.run([
            "sign", "--domain-key", "abc", "--timestamp", "1700000000", "--explain", "--format", "json",
        ])
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout == #"{"domain_key":"abc","input":"1700000000abc","input_bytes":13,"length":10,"#
                + #""md5_first":"cd914fd8d6df064f1d57d60df13e34f3","md5_second":"8eda51098119bf02e28a4a1826779199","offset":8,"#
                + #""public_parameters":"{\"domain_key\":\"abc\",\"sign\":\"8119bf02e2\",\"timestamp\":\"1700000000\"}","#
                + #""sign":"8119bf02e2","timestamp":"1700000000","warnings":[]}"# + "\n")
    }
}

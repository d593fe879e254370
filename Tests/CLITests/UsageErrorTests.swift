import Testing

/// One ending for every binary: a usage error of `serve` and `call` (their own binaries) is one `error:` line and a
/// hint naming their `--help`, exit 64, in the chosen language — as for the main tool, not the parser's `Error:`
/// and whole help text.
@Suite("usage errors of every binary")
struct UsageErrorTests {
    @Test(arguments: [
        (["serve", "--bogus"], "error: unknown option '--bogus'", "xiaoa-crypto serve"),
        (["serve", "users", "add"], "error: missing expected argument '<name>'", "xiaoa-crypto serve"),
        (["call"], "error: missing expected argument '<endpoint>'", "xiaoa-crypto call"),
        (["call", "assoc/nope", "--base-url", "http://x"], "error: unknown endpoint assoc/nope", "xiaoa-crypto call"),
        (
            ["sign", "--timestamp", "1", "--domain-key", "k", "--bogus"], "error: unknown option '--bogus'",
            "xiaoa-crypto"
        ),
    ])
    func oneLineAndAHint(_ arguments: [String], error: String, help: String) throws {
        let run = try XiaoaBinary.run(arguments)
        #expect(run.status == 64, "\(run)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(run)")
        #expect(lines.first?.hasPrefix(error) == true, "\(run)")
        #expect(lines.last == "hint: see '\(help) --help' or '<command> --help'", "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test func inChinese() throws {
        let run = try XiaoaBinary.run(["call", "--lang", "zh-Hans"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr == "error: 缺少参数 '<endpoint>'\nhint: 参见 'xiaoa-crypto call --help' 或 '<command> --help'\n")
    }

    @Test func helpStillGoesToStdout() throws {
        for arguments in [["serve", "--help"], ["call", "--help"]] {
            let run = try XiaoaBinary.run(arguments)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.hasPrefix("OVERVIEW: "), "\(run)")
            #expect(run.stderr.isEmpty, "\(run)")
        }
    }
}

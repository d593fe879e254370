import ArgumentParser
import XiaoaAPI
import XiaoaJSON
import XiaoaLocalization

/// `xiaoa-crypto diagnose`: name the bug behind a wrong sign or password ciphertext.
struct Diagnose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Name the mistake behind a wrong sign or password ciphertext, with its fix.",
        discussion: """
            Tries the known ways other implementations get the API wrong and prints each one that reproduces
            the value exactly; "noKnownCause" when none does. Exit 0 when the value is right, 1 when not.
            verify sign, verify password and decrypt run the same diagnosis on failure and print it as hint lines.

            Examples:
              xiaoa-crypto diagnose sign --timestamp 1700000000 --domain-key abc \\
                  --sign 8119BF02E2
              xiaoa-crypto diagnose password --ciphertext 'HHAEEXzBXY4FmXo0mOQ8Hw' \\
                  --expect 123456
            """,
        subcommands: [DiagnoseSign.self, DiagnosePassword.self])
}

/// How findings are shown: as `hint:` lines, as a text listing, or as JSON data.
enum FindingOutput {
    /// A verdict line of the text output in the run's language: an `ok: ` or `wrong: ` prefix stays, the rest is
    /// translated.
    static func say(_ line: String) -> String {
        for prefix in ["ok: ", "wrong: "] where line.hasPrefix(prefix) {
            return prefix + Catalogue.translate(String(line.dropFirst(prefix.count)), to: IO.language)
        }
        return Catalogue.translate(line, to: IO.language)
    }

    /// One hint line per finding (the summary, then the fix).
    static func hints(_ findings: [Finding]) -> [String] {
        findings.map { $0.line(in: IO.language) }
    }

    /// The listing of `diagnose`: each finding's id and sentence, its fix and its details.
    static func writeText(_ findings: [Finding], to out: OutputBuffer) {
        for finding in findings.map({ $0.localized(to: IO.language) }) {
            out.writeLine("\(finding.id): \(finding.summary)")
            out.writeLine("  fix: \(finding.fix)")
            for (key, value) in finding.details.sorted(by: { $0.key < $1.key }) {
                out.writeLine("  \(key): \(value)")
            }
        }
    }

    /// Warnings on stderr: `warning: ID: summary`, then `hint: fix`.
    static func warn(_ warnings: [Finding]) {
        for warning in warnings.map({ $0.localized(to: IO.language) }) {
            IO.printError("warning: \(warning.id): \(warning.summary)")
            IO.printError("hint: \(warning.fix)")
        }
    }

    /// A library result's JSON encoding as one canonical (RFC 8785) JSON line on stdout, its texts in the run's
    /// language (with `lang` when that is not English).
    static func writeJSON(_ value: JSONValue) throws(Failure) {
        let out = OutputBuffer()
        do { out.writeLine(try JCS.canonicalString(value.localized(to: IO.language))) } catch {
            throw Failure.badData(error.description)
        }
        try out.flush()
    }
}

import ArgumentParser
import XiaoaSigning

/// `xiaoa-crypto verify sign`: is this the sign for this timestamp and domain key?
struct VerifySign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Check a sign against a timestamp and a domain key (constant-time comparison).",
        discussion: """
            Prints "ok" and exits 0 when the sign is right; otherwise one error line on stderr and exit 1.

            Examples:
              xiaoa-crypto verify sign --timestamp 1700000000 --domain-key abc --sign 8119bf02e2
              xiaoa-crypto verify sign --timestamp "$TS" --domain-key-env KEY --sign "$S" --max-skew 300
            """)

    @Option(help: "The timestamp sent with the request.")
    var timestamp: String

    @OptionGroup var domainKey: DomainKeyOptions

    @Option(help: "The sign to check.")
    var sign: String

    @Option(name: .customLong("max-skew"), help: ArgumentHelp("Also require the timestamp within this many seconds of now.", valueName: "seconds"))
    var maxSkew: Int64?

    @Option(help: ArgumentHelp("The current Unix time to check the skew against (default: the clock).", valueName: "unix-seconds"))
    var now: Int64?

    func validate() throws {
        if !domainKey.isGiven { throw ValidationError("missing --domain-key (or --domain-key-env / --domain-key-file)") }
        if let maxSkew, maxSkew < 0 { throw ValidationError("--max-skew must not be negative") }
    }

    func run() throws {
        let key = try domainKey.resolve()
        guard XiaoaSign.isValid(sign, timestamp: timestamp, domainKey: key) else {
            throw Failure(.mismatch, "sign mismatch: \(sign) is not the sign of this timestamp and domain key")
        }
        if let maxSkew {
            switch TimestampCheck.check(timestamp, now: now ?? IO.now(), maxSkew: maxSkew) {
            case .fresh: break
            case .tooOld(let delta):
                throw Failure(.mismatch, "timestamp too old: \(delta) seconds before now, more than --max-skew \(maxSkew)")
            case .inFuture(let delta):
                var hints: [String] = []
                if timestamp.utf8.count == 13 { hints.append("13 digits: the timestamp looks like milliseconds; the API uses Unix seconds") }
                throw Failure(.mismatch, "timestamp in the future: \(delta) seconds after now, more than --max-skew \(maxSkew)", hints: hints)
            case .notAnInteger:
                throw Failure(.mismatch, "timestamp is not an integer number of seconds, so its skew cannot be checked")
            }
        }
        OutputBuffer().writeLine("ok")
    }
}

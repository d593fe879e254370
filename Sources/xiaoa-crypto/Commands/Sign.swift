import ArgumentParser
import XiaoaAPI
import XiaoaJSON
import XiaoaSigning

/// `xiaoa-crypto sign`: the request sign for a timestamp and a domain key.
struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the request sign: substr(md5(md5(timestamp . domain_key)), 8, 10).",
        discussion: """
            Examples:
              xiaoa-crypto sign --domain-key abc --timestamp 1700000000      # 8119bf02e2
              eval "$(xiaoa-crypto sign --domain-key-env XIAOA_DOMAIN_KEY --format env)"
              printf '1700000000\\tabc\\n' | xiaoa-crypto sign --batch
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, env }

    @OptionGroup var domainKey: DomainKeyOptions

    @Option(help: "Unix time in seconds (default: now).")
    var timestamp: String?

    @Option(help: "Output format.")
    var format: Format = .text

    @Flag(help: "Print the intermediate steps: input, md5 #1, md5 #2 and the cut (with --format json: as data).")
    var explain = false

    @Flag(help: "Read lines TIMESTAMP<TAB>DOMAIN_KEY from stdin and print one sign per line.")
    var batch = false

    @OptionGroup var batchOptions: BatchOptions

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if batch {
            if domainKey.isGiven || timestamp != nil {
                throw ValidationError(
                    "--batch reads timestamps and domain keys from stdin; drop --domain-key and --timestamp")
            }
            if format != .text || explain {
                throw ValidationError("--batch prints one sign per line; --format and --explain do not apply")
            }
        } else if !domainKey.isGiven {
            throw ValidationError("missing --domain-key (or --domain-key-env / --domain-key-file)")
        }
    }

    func run() throws {
        if batch { return try Batch.run(options: batchOptions) { SignLine() } }
        let key = try domainKey.resolve()
        if format == .text && !explain {
            return try Self.runText(domainKey: key, timestamp: timestamp, keyChecked: true)
        }
        let timestamp = self.timestamp ?? String(IO.now())
        try SignTimestamp.check(timestamp)
        let out = OutputBuffer()
        let report = SignReport(timestamp: timestamp, domainKey: key)
        let steps = report.steps
        if explain && format == .json {
            do { return out.writeLine(try JCS.canonicalString(report.json.localized(to: IO.language))) } catch {
                throw Failure.badData("\(error)")
            }
        }
        if explain {
            out.writeLine("timestamp   \(timestamp)")
            out.writeLine("domain_key  \(key)")
            out.writeLine("input       \(timestamp)\(key)   (timestamp . domain_key, \(steps.input.count) bytes)")
            out.writeLine("md5 #1      \(steps.md5First)   (md5 of the input, lowercase hex)")
            out.writeLine("md5 #2      \(steps.md5Second)   (md5 of the 32-character md5 #1 text)")
            out.writeLine(
                "cut         \(String(repeating: " ", count: XiaoaSign.offset))\(steps.sign)   (characters "
                    + "\(XiaoaSign.offset)..<\(XiaoaSign.offset + XiaoaSign.length) of md5 #2)"
            )
            out.writeLine("sign        \(steps.sign)")
            return
        }
        switch format {
        case .text:
            out.writeLine(steps.sign)  // not reached: runText handles text
        case .json:
            do { out.writeLine(try JCS.canonicalString(report.publicParameters)) } catch {
                throw Failure.badData("\(error)")
            }
        case .env:
            out.writeLine("timestamp=\(Shell.quote(timestamp))")
            out.writeLine("domain_key=\(Shell.quote(key))")
            out.writeLine("sign=\(Shell.quote(steps.sign))")
        }
    }
}

extension Sign {
    /// The plain form: one sign line for a domain key and a timestamp (default: now). `keyChecked`: the key came
    /// through ``DomainKeyOptions/resolve(allowingEmpty:)``, which has refused or warned about it already.
    static func runText(domainKey: String, timestamp: String?, keyChecked: Bool = false) throws(Failure) {
        // The fast path comes here without DomainKeyOptions.resolve: the same rule, the same words.
        if !keyChecked {
            if let problem = DomainKeyRule.problem(domainKey) {
                throw Failure.badData(problem.message, hints: problem.hints)
            }
            if let warning = DomainKeyRule.whitespaceWarning(domainKey, source: "--domain-key") {
                IO.printError("warning: \(warning)")
            }
        }
        let timestamp = timestamp ?? String(IO.now())
        try SignTimestamp.check(timestamp)
        if let warning = TimestampProblem.warning(timestamp.utf8) { IO.printError("warning: \(warning)") }
        OutputBuffer().writeLine(XiaoaSign.sign(timestamp: timestamp, domainKey: domainKey))
    }
}

/// `sign --batch`: `TIMESTAMP<TAB>DOMAIN_KEY` lines to signs.
struct SignLine: LineOperation {
    private var scratch = [UInt8](repeating: 0, count: 4096)
    private let signer = Signer()

    mutating func process(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> String? {
        guard let tab = line.firstIndex(of: UInt8(ascii: "\t")) else {
            return "expected TIMESTAMP<TAB>DOMAIN_KEY, found no tab"
        }
        if let problem = SignTimestamp.problem(UnsafeBufferPointer(rebasing: line[..<tab])) { return problem.message }
        // The input is the line without its tab: timestamp . domain_key.
        let length = line.count - 1
        if scratch.count < length { scratch = [UInt8](repeating: 0, count: length) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: XiaoaSign.length) { sign in
            scratch.withUnsafeMutableBufferPointer { buf in
                _ = UnsafeMutableBufferPointer(rebasing: buf[0..<tab]).initialize(from: line[..<tab])
                _ = UnsafeMutableBufferPointer(rebasing: buf[tab..<length]).initialize(from: line[(tab + 1)...])
                signer.sign(
                    concatenated: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buf[0..<length])), into: sign)
            }
            output.append(contentsOf: UnsafeBufferPointer(sign))
        }
        return nil
    }
}

/// A timestamp must be decimal digits (Unix seconds); anything else is bad input.
enum SignTimestamp {
    static func problem(_ bytes: UnsafeBufferPointer<UInt8>) -> Failure? {
        TimestampProblem.check(bytes).map { Failure.badData($0.message, hints: $0.hints) }
    }

    static func check(_ text: String) throws(Failure) {
        if let problem = Array(text.utf8).withUnsafeBufferPointer({ problem($0) }) { throw problem }
    }
}

/// POSIX shell quoting for `--format env`.
enum Shell {
    /// `text` in single quotes, safe to `eval`.
    static func quote(_ text: String) -> String {
        var quoted = "'"
        for character in text {
            if character == "'" { quoted += "'\\''" } else { quoted.append(character) }
        }
        return quoted + "'"
    }
}

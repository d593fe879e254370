import ArgumentParser
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

    @Flag(help: "Print the intermediate steps: input, md5 #1, md5 #2 and the cut.")
    var explain = false

    @Flag(help: "Read lines TIMESTAMP<TAB>DOMAIN_KEY from stdin and print one sign per line.")
    var batch = false

    func validate() throws {
        if batch {
            if domainKey.isGiven || timestamp != nil { throw ValidationError("--batch reads timestamps and domain keys from stdin; drop --domain-key and --timestamp") }
            if format != .text || explain { throw ValidationError("--batch prints one sign per line; --format and --explain do not apply") }
        } else if !domainKey.isGiven {
            throw ValidationError("missing --domain-key (or --domain-key-env / --domain-key-file)")
        }
    }

    func run() throws {
        if batch { return try SignBatch.run() }
        let key = try domainKey.resolve()
        let timestamp = self.timestamp ?? String(IO.now())
        try SignBatch.checkTimestamp(Array(timestamp.utf8), line: nil)
        let out = OutputBuffer()
        let steps = XiaoaSign.steps(timestamp: timestamp, domainKey: key)
        if explain {
            out.writeLine("timestamp   \(timestamp)")
            out.writeLine("domain_key  \(key)")
            out.writeLine("input       \(timestamp)\(key)   (timestamp . domain_key, \(steps.input.count) bytes)")
            out.writeLine("md5 #1      \(steps.md5First)   (md5 of the input, lowercase hex)")
            out.writeLine("md5 #2      \(steps.md5Second)   (md5 of the 32-character md5 #1 text)")
            out.writeLine("cut         \(String(repeating: " ", count: XiaoaSign.offset))\(steps.sign)   (characters \(XiaoaSign.offset)..<\(XiaoaSign.offset + XiaoaSign.length) of md5 #2)")
            out.writeLine("sign        \(steps.sign)")
            return
        }
        switch format {
        case .text:
            out.writeLine(steps.sign)
        case .json:
            let value: JSONValue = ["domain_key": .string(key), "sign": .string(steps.sign), "timestamp": .string(timestamp)]
            do { out.writeLine(try JCS.canonicalString(value)) } catch { throw Failure.badData("\(error)") }
        case .env:
            out.writeLine("timestamp=\(Shell.quote(timestamp))")
            out.writeLine("domain_key=\(Shell.quote(key))")
            out.writeLine("sign=\(Shell.quote(steps.sign))")
        }
    }
}

/// `sign --batch`: stream `TIMESTAMP<TAB>DOMAIN_KEY` lines to signs.
enum SignBatch {
    static func run() throws(Failure) {
        let out = OutputBuffer()
        var errors = BatchErrors()
        var scratch = [UInt8](repeating: 0, count: 4096)
        var sign = [UInt8](repeating: UInt8(ascii: "\n"), count: XiaoaSign.length + 1)
        try LineReader().forEachLine { line, number throws(Failure) in
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")) else {
                errors.record(line: number, "expected TIMESTAMP<TAB>DOMAIN_KEY, found no tab", output: out)
                return
            }
            do throws(Failure) {
                try checkTimestamp(UnsafeBufferPointer(rebasing: line[..<tab]), line: number)
            } catch {
                errors.record(line: number, error.message, output: out)
                return
            }
            // The input is the line without its tab: timestamp . domain_key.
            let length = line.count - 1
            if scratch.count < length { scratch = [UInt8](repeating: 0, count: length) }
            scratch.withUnsafeMutableBufferPointer { buf in
                _ = UnsafeMutableBufferPointer(rebasing: buf[0..<tab]).initialize(from: line[..<tab])
                _ = UnsafeMutableBufferPointer(rebasing: buf[tab..<length]).initialize(from: line[(tab + 1)...])
                sign.withUnsafeMutableBufferPointer { s in
                    XiaoaSign.sign(concatenated: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buf[0..<length])), into: s)
                }
            }
            out.write(sign)
        }
        out.flush()
        try errors.finish()
    }

    /// A timestamp must be decimal digits (Unix seconds); anything else is bad input.
    static func checkTimestamp(_ bytes: some Collection<UInt8>, line: Int?) throws(Failure) {
        let prefix = line.map { "line \($0): " } ?? ""
        if bytes.isEmpty { throw Failure.badData("\(prefix)timestamp is empty") }
        if !bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            var hints = ["the timestamp is Unix seconds in decimal digits, e.g. 1700000000"]
            if bytes.contains(where: { $0 == 0x20 || $0 == 0x09 }) { hints.append("remove the whitespace around the timestamp") }
            throw Failure.badData("\(prefix)timestamp is not decimal digits", hints: hints)
        }
    }
}

/// Per-line failures of a batch: reported on stderr as they happen, an empty stdout line keeps the order.
struct BatchErrors {
    private(set) var count = 0
    private(set) var firstLine = 0

    mutating func record(line: Int, _ message: String, output: OutputBuffer) {
        count += 1
        if firstLine == 0 { firstLine = line }
        output.write(CollectionOfOne(UInt8(ascii: "\n")))
        // Messages go out at once so a long batch shows problems early; stdout keeps its own buffering.
        let text = message.hasPrefix("line ") ? message : "line \(line): \(message)"
        IO.printError("error: \(text)")
    }

    func finish() throws(Failure) {
        guard count > 0 else { return }
        throw Failure.badData(
            "\(count) line\(count == 1 ? "" : "s") failed (first: line \(firstLine)); each printed an empty line on stdout")
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

import ArgumentParser
import XiaoaAPI
import XiaoaCipher
import XiaoaCommandLine

/// Key and IV overrides shared by `encrypt`, `decrypt` and `verify password`.
struct CipherOptions: ParsableArguments {
    @Option(help: "Key as text, zero-padded or cut to 16 bytes as PHP does (default: xiaoa).")
    var key: String?

    @Option(name: .customLong("key-hex"), help: "Key as exactly 16 bytes in hex (32 digits).")
    var keyHex: String?

    @Option(help: "IV as text of 16 bytes (default: 1234567890123456).")
    var iv: String?

    @Option(name: .customLong("iv-hex"), help: "IV as exactly 16 bytes in hex (32 digits).")
    var ivHex: String?

    func validate() throws {
        if key != nil && keyHex != nil { throw ValidationError("give --key or --key-hex, not both") }
        if iv != nil && ivHex != nil { throw ValidationError("give --iv or --iv-hex, not both") }
    }

    var keyMaterial: KeyMaterial {
        if let keyHex { return .hex(keyHex) }
        return .text(key ?? PasswordCipher.vendorKeyText)
    }

    var ivMaterial: KeyMaterial {
        if let ivHex { return .hex(ivHex) }
        return .text(iv ?? PasswordCipher.vendorIVText)
    }

    /// The cipher these options describe; bad hex is bad input data (exit 65).
    func makeCipher() throws(Failure) -> PasswordCipher {
        if let iv, iv.utf8.count != 16 {
            IO.printError(
                "warning: IV text is \(iv.utf8.count) bytes; PHP pads or cuts it to 16 bytes, and so does this tool")
        }
        do {
            return try PasswordCipher(key: keyMaterial, iv: ivMaterial)
        } catch {
            var hints: [String] = []
            if let key = keyHex ?? ivHex, key.utf8.count == 16 {
                hints.append("16 characters of text? use --key/--iv for text, --key-hex/--iv-hex for 32 hex digits")
            }
            throw Failure.badData(error.description, hints: hints)
        }
    }

    /// Whether a key or IV other than the vendor's was asked for.
    var isCustom: Bool { key != nil || keyHex != nil || iv != nil || ivHex != nil }
}

/// Output formats of commands that print a result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Options shared by the batch modes.
struct BatchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Worker threads for --batch; output order is kept.", valueName: "n"))
    var jobs: Int = 1

    @Flag(help: "Show progress on stderr during --batch (default: only when stderr is a terminal).")
    var progress = false

    func validate() throws {
        if jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be between 1 and 256") }
    }
}

extension Batch {
    /// Runs the batch pipeline as `options` ask.
    static func run<Operation: LineOperation>(
        options: BatchOptions, makeOperation: () throws(Failure) -> Operation
    ) throws(Failure) {
        try run(jobs: options.jobs, progress: options.progress, makeOperation: makeOperation)
    }
}

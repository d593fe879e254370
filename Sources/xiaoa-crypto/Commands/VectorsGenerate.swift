import ArgumentParser
import XiaoaJSON
import XiaoaVectorGen

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `xiaoa-crypto vectors generate`: a deterministic vector file for checking other implementations.
///
/// A thin face over the XiaoaVectorGen library, which has the PRNG, the text pieces, the case writers and the
/// corruptions; this file only reads the options and opens the files.
///
/// The expected values come from this tool's own libraries, so a generated file is *not* independent
/// evidence (that is what `Vectors/` is for); it is a large, reproducible workload on which other languages
/// must agree with us byte for byte (`scripts/crosscheck`).
struct VectorsGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic vector file of N cases for other implementations.",
        discussion: """
            The same --count, --seed and kind give a byte-identical file on every machine. The file has the \
            schema of Vectors/sign.json (xiaoa_sign_v1) or Vectors/password.json (xiaoa_password_v1) and is \
            written as it is generated, in constant memory, so N can be in the millions. Its expected values \
            come from xiaoa-crypto itself (source.expected says so): it is for cross-language checks, not \
            independent evidence.

            One kind goes to stdout. Several kinds need --out-dir DIR, which gets one file per kind \
            (DIR/sign.json, DIR/password.json; each file has one schema), each with N cases. A kind's file \
            does not depend on which other kinds are asked for.

            Examples:
              xiaoa-crypto vectors generate --count 10000 > sign-10k.json
              xiaoa-crypto vectors generate --count 10000 --kinds password --seed 42 \\
                  > password-10k.json
              xiaoa-crypto vectors generate --count 10000 --kinds sign,password \\
                  --out-dir /tmp/vec
              xiaoa-crypto vectors check /tmp/vec/sign.json /tmp/vec/password.json
            """)

    /// The seed when none is given (the same fixed seed as scripts/generate-vectors).
    static let defaultSeed: UInt64 = 1_700_000_000

    @Option(help: "Number of test cases per kind (0 or more).")
    var count: Int

    @Option(help: "PRNG seed, 0 to 2^64-1; the same seed gives the same bytes.")
    var seed: UInt64 = defaultSeed

    @Option(help: ArgumentHelp("Comma-separated kinds: sign, password (request: not yet).", valueName: "kinds"))
    var kinds: String = "sign"

    @Option(
        name: .customLong("out-dir"),
        help: ArgumentHelp("Write <kind>.json files into this folder instead of stdout.", valueName: "dir"))
    var outDir: String?

    /// The kinds that can be generated.
    enum Kind: String, CaseIterable {
        case sign, password
    }

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more, got \(count)") }
        let parsed = try parsedKinds()
        if parsed.count > 1 && outDir == nil {
            throw ValidationError(
                "several kinds need --out-dir DIR: each file has one schema, so each kind gets its own file")
        }
    }

    func parsedKinds() throws -> [Kind] {
        var result: [Kind] = []
        for part in kinds.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(part)
            if name == "request" {
                throw ValidationError(
                    "kind 'request' is not available yet: there is no request vector schema (kinds: sign, password)")
            }
            guard let kind = Kind(rawValue: name) else {
                throw ValidationError("unknown kind '\(name)' in --kinds (kinds: sign, password)")
            }
            if !result.contains(kind) { result.append(kind) }
        }
        return result
    }

    func run() throws {
        let kinds = try parsedKinds()
        guard let outDir else {
            let out = OutputBuffer()
            try write(kinds[0], to: out)
            try out.flush()
            return
        }
        if mkdir(outDir, 0o755) != 0 && errno != EEXIST {
            throw Failure(.noInput, "cannot create \(outDir): \(String(cString: strerror(errno)))")
        }
        let summary = OutputBuffer()
        for kind in kinds {
            let path = outDir + "/" + kind.rawValue + ".json"
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw Failure(.noInput, "cannot write \(path): \(String(cString: strerror(errno)))") }
            let out = OutputBuffer(fd: fd, name: path)
            try write(kind, to: out)
            try out.flush()  // a failed write ends the run with exit 74, naming the file
            close(fd)
            summary.writeLine("\(path): \(count) tests")
        }
        try summary.flush()
    }

    /// Writes the file of `kind`.
    func write(_ kind: Kind, to out: OutputBuffer) throws {
        let command = "xiaoa-crypto vectors generate --kinds \(kind.rawValue) --count \(count) --seed \(seed)"
        let producer = "xiaoa-crypto \(XiaoaCrypto.configuration.version)"
        var json = JSONStreamWriter(into: OutputSink(out: out))
        switch kind {
        case .sign:
            let generator = SignVectorGenerator(count: count)
            try generator.write(header: generator.header(producer: producer, command: command), seed: seed, into: &json)
        case .password:
            let generator = PasswordVectorGenerator(count: count)
            try generator.write(header: generator.header(producer: producer, command: command), seed: seed, into: &json)
        }
    }
}

/// The command's output buffer as the sink of a JSON writer.
private struct OutputSink: JSONByteSink {
    let out: OutputBuffer
    func write(_ bytes: UnsafeRawBufferPointer) throws { out.write(bytes) }
}

import ArgumentParser
import XiaoaVectors

#if canImport(Glibc)
    import Glibc
#endif

/// `xiaoa-crypto vectors check`: run vector files and count passes and failures.
struct VectorsCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run vector files (default: the built-in set) and print N passed, M failed.",
        discussion: """
            The built-in set is the Vectors/ folder next to the installed tool (found from the \
            executable's location, or from $XIAOA_VECTORS_DIR).

            Examples:
              xiaoa-crypto vectors check
              xiaoa-crypto vectors check Vectors/sign.json my-vectors.json
            """)

    /// The files of the built-in set, in the order they are checked.
    static let builtInFiles = [
        "md5-rfc1321.json", "aes128-cbc-nist-sp800-38a.json", "sign.json", "password.json", "requests.json",
        "diagnosis-sign.json", "diagnosis-password.json",
    ]

    @Argument(help: "Vector files to run.")
    var paths: [String] = []

    @Flag(help: "Print every case, not only failures.")
    var verbose = false

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let paths =
            try self.paths.isEmpty ? Self.builtInFiles.map { try VectorsDirectory.locate() + "/" + $0 } : self.paths
        let out = OutputBuffer()
        var passed = 0
        var failed = 0
        for path in paths {
            let bytes = try IO.readFile(path)
            let file: VectorFile
            do { file = try VectorFile.parse(bytes) } catch {
                try out.flush()
                throw Failure.badData("\(path): \(error)")
            }
            let outcomes = VectorRunner.run(file)
            let failures = outcomes.filter { !$0.passed }
            for outcome in outcomes where verbose || !outcome.passed {
                let status = outcome.failure.map { "FAIL: \($0)" } ?? "ok"
                out.writeLine(
                    "  tcId \(outcome.tcId) \(outcome.comment.isEmpty ? "" : "(\(outcome.comment)) ")\(status)")
            }
            out.writeLine("\(path): \(outcomes.count - failures.count) passed, \(failures.count) failed")
            passed += outcomes.count - failures.count
            failed += failures.count
        }
        out.writeLine("\(passed) passed, \(failed) failed")
        try out.flush()
        if failed > 0 { throw ExitCode(Failure.Status.mismatch.rawValue) }
    }
}

/// Where the built-in vectors live.
enum VectorsDirectory {
    static func locate() throws(Failure) -> String {
        if let env = getenv("XIAOA_VECTORS_DIR") { return String(cString: env) }
        // Walk up from the executable: .build/<triple>/<config>/xiaoa-crypto sits three levels below the
        // package root; an installed copy (/usr/bin/xiaoa-crypto from the .deb, or /usr/local/bin) finds
        // <prefix>/share/xiaoa-crypto/Vectors. The Debian package's folder is the last resort.
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 {
            var dir = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            for _ in 0..<6 {
                guard let slash = dir.lastIndex(of: "/") else { break }
                dir = String(dir[..<slash])
                for candidate in [dir + "/Vectors", dir + "/share/xiaoa-crypto/Vectors"]
                where access(candidate + "/README.md", R_OK) == 0 {
                    return candidate
                }
            }
        }
        let packaged = "/usr/share/xiaoa-crypto/Vectors"
        if access(packaged + "/README.md", R_OK) == 0 { return packaged }
        throw Failure(
            .noInput, "cannot find the built-in Vectors/ folder", hints: ["set XIAOA_VECTORS_DIR or pass vector files"])
    }
}

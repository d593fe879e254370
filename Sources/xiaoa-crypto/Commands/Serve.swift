import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `xiaoa-crypto serve`: executes the sibling binary `xiaoa-crypto-serve` with the remaining arguments.
///
/// The server is a binary of its own because Hummingbird, GRDB and Foundation would make every start of this
/// tool slower (`sign --batch` in a shell loop starts it thousands of times); this command only forwards.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a local stand-in for the Xiao A API (see 'xiaoa-crypto serve --help').",
        discussion: """
            Runs xiaoa-crypto-serve from the directory of this executable with the same arguments.

            Examples:
              xiaoa-crypto serve --db xiaoa.sqlite --domain-key abc --log -
              echo 123456 | xiaoa-crypto serve users add xa --db xiaoa.sqlite
              xiaoa-crypto serve users list --db xiaoa.sqlite
            """)

    @Argument(parsing: .captureForPassthrough, help: "Arguments for xiaoa-crypto-serve.")
    var arguments: [String] = []

    static let siblingName = "xiaoa-crypto-serve"

    func run() throws {
        let path = Self.siblingPath()
        guard access(path, X_OK) == 0 else {
            IO.printError("error: \(Self.siblingName) not found beside xiaoa-crypto (looked for \(path))")
            IO.printError(
                "hint: build it: swift build --product \(Self.siblingName) (with the same -c as xiaoa-crypto)")
            throw ExitCode(69)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) }
        argv.append(nil)
        execv(path, argv)
        // Only reached when execv failed.
        let reason = String(cString: strerror(errno))
        IO.printError("error: cannot run \(path): \(reason)")
        throw ExitCode(69)
    }

    /// `xiaoa-crypto-serve` in the directory of the running executable (/proc/self/exe, else argv[0]).
    static func siblingPath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable: String
        if count > 0 {
            executable = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        } else {
            executable = CommandLine.arguments.first ?? "xiaoa-crypto"
        }
        guard let slash = executable.lastIndex(of: "/") else { return siblingName }
        return String(executable[...slash]) + siblingName
    }
}

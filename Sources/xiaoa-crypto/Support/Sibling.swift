import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The binaries beside this one (`xiaoa-crypto-serve`, `xiaoa-crypto-call`) that `serve`, `proxy` and `call`
/// execute, so that this tool never loads Hummingbird, GRDB, AsyncHTTPClient or Foundation.
enum Sibling {
    /// Replaces this process with the sibling binary `name`, run with `arguments`; returns only by throwing.
    static func exec(_ name: String, arguments: [String]) throws {
        let path = path(of: name)
        guard access(path, X_OK) == 0 else {
            IO.printError("error: \(name) not found beside xiaoa-crypto (looked for \(path))")
            IO.printError("hint: build it: swift build --product \(name) (with the same -c as xiaoa-crypto)")
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

    /// `name` in the directory of the running executable (/proc/self/exe, else argv[0]).
    static func path(of name: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable: String
        if count > 0 {
            executable = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        } else {
            executable = CommandLine.arguments.first ?? "xiaoa-crypto"
        }
        guard let slash = executable.lastIndex(of: "/") else { return name }
        return String(executable[...slash]) + name
    }
}

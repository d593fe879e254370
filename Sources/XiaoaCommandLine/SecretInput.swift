#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Secret values (passwords, plaintexts, domain keys) from stdin, an environment variable or a file, so that they
/// need not be on the command line where `ps` and the shell history show them.
public enum SecretInput {
    /// One value from stdin: the whole input less one trailing `\n` or `\r\n`.
    ///
    /// Zero bytes is an error (nothing was piped); a lone newline is the empty value.
    public static func fromStdin(
        what: String, hints: [String] = ["pipe a line in, or pass the value as an argument"]
    ) throws(Failure) -> [UInt8] {
        let bytes = try IO.readAll(0, limit: 16 << 20, what: "stdin")
        if bytes.isEmpty { throw Failure.badData("no \(what) on stdin (empty input)", hints: hints) }
        return droppingLineEnd(bytes)
    }

    /// The value of environment variable `name`, or a usage failure naming it.
    public static func fromEnvironment(_ name: String, what: String) throws(Failure) -> String {
        guard let value = getenv(name) else {
            throw Failure.usage("environment variable \(name) for the \(what) is not set")
        }
        return String(cString: value)
    }

    /// The file at `path` (`-`: stdin) less one trailing `\n` or `\r\n`.
    public static func fromFile(_ path: String, limit: Int = 16 << 20) throws(Failure) -> [UInt8] {
        droppingLineEnd(try IO.readFile(path, limit: limit))
    }

    /// The first line of the file at `path` as UTF-8 text, without its `\n` or `\r\n`.
    public static func firstLine(ofFile path: String, what: String) throws(Failure) -> String {
        let bytes = try IO.readFile(path, limit: 1 << 20)
        let first = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first
        var line = Array(first ?? [])
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        guard let text = String(validating: line, as: UTF8.self) else {
            throw Failure.badData("\(what) file \(path) is not UTF-8 text")
        }
        return text
    }

    static func droppingLineEnd(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        return bytes
    }
}

/// A secret value (password or plaintext) from argv, stdin, an environment variable or a file.
public struct SecretSource {
    public var argument: String?
    public var environment: String?
    public var file: String?
    public var what: String

    public init(argument: String?, environment: String?, file: String?, what: String) {
        self.argument = argument
        self.environment = environment
        self.file = file
        self.what = what
    }

    /// The bytes, with one trailing line end dropped from stdin and files.
    ///
    /// A secret on the command line is accepted with a warning: other users can read it with `ps`, and the
    /// shell keeps it in its history.
    public func resolve() throws(Failure) -> [UInt8] {
        if let argument {
            IO.printError(
                "warning: the \(what) on the command line is visible to other users and in shell history; "
                    + "prefer stdin, an environment variable or a file")
            return Array(argument.utf8)
        }
        if let environment { return Array(try SecretInput.fromEnvironment(environment, what: what).utf8) }
        if let file { return try SecretInput.fromFile(file) }
        return try SecretInput.fromStdin(what: what)
    }
}

extension SecretInput {
    /// Two secrets, one a line (old password, then new): the whole of stdin or of the file at `path`, each line
    /// without its `\n` or `\r\n`; anything but exactly two lines is bad data.
    public static func twoLines(file path: String?, what: String) throws(Failure) -> ([UInt8], [UInt8]) {
        let bytes: [UInt8]
        if let path {
            bytes = try IO.readFile(path, limit: 1 << 20)
        } else {
            bytes = try IO.readAll(0, limit: 1 << 20, what: "stdin")
        }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : Array(line)
        }
        if lines.last?.isEmpty == true && bytes.last == UInt8(ascii: "\n") { lines.removeLast() }
        guard lines.count == 2 else { throw Failure.badData("\(what), found \(lines.count)") }
        return (lines[0], lines[1])
    }
}

/// A runtime failure of a command: one `error:` line, optional `hint:` lines, a chosen exit status.
///
/// Commands throw this instead of printing, so every failure looks the same and goes to stderr; only `main`
/// reports it and exits (``report(program:)`` prints it, the status is the exit code).
public struct Failure: Error, CustomStringConvertible {
    /// The exit statuses of the command-line contract (docs: exit status).
    public enum Status: Int32, Sendable {
        case mismatch = 1
        case usage = 64
        case badData = 65
        case noInput = 66
        /// The server cannot be reached or does not answer in time: EX_UNAVAILABLE of sysexits.h (`call`).
        case unavailable = 69
        /// Output could not be written (a full disk, a closed pipe with SIGPIPE ignored): EX_IOERR of sysexits.h.
        case ioError = 74
        /// The server's answer is not the protocol's (an HTML page, HTTP 502): EX_PROTOCOL of sysexits.h (`call`).
        case protocolError = 76
    }

    public var status: Status
    public var message: String
    public var hints: [String]

    public init(_ status: Status, _ message: String, hints: [String] = []) {
        self.status = status
        self.message = message
        self.hints = hints
    }

    public static func badData(_ message: String, hints: [String] = []) -> Failure {
        Failure(.badData, message, hints: hints)
    }

    public static func usage(_ message: String, hints: [String] = []) -> Failure {
        Failure(.usage, message, hints: hints)
    }

    /// Output named `what` (`stdout`, a file name) could not be written; `code` is the `errno` of the write.
    public static func cannotWrite(_ what: String, errno code: Int32) -> Failure {
        Failure(.ioError, "cannot write \(what): \(IO.describe(errno: code))")
    }

    public var description: String { message }

    /// Prints the failure on stderr: one `error:` line, then its `hint:` lines.
    public func report() {
        IO.printError("error: \(message)")
        for hint in hints { IO.printError("hint: \(hint)") }
    }
}

/// A runtime failure of a command: one `error:` line, optional `hint:` lines, a chosen exit status.
///
/// Commands throw this instead of printing, so every failure looks the same and goes to stderr.
struct Failure: Error, CustomStringConvertible {
    /// The exit statuses of the command line, as docs/cli.md states them.
    enum Status: Int32 {
        case mismatch = 1
        case usage = 64
        case badData = 65
        case noInput = 66
        /// Output could not be written (a full disk, a closed pipe with SIGPIPE ignored): EX_IOERR of sysexits.h.
        case ioError = 74
    }

    var status: Status
    var message: String
    var hints: [String]

    init(_ status: Status, _ message: String, hints: [String] = []) {
        self.status = status
        self.message = message
        self.hints = hints
    }

    static func badData(_ message: String, hints: [String] = []) -> Failure { Failure(.badData, message, hints: hints) }
    static func usage(_ message: String, hints: [String] = []) -> Failure { Failure(.usage, message, hints: hints) }

    var description: String { message }
}

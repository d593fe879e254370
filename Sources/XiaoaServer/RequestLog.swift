import Synchronization
package import XiaoaAPI
internal import XiaoaCommandLine
package import XiaoaJSON
package import XiaoaLocalization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The request log: one JSON object per line and per request, appended to a file or written to stdout.
///
/// ```
/// {"time":"2026-11-27T10:00:00.123Z","method":"POST","endpoint":"/assoc/add","code":10001,"ms":0.41,
///  "domain_key":"de…(4)","c_username":null,"user_name":null,
///  "findings":[{"id":"request.sign","summary":"sign *** is not …"},{"id":"sign.innerMd5Uppercase","summary":"…"}]}
/// ```
/// Secrets are masked: the domain key shows its first two characters and its length, and the domain key, the
/// sign and every password ciphertext are replaced by `***` wherever a finding's text would repeat them.
/// Passwords (plain or encrypted) are never written.
///
/// A line that cannot be written (a full disk, a closed pipe) is dropped and counted: the first failure says so
/// once on stderr, writing again reports how many were lost, and so does closing the log; the server goes on
/// answering.
///
/// The debugging proxy (XiaoaProxy) writes the same lines with the code its check predicted beside the code the
/// upstream answered (``Entry/predicted``, ``Entry/status``, ``Entry/error``).
package final class RequestLog: Sendable {
    private let fd: Int32
    /// What the warnings call the log: its path, or stdout.
    private let name: String
    private let drops = Mutex(Drops())
    /// The language of the findings' summaries.
    private let language: Language

    /// Lines lost since the log last worked.
    struct Drops {
        var lines = 0
        var total = 0
    }

    /// A log appending to `path`, or writing to stdout for `-`.
    package init(path: String, language: Language = .en) throws(ServerError) {
        self.language = language
        if path == "-" {
            // A descriptor of our own, closed with the log.
            fd = dup(1)
            guard fd >= 0 else { throw ServerError(.internalFailure, "cannot write to stdout") }
            name = "stdout"
        } else {
            fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw ServerError(.badInput, "cannot open the log file \(path): \(String(cString: strerror(errno)))")
            }
            name = path
        }
    }

    deinit {
        let lost = drops.withLock { $0.lines }
        if lost > 0 { IO.printError("warning: request log: \(lost) line\(lost == 1 ? "" : "s") dropped (\(name))") }
        close(fd)
    }

    /// How many lines could not be written since the log was opened.
    var droppedLines: Int { drops.withLock { $0.total } }

    /// One request as the log shows it.
    package struct Entry: Sendable {
        package var method: String
        /// The request's path (without the query).
        package var endpoint: String
        /// The code answered: the stand-in's own, or the one in the upstream's JSON answer (nil: none there).
        package var code: Int?
        /// The message answered with the code (the console shows it).
        package var message: String?
        package var seconds: Double
        package var note: RequestNote.State
        package var findings: [Finding]
        /// The proxy: the code the request alone earns (``XiaoaCapture/CaptureVerdict/predicted``), nil for a
        /// request to no endpoint. The stand-in leaves it out.
        package var predicted: APICode? = nil
        /// The proxy: the HTTP status sent back (the upstream's, or 502/504 of its own).
        package var status: Int? = nil
        /// The proxy: why the upstream gave no answer (with 502 or 504).
        package var error: String? = nil

        /// An answer of the stand-in: its code and that code's message.
        package init(
            method: String, endpoint: String, code: APICode, seconds: Double, note: RequestNote.State,
            findings: [Finding]
        ) {
            self.init(
                method: method, endpoint: endpoint, code: code.rawValue, message: code.message, seconds: seconds,
                note: note, findings: findings)
        }

        package init(
            method: String, endpoint: String, code: Int?, message: String?, seconds: Double, note: RequestNote.State,
            findings: [Finding], predicted: APICode? = nil, status: Int? = nil, error: String? = nil
        ) {
            self.method = method
            self.endpoint = endpoint
            self.code = code
            self.message = message
            self.seconds = seconds
            self.note = note
            self.findings = findings
            self.predicted = predicted
            self.status = status
            self.error = error
        }
    }

    package func write(_ entry: Entry) {
        var line = JSONText.serialize(Self.json(entry, time: Self.now(), language: language))
        line += "\n"
        drops.withLock { drops in
            let written = line.withUTF8 { IO.writeAll(fd, UnsafeRawBufferPointer($0)) }
            if !written {
                if drops.lines == 0 {
                    let reason = IO.describe(errno: errno)
                    IO.printError("warning: request log: cannot write \(name): \(reason); dropping lines")
                }
                drops.lines += 1
                drops.total += 1
            } else if drops.lines > 0 {
                IO.printError(
                    "warning: request log: writing \(name) again after dropping \(drops.lines) line"
                        + (drops.lines == 1 ? "" : "s"))
                drops.lines = 0
            }
        }
    }

    /// The line of `entry`: `{"time","method","endpoint","code","ms","domain_key","c_username","user_name",
    /// "findings"}`, the findings' summaries in `language` (translated, then masked); a proxied request has
    /// `"predicted"` before `"code"` and `"status"` after it, and a failed one `"error"` after `"ms"`.
    package static func json(_ entry: Entry, time: String, language: Language = .en) -> JSONValue {
        let secrets = entry.note.secrets.filter { $0.utf8.count >= 3 }
        func masked(_ text: String) -> String {
            secrets.reduce(text) { $0.replacing($1, with: "***") }
        }
        func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
        var members: [(String, JSONValue)] = [
            ("time", .string(time)),
            ("method", .string(entry.method)),
            ("endpoint", .string(entry.endpoint)),
        ]
        let proxied = entry.status != nil
        if proxied { members.append(("predicted", entry.predicted.map { .int($0.rawValue) } ?? .null)) }
        members.append(("code", entry.code.map { .int($0) } ?? .null))
        if let status = entry.status { members.append(("status", .int(status))) }
        members.append(("ms", .number(JSONNumber(milliseconds(entry.seconds)) ?? JSONNumber(0))))
        if let error = entry.error { members.append(("error", .string(masked(error)))) }
        members += [
            ("domain_key", optional(entry.note.domainKey.map(maskedKey))),
            ("c_username", optional(entry.note.cUsername)),
            ("user_name", optional(entry.note.userName)),
            ("findings", .array(entry.findings.map { $0.localized(to: language).logJSON(mask: masked) })),
        ]
        return .ordered(members)
    }

    /// The domain key as the log shows it (``DomainKeyRule/masked(_:)``).
    static func maskedKey(_ key: String) -> String { DomainKeyRule.masked(key) }

    package static func milliseconds(_ seconds: Double) -> String {
        let micro = Int((seconds * 1_000_000).rounded())
        let whole = micro / 1000
        let fraction = micro % 1000
        let digits = String(fraction)
        return "\(whole).\(String(repeating: "0", count: 3 - digits.count))\(digits)"
    }

    /// The current UTC time as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    package static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
            + ".\(pad(Int32(spec.tv_nsec / 1_000_000), 3))Z"
    }
}

/// What a handler learned about its request, for the log line the middleware writes afterwards.
package final class RequestNote: Sendable {
    package struct State: Sendable {
        package var domainKey: String?
        package var cUsername: String?
        package var userName: String?
        /// Values to mask wherever a logged text would repeat them.
        package var secrets: [String] = []
        /// Warnings about an accepted request (a millisecond timestamp): logged and sent in `X-Xiaoa-Findings`.
        package var warnings: [Finding] = []

        package init(
            domainKey: String? = nil, cUsername: String? = nil, userName: String? = nil, secrets: [String] = [],
            warnings: [Finding] = []
        ) {
            self.domainKey = domainKey
            self.cUsername = cUsername
            self.userName = userName
            self.secrets = secrets
            self.warnings = warnings
        }
    }

    private let state = Mutex(State())

    package init() {}

    func record(_ update: (inout State) -> Void) {
        state.withLock { update(&$0) }
    }

    var current: State { state.withLock { $0 } }
}

import Synchronization
internal import XiaoaAPI
internal import XiaoaCommandLine
internal import XiaoaJSON
internal import XiaoaLocalization

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
final class RequestLog: Sendable {
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
    init(path: String, language: Language = .en) throws(ServerError) {
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

    struct Entry {
        var method: String
        var endpoint: String
        var code: APICode
        var seconds: Double
        var note: RequestNote.State
        var findings: [Finding]
    }

    func write(_ entry: Entry) {
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

    /// The log line of `entry`, its findings' summaries in `language` (translated, then masked).
    static func json(_ entry: Entry, time: String, language: Language = .en) -> JSONValue {
        let secrets = entry.note.secrets.filter { $0.utf8.count >= 3 }
        func masked(_ text: String) -> String {
            secrets.reduce(text) { $0.replacing($1, with: "***") }
        }
        func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
        return .ordered([
            ("time", .string(time)),
            ("method", .string(entry.method)),
            ("endpoint", .string(entry.endpoint)),
            ("code", .int(entry.code.rawValue)),
            ("ms", .number(JSONNumber(milliseconds(entry.seconds)) ?? JSONNumber(0))),
            ("domain_key", optional(entry.note.domainKey.map(maskedKey))),
            ("c_username", optional(entry.note.cUsername)),
            ("user_name", optional(entry.note.userName)),
            ("findings", .array(entry.findings.map { $0.localized(to: language).logJSON(mask: masked) })),
        ])
    }

    /// The domain key as the log shows it (``DomainKeyRule/masked(_:)``).
    static func maskedKey(_ key: String) -> String { DomainKeyRule.masked(key) }

    static func milliseconds(_ seconds: Double) -> String {
        let micro = Int((seconds * 1_000_000).rounded())
        let whole = micro / 1000
        let fraction = micro % 1000
        let digits = String(fraction)
        return "\(whole).\(String(repeating: "0", count: 3 - digits.count))\(digits)"
    }

    /// The current UTC time as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func now() -> String {
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
final class RequestNote: Sendable {
    struct State: Sendable {
        var domainKey: String?
        var cUsername: String?
        var userName: String?
        /// Values to mask wherever a logged text would repeat them.
        var secrets: [String] = []
        /// Warnings about an accepted request (a millisecond timestamp): logged and sent in `X-Xiaoa-Findings`.
        var warnings: [Finding] = []
    }

    private let state = Mutex(State())

    func record(_ update: (inout State) -> Void) {
        state.withLock { update(&$0) }
    }

    var current: State { state.withLock { $0 } }
}

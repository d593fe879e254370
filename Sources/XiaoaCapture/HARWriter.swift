import Synchronization
public import XiaoaJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Records exchanges as a HAR 1.2 file, one entry at a time, so that the file on disk is a complete, valid HAR
/// after every entry: whatever ends the process (SIGINT, SIGTERM, `kill -9`), the file can be read by
/// ``HARFile``, browsers' devtools, mitmproxy and haralyzer.
///
/// Each entry is written in one `pwrite` over the closing `]}}` of the previous state, followed by a new closing,
/// so that no moment exists at which the file is open-ended. The file is created with mode 0600 (and an existing
/// one is truncated and set to 0600): it holds the password ciphertexts of the requests, which anyone who knows the
/// vendor's fixed key and IV can decrypt.
///
/// ```swift
/// let har = try HARWriter(path: "session.har", creator: "xiaoa-crypto proxy", version: "0.1.0")
/// try har.append(HARRecord(started: …, milliseconds: 3.2, request: …, response: …))
/// ```
public final class HARWriter: Sendable {
    private struct State {
        /// Where the closing `\n]}}\n` starts: the next entry is written here.
        var end: Int
        var count = 0
    }

    private let fd: Int32
    private let path: String
    private let state: Mutex<State>

    private static let closing = Array("\n]}}\n".utf8)

    /// Creates (or truncates) the file at `path` with mode 0600 and writes an empty HAR naming `creator`.
    public init(path: String, creator: String, version: String) throws(HARWriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HARWriteError(path: path, errno: errno) }
        // An existing file keeps its mode through O_TRUNC: narrow it as a new one would be.
        guard fchmod(fd, 0o600) == 0 else {
            let code = errno
            close(fd)
            throw HARWriteError(path: path, errno: code)
        }
        let creatorJSON = JSONValue.ordered([("name", .string(creator)), ("version", .string(version))]).compactText
        let head = Array(#"{"log":{"version":"1.2","creator":\#(creatorJSON),"pages":[],"entries":["#.utf8)
        guard Self.write(fd, head + Self.closing, at: 0) else {
            let code = errno
            close(fd)
            throw HARWriteError(path: path, errno: code)
        }
        self.fd = fd
        self.path = path
        state = Mutex(State(end: head.count))
    }

    deinit { close(fd) }

    /// How many entries have been written.
    public var count: Int { state.withLock { $0.count } }

    /// Appends `record` as the last entry. On a failed write (a full disk) the file is put back to its previous
    /// entries, still valid, and the error is thrown.
    public func append(_ record: HARRecord) throws(HARWriteError) {
        let entry = Array(record.json.compactText.utf8)
        try state.withLock { state throws(HARWriteError) in
            let separator: [UInt8] = state.count == 0 ? [0x0a] : [0x2c, 0x0a]
            let bytes = separator + entry + Self.closing
            guard Self.write(fd, bytes, at: state.end) else {
                let code = errno
                // Put the closing back where the entry started and drop whatever part of it was written.
                _ = Self.write(fd, Self.closing, at: state.end)
                _ = ftruncate(fd, off_t(state.end + Self.closing.count))
                throw HARWriteError(path: path, errno: code)
            }
            state.end += separator.count + entry.count
            state.count += 1
        }
    }

    private static func write(_ fd: Int32, _ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = pwrite(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
    }
}

/// A HAR file that could not be written: its path and the system's reason.
public struct HARWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    init(path: String, errno code: Int32) {
        self.path = path
        reason = String(cString: strerror(code))
    }

    public var description: String { "cannot write the HAR file \(path): \(reason)" }
}

/// One exchange to record: the request as it was sent upstream and the answer as it came back.
public struct HARRecord: Sendable {
    /// An HTTP message: its headers in order and its body bytes.
    public struct Message: Sendable {
        public var headers: [(name: String, value: String)]
        /// The body, nil for a request without one (no `postData`).
        public var body: [UInt8]?

        public init(headers: [(name: String, value: String)], body: [UInt8]?) {
            self.headers = headers
            self.body = body
        }

        /// The first header named `name` (case-insensitive).
        func header(_ name: String) -> String? {
            let name = name.lowercased()
            return headers.first { $0.name.lowercased() == name }?.value
        }
    }

    /// When the request was received, as Unix seconds and nanoseconds.
    public var started: (seconds: Int64, nanoseconds: Int64)
    /// How long the exchange took, in milliseconds.
    public var milliseconds: Double
    public var method: String
    /// The full URL the request was sent to.
    public var url: String
    public var request: Message
    /// The status answered.
    public var status: Int
    /// Its reason phrase (`statusText`): the standard one for `status`, "" for a code without one.
    public var statusText: String
    public var response: Message
    /// A remark on the entry (`comment`): why the proxy answered itself (502, 504).
    public var comment: String?

    public init(
        started: (seconds: Int64, nanoseconds: Int64), milliseconds: Double, method: String, url: String,
        request: Message, status: Int, statusText: String, response: Message, comment: String? = nil
    ) {
        self.started = started
        self.milliseconds = milliseconds
        self.method = method
        self.url = url
        self.request = request
        self.status = status
        self.statusText = statusText
        self.response = response
        self.comment = comment
    }

    /// The HAR 1.2 entry: `startedDateTime`, `time`, `request`, `response`, `cache`, `timings` (and `comment`).
    /// A body that is not UTF-8 is written in base64 with `"encoding": "base64"`.
    public var json: JSONValue {
        func headers(_ message: Message) -> JSONValue {
            .array(message.headers.map { .ordered([("name", .string($0.name)), ("value", .string($0.value))]) })
        }
        let time = JSONValue.number(JSONNumber(Self.milliseconds(milliseconds)) ?? JSONNumber(0))
        var request: [(String, JSONValue)] = [
            ("method", .string(method)), ("url", .string(url)), ("httpVersion", .string("HTTP/1.1")),
            ("cookies", .array([])), ("headers", headers(self.request)), ("queryString", queryString),
        ]
        if let body = self.request.body {
            var postData: [(String, JSONValue)] = [("mimeType", .string(self.request.header("content-type") ?? ""))]
            postData += Self.text(body)
            request.append(("postData", .ordered(postData)))
        }
        request += [("headersSize", .int(-1)), ("bodySize", .int(self.request.body?.count ?? 0))]
        let body = response.body ?? []
        var content: [(String, JSONValue)] = [
            ("size", .int(body.count)), ("mimeType", .string(response.header("content-type") ?? "")),
        ]
        content += Self.text(body)
        let response: [(String, JSONValue)] = [
            ("status", .int(status)), ("statusText", .string(statusText)),
            ("httpVersion", .string("HTTP/1.1")), ("cookies", .array([])), ("headers", headers(self.response)),
            ("content", .ordered(content)), ("redirectURL", .string(self.response.header("location") ?? "")),
            ("headersSize", .int(-1)), ("bodySize", .int(body.count)),
        ]
        var entry: [(String, JSONValue)] = [
            (
                "startedDateTime",
                .string(ISO8601Time.format(seconds: started.seconds, nanoseconds: started.nanoseconds))
            ),
            ("time", time), ("request", .ordered(request)), ("response", .ordered(response)), ("cache", .ordered([])),
            ("timings", .ordered([("send", .int(0)), ("wait", time), ("receive", .int(0))])),
        ]
        if let comment { entry.append(("comment", .string(comment))) }
        return .ordered(entry)
    }

    /// The query's `name=value` pairs as written in the URL (not decoded).
    private var queryString: JSONValue {
        guard let mark = url.firstIndex(of: "?") else { return .array([]) }
        let query = url[url.index(after: mark)...].prefix { $0 != "#" }
        return .array(
            query.split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return .ordered([
                    ("name", .string(String(parts[0]))), ("value", .string(parts.count > 1 ? String(parts[1]) : "")),
                ])
            })
    }

    /// `text` (UTF-8) or `text` in base64 and `encoding`, as ``HARContent/init(bytes:mimeType:)`` keeps bytes.
    private static func text(_ body: [UInt8]) -> [(String, JSONValue)] {
        let content = HARContent(bytes: body, mimeType: nil)
        return [("text", .string(content.text))] + (content.encoding.map { [("encoding", .string($0))] } ?? [])
    }

    /// `startedDateTime` of a Unix time: `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC).
    public static func startedDateTime(seconds: Int64, nanoseconds: Int64) -> String {
        ISO8601Time.format(seconds: seconds, nanoseconds: nanoseconds)
    }

    static func milliseconds(_ value: Double) -> String {
        let micro = Int((max(0, value) * 1000).rounded())
        let fraction = String(micro % 1000)
        return "\(micro / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}

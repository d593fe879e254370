#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard streams without Foundation: start-up time matters for a tool run once per request.
enum IO {
    /// Writes `text` to stderr.
    static func printError(_ text: String) {
        var line = text
        line.append("\n")
        line.withUTF8 { _ = writeAll(2, UnsafeRawBufferPointer($0)) }
    }

    /// Writes all of `bytes` to `fd`, retrying short writes. Returns false when the stream is closed.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Every byte of `fd` until end of file, refusing more than `limit` bytes.
    static func readAll(_ fd: Int32, limit: Int, what: String) throws(Failure) -> [UInt8] {
        var result = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(.noInput, "cannot read \(what): \(String(cString: strerror(errno)))")
            }
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
            if result.count > limit {
                throw Failure.badData("\(what) is larger than \(limit) bytes", hints: ["use --batch for many values"])
            }
        }
    }

    /// Every byte of the file at `path` (or stdin for `-`).
    static func readFile(_ path: String, limit: Int = 64 << 20) throws(Failure) -> [UInt8] {
        if path == "-" { return try readAll(0, limit: limit, what: "stdin") }
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let reason = String(cString: strerror(errno))
            throw Failure(.noInput, "cannot open \(path): \(reason)")
        }
        defer { close(fd) }
        return try readAll(fd, limit: limit, what: path)
    }

    /// One value from stdin: the whole input less one trailing `\n` or `\r\n`.
    ///
    /// Zero bytes is an error (nothing was piped); a lone newline is the empty value.
    static func readValueFromStdin(what: String) throws(Failure) -> [UInt8] {
        var bytes = try readAll(0, limit: 16 << 20, what: "stdin")
        if bytes.isEmpty {
            throw Failure.badData("no \(what) on stdin (empty input)", hints: ["pipe a line in, or pass the value as an argument"])
        }
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        return bytes
    }

    /// The value of environment variable `name`, or a usage failure naming it.
    static func environment(_ name: String, what: String) throws(Failure) -> String {
        guard let value = getenv(name) else {
            throw Failure.usage("environment variable \(name) for the \(what) is not set")
        }
        return String(cString: value)
    }

    /// The current Unix time in seconds.
    static func now() -> Int64 { Int64(time(nil)) }
}

/// A large output buffer over a file descriptor: batch modes write millions of short lines.
final class OutputBuffer {
    private var buffer: [UInt8]
    private let fd: Int32
    private let capacity: Int

    init(fd: Int32 = 1, capacity: Int = 1 << 16) {
        self.fd = fd
        self.capacity = capacity
        buffer = []
        buffer.reserveCapacity(capacity + 4096)
    }

    deinit { flush() }

    func write(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    func writeLine(_ text: String) {
        write(text)
        write(CollectionOfOne(UInt8(ascii: "\n")))
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { _ = IO.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads stdin line by line in large chunks; a line ends at `\n`, and a `\r` before it is dropped.
struct LineReader {
    /// Lines longer than this are refused rather than buffered without bound.
    static let maxLineLength = 1 << 20

    private let fd: Int32

    init(fd: Int32 = 0) { self.fd = fd }

    /// Calls `body` with each line (without its line end) and its 1-based number.
    ///
    /// The buffer passed to `body` is valid only during the call. A final line without a newline is
    /// still a line; an empty input has no lines.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws(Failure) -> Void) throws(Failure) {
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        var start = 0  // first unconsumed byte
        var end = 0    // one past the last byte read
        var lineNumber = 0
        var atEOF = false
        while true {
            // Hand out every complete line in the buffer.
            var scanFrom = start
            while true {
                let newline: Int? = buffer.withUnsafeBufferPointer { buf in
                    guard scanFrom < end else { return nil }
                    guard let p = memchr(buf.baseAddress! + scanFrom, 0x0a, end - scanFrom) else { return nil }
                    return buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                }
                guard let newline else { break }
                lineNumber += 1
                var lineEnd = newline
                if lineEnd > start && buffer[lineEnd - 1] == 0x0d { lineEnd -= 1 }
                let lineStart = start
                try buffer.withUnsafeBufferPointer { buf throws(Failure) in
                    try body(UnsafeBufferPointer(rebasing: buf[lineStart..<lineEnd]), lineNumber)
                }
                start = newline + 1
                scanFrom = start
            }
            if atEOF {
                if start < end {
                    lineNumber += 1
                    var lineEnd = end
                    if buffer[lineEnd - 1] == 0x0d { lineEnd -= 1 }
                    let lineStart = start
                    try buffer.withUnsafeBufferPointer { buf throws(Failure) in
                        try body(UnsafeBufferPointer(rebasing: buf[lineStart..<lineEnd]), lineNumber)
                    }
                }
                return
            }
            // Move the partial line to the front, growing the buffer only for very long lines.
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { buf in
                    _ = memmove(buf.baseAddress!, buf.baseAddress! + start, end - start)
                }
                end -= start
                start = 0
            }
            if end == buffer.count {
                guard buffer.count < Self.maxLineLength * 2 else {
                    throw Failure.badData("line \(lineNumber + 1) is longer than \(Self.maxLineLength) bytes")
                }
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let n = buffer.withUnsafeMutableBufferPointer { buf in
                read(fd, buf.baseAddress! + end, buf.count - end)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(.noInput, "cannot read stdin: \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEOF = true } else { end += n }
        }
    }
}

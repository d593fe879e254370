import Synchronization
public import XiaoaLocalization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard streams without Foundation: start-up time matters for a tool run once per request.
public enum IO {
    /// The language of the run's messages, chosen once by `main` before any command runs (`--lang`,
    /// `XIAOA_LANG`, the locale) and only read afterwards.
    public nonisolated(unsafe) static var language: Language = .en

    /// The prefixes of the lines scripts grep for; they stay as they are, the text after them is translated.
    static let messagePrefixes = ["error: ", "warning: ", "hint: "]

    /// `line` in the run's ``language``: an `error:`, `warning:` or `hint:` line keeps its prefix and has the
    /// rest translated (the catalogue's words, or left as it is); other lines are returned unchanged.
    public static func localized(_ line: String) -> String {
        guard language != .en else { return line }
        for prefix in messagePrefixes where line.hasPrefix(prefix) {
            return prefix + Catalogue.translate(String(line.dropFirst(prefix.count)), to: language)
        }
        return line
    }

    /// Writes `text` and a newline to stderr; a failure to write there has nowhere to be reported. An `error:`,
    /// `warning:` or `hint:` line is written in the run's ``language``.
    public static func printError(_ text: String) {
        var line = localized(text)
        line.append("\n")
        line.withUTF8 { _ = writeAll(2, UnsafeRawBufferPointer($0)) }
    }

    /// Writes all of `bytes` to `fd`, retrying short and interrupted writes. Returns false when a write fails
    /// (`errno` says why).
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            if n == 0 { return false }
            offset += n
        }
        return true
    }

    /// Writes all of `bytes` to `fd`, or throws an exit-74 ``Failure`` naming `what` (`stdout`, a file).
    ///
    /// Results that were not written are lost, so the run stops rather than compute more of them or exit 0:
    /// `xiaoa-crypto sign --batch < in > /dev/full` fails like `jq` or `openssl` would.
    public static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, what: String) throws(Failure) {
        guard writeAll(fd, bytes) else { throw Failure.cannotWrite(what, errno: errno) }
    }

    /// Writes `text` to `fd` (see ``write(_:_:what:)``).
    public static func write(_ fd: Int32, _ text: String, what: String) throws(Failure) {
        var text = text
        guard text.withUTF8({ writeAll(fd, UnsafeRawBufferPointer($0)) }) else {
            throw Failure.cannotWrite(what, errno: errno)
        }
    }

    /// The text of an `errno` value.
    public static func describe(errno code: Int32) -> String { String(cString: strerror(code)) }

    /// Every byte of `fd` until end of file, refusing more than `limit` bytes.
    public static func readAll(_ fd: Int32, limit: Int, what: String) throws(Failure) -> [UInt8] {
        var result = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(.noInput, "cannot read \(what): \(describe(errno: errno))")
            }
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
            if result.count > limit {
                throw Failure.badData("\(what) is larger than \(limit) bytes", hints: ["use --batch for many values"])
            }
        }
    }

    /// Every byte of the file at `path` (or stdin for `-`).
    public static func readFile(_ path: String, limit: Int = 64 << 20) throws(Failure) -> [UInt8] {
        if path == "-" { return try readAll(0, limit: limit, what: "stdin") }
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let reason = describe(errno: errno)
            throw Failure(.noInput, "cannot open \(path): \(reason)")
        }
        defer { close(fd) }
        return try readAll(fd, limit: limit, what: path)
    }

    /// The current Unix time in seconds.
    public static func now() -> Int64 { Int64(time(nil)) }
}

/// write(2); `IO.write` would name the throwing wrapper inside ``IO``.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }

// MARK: - Output that no thrown error could carry

extension IO {
    /// The first failed write of an ``OutputBuffer`` released without ``OutputBuffer/flush()`` (a `deinit` cannot
    /// throw); `main` takes it with ``takeLostOutput()`` and reports it as it reports a thrown one.
    private static let lostOutput = Mutex<Failure?>(nil)

    static func keepLostOutput(_ failure: Failure) {
        lostOutput.withLock { if $0 == nil { $0 = failure } }
    }

    /// The write failure of a buffer that was released without being flushed, if any (once).
    public static func takeLostOutput() -> Failure? {
        lostOutput.withLock { lost in
            defer { lost = nil }
            return lost
        }
    }
}

// MARK: - OutputBuffer

/// A large output buffer over a file descriptor: batch modes write millions of short lines.
///
/// Writes never fail on the spot: the first failed write is kept (and later output dropped), and ``flush()``
/// throws it. A buffer released without a flush writes what is left then, and hands a failure to
/// ``IO/takeLostOutput()`` for `main`.
public final class OutputBuffer {
    @usableFromInline var buffer: [UInt8]
    @usableFromInline let capacity: Int
    private let fd: Int32
    private let name: String
    /// The first write that failed; nothing is written after it.
    @usableFromInline var failure: Failure?
    private var thrown = false

    /// A buffer over `fd`, called `name` in the error when it cannot be written.
    public init(fd: Int32 = 1, name: String = "stdout", capacity: Int = 1 << 16) {
        self.fd = fd
        self.name = name
        self.capacity = capacity
        buffer = []
        buffer.reserveCapacity(capacity + 4096)
    }

    deinit {
        do { try flush() } catch { IO.keepLostOutput(error) }
    }

    @inlinable
    public func write(_ bytes: some Collection<UInt8>) {
        guard failure == nil else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { drain() }
    }

    @inlinable
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    @inlinable
    public func writeLine(_ text: String) {
        write(text)
        write(CollectionOfOne(UInt8(ascii: "\n")))
    }

    /// Writes what is buffered; throws the first write that failed (once).
    public func flush() throws(Failure) {
        drain()
        guard let failure, !thrown else { return }
        thrown = true
        throw failure
    }

    /// Writes the buffer out, or keeps the failure.
    @usableFromInline
    func drain() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        if !buffer.withUnsafeBytes({ IO.writeAll(fd, $0) }) { failure = Failure.cannotWrite(name, errno: errno) }
    }
}

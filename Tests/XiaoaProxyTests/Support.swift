import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The directory of the built binaries: the test bundle lives beside them in `.build/<triple>/debug`.
let binaryDirectory: String = {
    if let env = ProcessInfo.processInfo.environment["XIAOA_BIN"] {
        return URL(fileURLWithPath: env).deletingLastPathComponent().path
    }
    return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path
}()

/// A real server process (`xiaoa-crypto-serve` or `xiaoa-crypto-serve proxy`) on a free port, stopped at the end.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let stderrPath: String
    private(set) var port = 0

    /// Starts `xiaoa-crypto-serve arguments…` (with `--port 0`) and waits until it says where it listens.
    init(_ arguments: [String]) throws {
        stderrPath = NSTemporaryDirectory() + "xiaoa-proxy-test-\(UUID().uuidString).stderr"
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.executableURL = URL(fileURLWithPath: binaryDirectory + "/xiaoa-crypto-serve")
        process.arguments = arguments + ["--port", "0"]
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try handle.close()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let match = stderr.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)\//) {
                port = Int(match.1)!
                return
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        process.terminate()
        throw TestFailure("the server did not start: \(arguments)\n\(stderr)")
    }

    /// The standard error written so far.
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the process to end; returns its exit status.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: stderrPath)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// An HTTP answer as read off the socket.
struct RawResponse: CustomStringConvertible {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    var description: String { "HTTP \(status) \(headers) \(text.prefix(400))" }
}

/// A blocking HTTP/1.1 client on a plain socket: the request goes out exactly as written (no URL parsing, no
/// header added but Host and Content-Length), one request per connection.
enum RawHTTP {
    static func send(
        port: Int, method: String = "POST", target: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        host: String? = nil
    ) throws -> RawResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\n"
        // One request per connection: the server closes after its answer (a test may name more in Connection).
        if !headers.contains(where: { $0.0.lowercased() == "connection" }) { head += "Connection: close\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let fd = try connect(port: port)
        defer { close(fd) }
        try writeAll(fd, Array(head.utf8) + (body ?? []))
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !isComplete(data) {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return try parse(data)
    }

    /// Whether `data` holds a whole answer with a Content-Length (others are read to the end of the connection:
    /// a server may keep it open although asked to close it, as Hummingbird does with `Connection: close, X`).
    static func isComplete(_ data: [UInt8]) -> Bool {
        guard let end = data.firstRange(of: Array("\r\n\r\n".utf8)) else { return false }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).lowercased()
        guard let match = head.firstMatch(of: /\r\ncontent-length: *(\d+)/), let length = Int(match.1) else {
            return false
        }
        return data.count - end.upperBound >= length
    }

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw TestFailure("cannot connect to port \(port): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw TestFailure("write failed: \(String(cString: strerror(errno)))") }
            done += n
        }
    }

    static func parse(_ data: [UInt8]) throws -> RawResponse {
        guard let end = data.firstRange(of: Array("\r\n\r\n".utf8)) else {
            throw TestFailure("no complete answer: \(String(decoding: data, as: UTF8.self))")
        }
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw TestFailure("bad status line: \(lines[0])")
        }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Array(data[end.upperBound...])
        if headers.contains(where: { $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased() == "chunked" }
        ) {
            body = dechunk(body)
        }
        return RawResponse(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var rest = data[...]
        while let lineEnd = rest.firstRange(of: Array("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            rest = rest[lineEnd.upperBound...]
            if size == 0 { break }
            out += rest.prefix(size)
            rest = rest.dropFirst(size + 2)
        }
        return out
    }
}

/// A tiny upstream on a plain socket, for what the stand-in never does: echo what it received, stall, answer
/// garbage, reset the connection.
final class TinyUpstream: @unchecked Sendable {
    enum Behaviour {
        /// Answers 200 with `{"method","target","headers":[[name,value]…],"body_hex"}` of the request received.
        case echo
        /// Reads the request and never answers (until the test ends).
        case stall
        /// Answers bytes that are not HTTP and closes.
        case garbage
        /// Reads the request and resets the connection (SO_LINGER 0).
        case reset
    }

    let port: Int
    private let fd: Int32
    private let behaviour: Behaviour
    private let lock = NSLock()
    private var open: [Int32] = []
    private var stopped = false

    /// Listens on `port` (0: a free one) and serves on a thread of its own.
    init(_ behaviour: Behaviour, port: Int = 0) throws {
        self.behaviour = behaviour
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw TestFailure("cannot listen: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        self.fd = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// A port nothing listens on (bound, then released).
    static func freePort() throws -> Int {
        let upstream = try TinyUpstream(.garbage)
        let port = upstream.port
        upstream.stop()
        return port
    }

    /// Stops listening and hangs up on every client (each serving thread closes its own descriptor, so that no
    /// descriptor is closed twice while another test may reuse its number).
    func stop() {
        lock.lock()
        let first = !stopped
        stopped = true
        let clients = open
        lock.unlock()
        guard first else { return }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        for client in clients { shutdown(client, Int32(SHUT_RDWR)) }
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            lock.lock()
            if stopped {
                lock.unlock()
                close(client)
                return
            }
            open.append(client)
            lock.unlock()
            Thread { [self] in serve(client) }.start()
        }
    }

    private func serve(_ client: Int32) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            // One request at a time; a kept-alive connection brings the next.
            guard let request = readRequest(client, &data, &buffer) else { return finish(client) }
            switch behaviour {
            case .echo:
                let headers = request.headers.map { "[\(quote($0.name)),\(quote($0.value))]" }.joined(separator: ",")
                let hex = request.body.map { String(format: "%02x", $0) }.joined()
                let body = Array(
                    "{\"method\":\(quote(request.method)),\"target\":\(quote(request.target)),\"headers\":[\(headers)],\"body_hex\":\"\(hex)\"}"
                        .utf8)
                let head =
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Upstream: echo\r\nKeep-Alive: timeout=5\r\n"
                    + "Content-Length: \(body.count)\r\n\r\n"
                try? RawHTTP.writeAll(client, Array(head.utf8) + body)
            case .stall:
                while read(client, &buffer, buffer.count) > 0 {}
                return finish(client)
            case .garbage:
                try? RawHTTP.writeAll(client, Array("this is not HTTP at all\r\n\r\n".utf8))
                return finish(client)
            case .reset:
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                return finish(client)
            }
        }
    }

    private func finish(_ client: Int32) {
        lock.lock()
        let mine = open.contains(client)
        open.removeAll { $0 == client }
        lock.unlock()
        if mine { close(client) }
    }

    private struct Received {
        var method: String
        var target: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]
    }

    private func readRequest(_ client: Int32, _ data: inout [UInt8], _ buffer: inout [UInt8]) -> Received? {
        while data.firstRange(of: Array("\r\n\r\n".utf8)) == nil {
            let n = read(client, &buffer, buffer.count)
            guard n > 0 else { return nil }
            data += buffer[0..<n]
        }
        let end = data.firstRange(of: Array("\r\n\r\n".utf8))!
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ", omittingEmptySubsequences: false)
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        data.removeSubrange(..<end.upperBound)
        while data.count < length {
            let n = read(client, &buffer, buffer.count)
            guard n > 0 else { return nil }
            data += buffer[0..<n]
        }
        let body = Array(data[..<length])
        data.removeSubrange(..<length)
        return Received(
            method: parts.first.map(String.init) ?? "", target: parts.count > 1 ? String(parts[1]) : "",
            headers: headers, body: body)
    }

    private func quote(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text])
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}

/// A fresh temporary directory, removed at the end of `body`.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "xiaoa-proxy-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// The lines of a JSON-lines file, parsed.
func jsonLines(_ path: String) throws -> [[String: Any]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try text.split(separator: "\n").map {
        guard let object = try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \($0)")
        }
        return object
    }
}

/// Waits (up to 10 s) until `condition` holds: a log line is written after the answer is sent.
func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
    for _ in 0..<500 {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}

internal import AsyncHTTPClient
internal import Hummingbird
internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix
import Synchronization
internal import XiaoaAPI
internal import XiaoaCapture
internal import XiaoaCommandLine
internal import XiaoaJSON
internal import XiaoaServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Forwards one request to the upstream and its answer back, unchanged but for the hop-by-hop headers, and, for a
/// call of one of the four endpoints, checks it (``CaptureVerifier``, the rules of `verify har`) and reports it:
/// the request log, one line on stderr, the console's recent requests, the HAR file.
struct Forwarder: Sendable {
    let upstream: UpstreamURL
    let client: HTTPClient
    let timeout: Double
    let verifier: CaptureVerifier
    let annotate: Bool
    let log: RequestLog?
    let recent: RecentRequests?
    let har: HARWriter?
    let now: @Sendable () -> Int64
    /// Whether a failed HAR write was reported (once; the next success says so again).
    let harFailing = HARFailures()

    /// The exchange as far as it got: what the client sent, and the answer it gets.
    private struct Exchange {
        var method: String
        var path: String
        var url: String
        var started: (seconds: Int64, nanoseconds: Int64)
        var clock: ContinuousClock.Instant
        var requestHeaders: [(name: String, value: String)]
        var requestBody: [UInt8]?
    }

    func forward(_ request: Request, context: ProxyRequestContext) async -> Response {
        let path = String(request.uri.path)
        let target = request.head.path ?? "/"
        var exchange = Exchange(
            method: request.method.rawValue, path: path, url: upstream.url(for: target), started: Self.wallClock(),
            clock: .now, requestHeaders: [], requestBody: nil)
        // The body: read whole (the check and the HAR need it), up to the stand-in's limit.
        let hasBody =
            request.headers[.contentLength] != nil || request.headers[.transferEncoding] != nil
        if hasBody {
            if let length = request.headers[.contentLength].flatMap({ Int($0) }),
                length > ProxyConfiguration.maxRequestBytes
            {
                return failure(exchange, status: .contentTooLarge, cause: tooLarge)
            }
            do {
                var request = request
                let buffer = try await request.collectBody(upTo: ProxyConfiguration.maxRequestBytes)
                exchange.requestBody = Array(buffer: buffer)
            } catch is NIOTooManyBytesError {
                return failure(exchange, status: .contentTooLarge, cause: tooLarge)
            } catch {
                // The client hung up before its body was complete: nothing goes upstream, nobody reads an answer.
                return Response(status: .badRequest)
            }
        }
        var headers = HTTPHeaders()
        let dropped = HopByHop.named(by: request.headers[values: .connection])
        for field in request.headers where !HopByHop.isHopByHop(field.name.canonicalName, also: dropped) {
            // The client framed the body for its connection; the upstream connection frames it again (same bytes).
            guard field.name != .contentLength else { continue }
            headers.add(name: field.name.rawName, value: field.value)
        }
        exchange.requestHeaders = [("Host", upstream.authority)] + headers.map { ($0.name, $0.value) }
        var outgoing = HTTPClientRequest(url: exchange.url)
        outgoing.method = HTTPMethod(rawValue: exchange.method)
        outgoing.headers = headers
        if let body = exchange.requestBody { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let answer: HTTPClientResponse
        let answerBody: [UInt8]
        do {
            // The deadline covers the answer's head; the client's read timeout (the same length) covers silences
            // within its body.
            answer = try await client.execute(outgoing, timeout: .nanoseconds(Int64(timeout * 1e9)))
            answerBody = Array(buffer: try await answer.body.collect(upTo: ProxyConfiguration.maxResponseBytes))
        } catch {
            let (status, cause) = Self.classify(error, timeout: timeout)
            return failure(exchange, status: status, cause: cause)
        }
        var fields = HTTPFields()
        let droppedAnswer = HopByHop.named(by: answer.headers["connection"])
        for (name, value) in answer.headers {
            guard !HopByHop.isHopByHop(name.lowercased(), also: droppedAnswer),
                let fieldName = HTTPFields.Element.Name(name)
            else { continue }
            fields.append(HTTPFields.Element(name: fieldName, value: value))
        }
        let status = Int(answer.status.code)
        let answerHeaders = answer.headers.map { (name: $0.name, value: $0.value) }
        let verdict = check(exchange, status: status, answerHeaders: answerHeaders, answerBody: answerBody)
        if annotate, let verdict, let value = JSONText.findingsHeader(verdict.findings) {
            fields[.xiaoaFindings] = value
        }
        report(
            exchange, status: status, answerHeaders: answerHeaders, answerBody: answerBody, verdict: verdict,
            error: nil)
        let body =
            exchange.method == "HEAD" ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answerBody))
        return Response(status: .init(code: status), headers: fields, body: body)
    }

    private var tooLarge: String {
        "the request body is larger than the proxy forwards (\(ProxyConfiguration.maxRequestBytes) bytes)"
    }

    /// The judgement of an API call (nil for other requests), from the request and answer as a HAR entry holds them.
    private func check(
        _ exchange: Exchange, status: Int, answerHeaders: [(name: String, value: String)], answerBody: [UInt8]?
    ) -> CaptureVerdict? {
        guard Endpoint(endOfPath: exchange.path) != nil else { return nil }
        let contentType = exchange.requestHeaders.first { $0.name.lowercased() == "content-type" }?.value
        let entry = HAREntry(
            index: 0, started: Self.iso(exchange.started), method: exchange.method, url: exchange.url,
            contentType: contentType,
            postData: exchange.requestBody.map { HARContent(bytes: $0, mimeType: contentType) },
            status: status,
            responseContent: answerBody.map {
                HARContent(bytes: $0, mimeType: answerHeaders.first { $0.name.lowercased() == "content-type" }?.value)
            })
        return verifier.judge(entry)
    }

    /// The proxy's own answer when the upstream gave none (502, 504) or the request is refused here (413):
    /// `{"error", "upstream", "cause"}`, reported like any other exchange.
    private func failure(_ exchange: Exchange, status: HTTPResponse.Status, cause: String) -> Response {
        let body = JSONValue.ordered([
            ("error", .string(status.reasonPhrase)), ("upstream", .string(upstream.description)),
            ("cause", .string(cause)),
        ]).compactText
        let bytes = Array(body.utf8)
        let headers: [(name: String, value: String)] = [("Content-Type", "application/json; charset=utf-8")]
        let verdict = check(exchange, status: status.code, answerHeaders: headers, answerBody: nil)
        report(exchange, status: status.code, answerHeaders: headers, answerBody: bytes, verdict: verdict, error: cause)
        return Response(
            status: status, headers: [.contentType: headers[0].value],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The log line, the stderr line, the console's entry and the HAR entry of one exchange. Requests to no
    /// endpoint that were answered are only recorded in the HAR file.
    private func report(
        _ exchange: Exchange, status: Int, answerHeaders: [(name: String, value: String)], answerBody: [UInt8],
        verdict: CaptureVerdict?, error: String?
    ) {
        let elapsed = ContinuousClock.now - exchange.clock
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if let har {
            let record = HARRecord(
                started: exchange.started, milliseconds: seconds * 1000, method: exchange.method, url: exchange.url,
                request: .init(headers: exchange.requestHeaders, body: exchange.requestBody), status: status,
                statusText: HTTPResponse.Status(code: status).reasonPhrase,
                response: .init(headers: answerHeaders, body: answerBody),
                comment: error.map { "xiaoa-crypto proxy: no answer from the upstream: \($0)" })
            harFailing.record { () throws(HARWriteError) in try har.append(record) }
        }
        guard verdict != nil || error != nil else { return }
        // The answer's message comes from the check's own parse of it (a failure has no answer, so no message).
        let message = error == nil ? verdict?.actualMessage : nil
        let checked = verdict?.checked
        let note = RequestNote.State(
            domainKey: checked?.domainKey, cUsername: checked?.request?.cUsername,
            userName: checked?.request?.userName, secrets: verdict?.secrets ?? [])
        let entry = RequestLog.Entry(
            method: exchange.method, endpoint: exchange.path, code: verdict?.actual, message: message ?? error,
            seconds: seconds, note: note, findings: verdict?.findings ?? [], predicted: verdict?.predicted,
            status: status, error: error)
        log?.write(entry)
        recent?.append(entry)
        IO.printError(Self.line(entry))
    }

    /// `POST /assoc/add  predicted 10001  upstream 10001  HTTP 200  1.234 ms  request.sign, …` for the person
    /// watching; a failure names its cause instead of the upstream's code.
    static func line(_ entry: RequestLog.Entry) -> String {
        var parts = ["\(entry.method) \(entry.endpoint)"]
        if let predicted = entry.predicted { parts.append("predicted \(predicted.rawValue)") }
        if let error = entry.error {
            parts.append("HTTP \(entry.status ?? 0)")
            parts.append(error)
        } else {
            parts.append("upstream \(entry.code.map(String.init) ?? "-")")
            parts.append("HTTP \(entry.status ?? 0)")
        }
        parts.append("\(RequestLog.milliseconds(entry.seconds)) ms")
        if !entry.findings.isEmpty { parts.append(entry.findings.map(\.id.rawValue).joined(separator: ", ")) }
        return parts.joined(separator: "  ")
    }

    /// The status and cause of a failed exchange: 504 when the upstream was too slow, 502 for everything else.
    static func classify(_ error: any Error, timeout: Double) -> (HTTPResponse.Status, String) {
        let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout {
                return (.gatewayTimeout, "no answer within \(seconds) s (--timeout)")
            }
            // Waiting for a connection of the pool (all busy) counts against --timeout like connecting does.
            if error == .connectTimeout || error == .getConnectionFromPoolTimeout {
                return (.gatewayTimeout, "no connection within \(seconds) s (--timeout)")
            }
            if error == .remoteConnectionClosed {
                return (.badGateway, "the upstream closed the connection without a complete answer")
            }
            return (.badGateway, "\(error)")
        }
        if error is NIOTooManyBytesError {
            return (.badGateway, "the answer is larger than \(ProxyConfiguration.maxResponseBytes >> 20) MiB")
        }
        if error is HTTPParserError {
            return (.badGateway, "the upstream answered something that is not HTTP (\(error))")
        }
        if let error = error as? NIOConnectionError {
            let causes =
                error.connectionErrors.map { describe($0.error) } + (error.dnsAError.map { [describe($0)] } ?? [])
            return (.badGateway, "cannot connect: " + (causes.isEmpty ? "\(error)" : causes.joined(separator: "; ")))
        }
        if let error = error as? IOError {
            let connecting = error.errnoCode == ECONNREFUSED || error.errnoCode == EHOSTUNREACH
            return (.badGateway, (connecting ? "cannot connect: " : "connection failed: ") + describe(error))
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return (.gatewayTimeout, "no connection within \(seconds) s (--timeout)")
        }
        return (.badGateway, "\(error)")
    }

    /// A system error as a short phrase (`connection refused`), anything else as it describes itself.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? IOError else { return "\(error)" }
        return String(cString: strerror(error.errnoCode)).lowercased()
    }

    static func wallClock() -> (seconds: Int64, nanoseconds: Int64) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return (Int64(spec.tv_sec), Int64(spec.tv_nsec))
    }

    static func iso(_ time: (seconds: Int64, nanoseconds: Int64)) -> String {
        HARRecord.startedDateTime(seconds: time.seconds, nanoseconds: time.nanoseconds)
    }
}

/// Reports failed HAR writes once until one succeeds again, with a count of entries lost.
final class HARFailures: Sendable {
    private let lost = Mutex(0)

    func record(_ write: () throws(HARWriteError) -> Void) {
        do {
            try write()
            let before = lost.withLock { count in
                defer { count = 0 }
                return count
            }
            if before > 0 { IO.printError("warning: HAR file: writing again after losing \(before) entries") }
        } catch {
            let first = lost.withLock { count in
                count += 1
                return count == 1
            }
            if first { IO.printError("warning: \(error); entries are dropped until it works again") }
        }
    }
}

/// The hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, so a proxy never forwards them.
enum HopByHop {
    static let names: Set<String> = [
        "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection",
    ]

    /// Whether the lower-case `name` is hop-by-hop, or one the Connection header named (`also`).
    static func isHopByHop(_ name: String, also named: Set<String>) -> Bool {
        names.contains(name) || name.hasPrefix("proxy-") || named.contains(name)
    }

    /// The header names a Connection header lists (`Connection: close, X-Foo`), lower-case.
    static func named(by values: some Sequence<String>) -> Set<String> {
        var names = Set<String>()
        for value in values {
            for token in value.split(separator: ",") {
                names.insert(token.trimmingCharacters(in: " \t").lowercased())
            }
        }
        return names
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}

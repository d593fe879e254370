package import Hummingbird
internal import NIOCore
internal import XiaoaJSON
package import XiaoaLocalization

/// Who may use the debugging console (`GET /` and `/console/…`).
public enum ConsoleAccess: Sendable, Equatable {
    /// Clients on the loopback interface only (127.0.0.0/8, ::1): the default, since "recent requests" shows the
    /// user names and findings of every client of the server.
    case loopback
    /// Every client that can reach the server (`--console-anywhere`).
    case anywhere
}

/// What the console needs of the server it runs in: the stand-in's rules, or the proxy's.
package struct ConsoleSettings: Sendable {
    /// The domain keys the server accepts (or, on the proxy, checks requests against).
    package var domainKeys: Set<String>
    /// The server's allowed skew, in seconds; nil: not checked.
    package var maxSkew: Int64?
    /// Whether rejected answers carry the explanation (`--explain`; the proxy never adds one).
    package var explain: Bool
    /// The proxy's upstream URL (shown by `/console/api/server`); nil on the stand-in.
    package var upstream: String?
    /// The clock, in Unix seconds.
    package var now: @Sendable () -> Int64
    /// The language of answers to a request without `Accept-Language` (`--lang`).
    package var language: Language

    package init(
        domainKeys: Set<String>, maxSkew: Int64?, explain: Bool, upstream: String? = nil,
        language: Language = .en, now: @escaping @Sendable () -> Int64
    ) {
        self.domainKeys = domainKeys
        self.maxSkew = maxSkew
        self.explain = explain
        self.upstream = upstream
        self.now = now
        self.language = language
    }
}

/// Adds the debugging console to `router`: the page (`GET /`, `/console/app.css`, `/console/i18n.js`,
/// `/console/app.js`) and its JSON endpoints under `/console/api/`, which call the same library code as the
/// command-line tool.
///
/// Every route answers 403 to clients the `access` rule does not admit, which is why the context must know the
/// client's address. Bad input to an endpoint is HTTP 400 `{"error": "…", "hints": […]}`; the page shows both.
package func addConsoleRoutes<Context: RemoteAddressRequestContext>(
    to router: Router<Context>, settings: ConsoleSettings, recent: RecentRequests, access: ConsoleAccess
) {
    let console = router.group().add(middleware: ConsoleGate<Context>(access: access))

    console.get("/") { _, _ in ConsoleResponse.page(ConsolePage.html, type: "text/html; charset=utf-8") }
    console.get("/console/app.css") { _, _ in ConsoleResponse.page(ConsolePage.css, type: "text/css; charset=utf-8") }
    console.get("/console/app.js") { _, _ in
        ConsoleResponse.page(ConsolePage.javascript, type: "text/javascript; charset=utf-8")
    }
    console.get("/console/i18n.js") { _, _ in
        ConsoleResponse.page(ConsolePage.labels, type: "text/javascript; charset=utf-8")
    }

    console.post("/console/api/sign") { request, context in
        await ConsoleResponse.handle(request, context, language: settings.language, fields: ConsoleAPI.signFields) {
            object throws(ConsoleInputError) in
            try ConsoleAPI.sign(object, now: settings.now())
        }
    }
    console.post("/console/api/encrypt") { request, context in
        await ConsoleResponse.handle(request, context, language: settings.language, fields: ConsoleAPI.encryptFields) {
            object throws(ConsoleInputError) in
            try ConsoleAPI.encrypt(object)
        }
    }
    console.post("/console/api/decrypt") { request, context in
        await ConsoleResponse.handle(request, context, language: settings.language, fields: ConsoleAPI.decryptFields) {
            object throws(ConsoleInputError) in
            try ConsoleAPI.decrypt(object)
        }
    }
    console.post("/console/api/verify-request") { request, context in
        await ConsoleResponse.handle(request, context, language: settings.language, fields: ConsoleAPI.verifyFields) {
            object throws(ConsoleInputError) in
            try ConsoleAPI.verifyRequest(
                object, serverKeys: settings.domainKeys, serverMaxSkew: settings.maxSkew, now: settings.now())
        }
    }
    // A HAR of a few MiB: the route's own limit, larger than the others'; a larger one is bad input (HTTP 400).
    console.post("/console/api/check-capture") { request, context in
        await ConsoleResponse.handle(
            request, context, language: settings.language, fields: ConsoleAPI.captureFields,
            limit: .init(
                maxBytes: ConsoleAPI.captureMaxBytes,
                tooLarge: ConsoleInputError(
                    message: "the HAR is larger than \(ConsoleAPI.captureMaxBytes >> 20) MiB (as JSON in the request)",
                    hints: ["check a larger capture with: xiaoa-crypto verify har FILE --domain-key KEY"]))
        ) { object throws(ConsoleInputError) in
            try ConsoleAPI.checkCapture(object, serverKeys: settings.domainKeys, serverMaxSkew: settings.maxSkew)
        }
    }
    console.get("/console/api/recent") { request, _ in
        let (entries, last) = recent.snapshot()
        return ConsoleResponse.json(
            JSONValue.ordered([
                ("requests", .array(entries)), ("last", .int(last)), ("capacity", .int(recent.capacity)),
            ]).localized(to: Language.of(request, default: settings.language)))
    }
    console.get("/console/api/server") { _, _ in
        var members: [(String, JSONValue)] = [
            ("domain_keys", .int(settings.domainKeys.count)),
            ("max_skew", settings.maxSkew.map { .int($0) } ?? .null),
            ("explain", .bool(settings.explain)),
            ("now", .int(settings.now())),
        ]
        if let upstream = settings.upstream { members.append(("upstream", .string(upstream))) }
        return ConsoleResponse.json(.ordered(members))
    }
}

/// The console's access rule: the client's address (and, against DNS rebinding, the Host it asked for) must be
/// loopback unless the console is open to anyone; and, whoever may use it, no request made by another site's page
/// (an `Origin` other than the Host asked for, `Sec-Fetch-Site` other than `same-origin` or `none`) is served.
struct ConsoleGate<Context: RemoteAddressRequestContext>: RouterMiddleware {
    let access: ConsoleAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        // A page the developer opens elsewhere can make the browser POST here (a no-CORS form or fetch): refuse it
        // before anything runs, since the answer need not be readable for the request to do harm.
        if let reason = ConsoleAccess.crossSiteRefusal(request) { return ConsoleResponse.refusal(reason) }
        guard access == .loopback else { return try await next(request, context) }
        guard ConsoleAccess.isLoopback(context.remoteAddress) else {
            return ConsoleResponse.refusal(
                "the console answers clients on this machine only; start the server with --console-anywhere to open it "
                    + "to others"
            )
        }
        // A page of another site whose name resolves to 127.0.0.1 would pass the address check: refuse other names.
        guard ConsoleAccess.isLoopbackHost(request.head.authority) else {
            return ConsoleResponse.refusal("open the console as http://127.0.0.1:PORT/ or http://localhost:PORT/")
        }
        return try await next(request, context)
    }
}

extension ConsoleAccess {
    /// Why `request` comes from another site's page, or nil when it does not.
    ///
    /// `Sec-Fetch-Site` (sent by current browsers on every request) must be `same-origin` or `none` (typed in,
    /// a bookmark): `same-site` is refused too, since another port of localhost is the same site but another
    /// program. `Origin` (sent by browsers on POSTs and cross-origin fetches) must name the scheme-less
    /// host:port the request's Host names; `Origin: null` (a sandboxed frame, a file page) is another site.
    /// Tools that send neither header (curl, scripts) are not browsers and pass.
    static func crossSiteRefusal(_ request: Request) -> String? {
        let secFetchSite = HTTPFields.Element.Name.secFetchSite
        let originField = HTTPFields.Element.Name.origin
        let advice =
            "the console answers its own page only; open it by typing http://127.0.0.1:PORT/ into the address bar"
        if let site = request.headers[secFetchSite]?.lowercased(), site != "same-origin" && site != "none" {
            return "refused a request of another site (Sec-Fetch-Site: \(site)): " + advice
        }
        if let origin = request.headers[originField] {
            guard let host = request.head.authority, sameHostAndPort(origin: origin, host: host) else {
                return "refused a request of another site (Origin: \(origin)): " + advice
            }
        }
        return nil
    }

    /// Whether `origin` (`scheme://host[:port]`) names the same host and port as the Host header `host`, with
    /// the scheme's default port (80, 443) where none is written.
    static func sameHostAndPort(origin: String, host: String) -> Bool {
        let origin = origin.lowercased()
        let scheme: String
        let rest: Substring
        if origin.hasPrefix("http://") {
            (scheme, rest) = ("http", origin.dropFirst(7))
        } else if origin.hasPrefix("https://") {
            (scheme, rest) = ("https", origin.dropFirst(8))
        } else {
            return false
        }
        let defaultPort = scheme == "http" ? "80" : "443"
        func split(_ authority: Substring) -> (host: Substring, port: Substring)? {
            if authority.isEmpty || authority.contains("/") || authority.contains("@") { return nil }
            if authority.hasPrefix("[") {
                guard let end = authority.firstIndex(of: "]") else { return nil }
                let after = authority[authority.index(after: end)...]
                if after.isEmpty { return (authority[...end], defaultPort[...]) }
                guard after.hasPrefix(":") else { return nil }
                return (authority[...end], after.dropFirst())
            }
            guard let colon = authority.lastIndex(of: ":") else { return (authority, defaultPort[...]) }
            return (authority[..<colon], authority[authority.index(after: colon)...])
        }
        guard let a = split(rest), let b = split(host.lowercased()[...]) else { return false }
        guard !a.port.isEmpty, !b.port.isEmpty else { return false }
        return a.host == b.host && a.port == b.port
    }

    /// Whether `address` is on the loopback interface: 127.0.0.0/8, ::1, or ::ffff:127.0.0.0/104 (an IPv4
    /// loopback client of a dual-stack socket). No address (an in-process test client) is not loopback.
    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let ip = address?.ipAddress?.lowercased() else { return false }
        return isLoopback(ip: ip)
    }

    static func isLoopback(ip: String) -> Bool {
        var ip = Substring(ip)
        if ip.hasPrefix("::ffff:") { ip = ip.dropFirst(7) }
        if ip == "::1" || ip == "0:0:0:0:0:0:0:1" { return true }
        let parts = ip.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { part in UInt8(part) != nil }
    }

    /// Whether the Host header names this machine's loopback: `localhost`, `127.x.x.x` or `[::1]`, with or without
    /// a port. No Host at all (HTTP/1.0, tools) is let through: browsers always send one.
    static func isLoopbackHost(_ authority: String?) -> Bool {
        guard var host = authority?.lowercased()[...] else { return true }
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]") else { return false }
            host = host[host.index(after: host.startIndex)..<end]
            return isLoopback(ip: String(host))
        }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        if host.hasSuffix(".") { host = host.dropLast() }
        return host == "localhost" || host.hasSuffix(".localhost") || isLoopback(ip: String(host))
    }
}

/// The console's responses: the page's files, JSON answers, and refusals.
enum ConsoleResponse {
    /// No framing, no referrer, no sniffing; nothing the console answers is cached.
    static let commonHeaders: HTTPFields = [
        .cacheControl: "no-store",
        .xContentTypeOptions: "nosniff",
        .referrerPolicy: "no-referrer",
        .xFrameOptions: "DENY",
    ]

    /// Scripts and styles from this server only, no inline code, requests to this server only.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static func page(_ bytes: [UInt8], type: String) -> Response {
        var headers = commonHeaders
        headers[.contentType] = type
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var headers = commonHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: status, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: JSONText.serialize(value))))
    }

    static func refusal(_ reason: String) -> Response {
        var headers = commonHeaders
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(
            status: .forbidden, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: reason + "\n")))
    }

    /// A request body limit of an endpoint other than the context's upload limit, and the error (HTTP 400) that
    /// answers a larger body.
    struct BodyLimit {
        var maxBytes: Int
        var tooLarge: ConsoleInputError
    }

    /// A POST of a JSON object to a console endpoint: read the body, check its fields, answer `body`'s result as
    /// JSON, or 400/413/415 with `{"error", "hints"}` (400 for a body over a `limit` of its own).
    /// Every answer, an error included, has its texts in the language `request` asks for (`Accept-Language`),
    /// else in `fallback`.
    static func handle(
        _ request: Request, _ context: some RequestContext, language fallback: Language, fields: Set<String>,
        limit: BodyLimit? = nil, _ body: (JSONObject) throws(ConsoleInputError) -> JSONValue
    ) async -> Response {
        let language = Language.of(request, default: fallback)
        func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
            Self.json(value.localized(to: language), status: status)
        }
        // A JSON content type makes a cross-site form or fetch a CORS preflight, which this server never grants.
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/json") else {
            return json(
                ConsoleInputError(message: "send the request as Content-Type: application/json").json,
                status: .unsupportedMediaType)
        }
        let bytes: [UInt8]
        do {
            var request = request
            bytes = Array(buffer: try await request.collectBody(upTo: limit?.maxBytes ?? context.maxUploadSize))
        } catch {
            if let limit { return json(limit.tooLarge.json, status: .badRequest) }
            return json(
                ConsoleInputError(message: "the request is larger than \(context.maxUploadSize) bytes").json,
                status: .contentTooLarge)
        }
        do throws(ConsoleInputError) {
            let object = try ConsoleAPI.object(bytes, allowed: fields, maxBytes: max(2 << 20, limit?.maxBytes ?? 0))
            return json(try body(object))
        } catch {
            return json(error.json, status: .badRequest)
        }
    }
}

public import Hummingbird
package import HummingbirdCore
import Logging
public import NIOCore
internal import XiaoaAPI
internal import XiaoaLocalization
internal import XiaoaPrimitives

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The request context of the stand-in: Hummingbird's core storage plus a note for the request log.
public struct XiaoaRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    let note = RequestNote()
    /// The client's address (nil for in-process test clients): the console answers loopback clients only.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The vendor's bodies are a handful of short strings; 1 MiB is generous.
    public var maxUploadSize: Int { 1 << 20 }
}

/// What `buildApplication` set up, for the front to print as notices.
public struct ServerSetup: Sendable {
    /// One-line notices: in-memory database, demo domain key, demo user.
    public var notices: [String] = []
    /// The domain keys the server accepts.
    public var domainKeys: [String] = []
}

/// Builds the stand-in server for `configuration`: opens (and migrates) the database, stores the domain keys,
/// and returns the application with its router. `setup` receives the notices to print.
public func buildApplication(
    _ configuration: ServerConfiguration, setup: ((ServerSetup) -> Void)? = nil,
    onListening: (@Sendable (_ host: String, _ port: Int) -> Void)? = nil
) async throws -> some ApplicationProtocol {
    let (standIn, info) = try makeStandIn(configuration)
    setup?(info)
    let log = try configuration.logPath.map { path throws(ServerError) in
        try RequestLog(path: path, language: configuration.language)
    }
    let router = buildRouter(standIn, log: log, benchRoutes: configuration.benchRoutes, console: configuration.console)
    var logger = Logger(label: "xiaoa-crypto-serve")
    logger.logLevel = .warning
    let http1 = http1Configuration(idleTimeout: configuration.idleTimeout)
    return Application(
        router: router,
        server: .http1(configuration: http1),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "xiaoa-crypto-serve"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            standIn.listening(onPort: port)
            onListening?(configuration.host, port)
        },
        logger: logger)
}

/// The HTTP/1 server settings of the stand-in, shared with the proxy: 431 for an over-large head, and connections
/// that send no complete request for `idleTimeout` seconds closed (nil: never).
package func http1Configuration(idleTimeout: Int64?) -> HTTP1Channel.Configuration {
    HTTP1Channel.Configuration(
        additionalChannelHandlers: [HeaderTooLargeHandler()], idleTimeout: idleTimeout.map { .seconds($0) })
}

/// Opens the store and gathers what the stand-in knows; exposed for tests that want to reach the store.
func makeStandIn(_ configuration: ServerConfiguration) throws -> (StandIn, ServerSetup) {
    var info = ServerSetup()
    // An empty key is refused, with the library's words, wherever a key is given (a keys file skips empty lines).
    if let problem = configuration.domainKeys.lazy.compactMap(DomainKeyRule.problem).first {
        throw ServerError(.badInput, ([problem.message] + problem.hints).joined(separator: "; "))
    }
    let store = try Store(path: configuration.databasePath)
    let now = configuration.now()
    if configuration.databasePath == nil {
        info.notices.append(
            "notice: the database is in memory and is lost when the server stops; use --db PATH to keep it")
    }
    let dbKeys: [String]
    do {
        try store.addDomainKeys(configuration.domainKeys, now: now)
        dbKeys = try store.domainKeys()
    } catch { throw ServerError(.internalFailure, "cannot store the domain keys: \(error)") }
    var keys = Set(dbKeys)
    if keys.isEmpty {
        keys = [ServerConfiguration.demoDomainKey]
        info.notices.append(
            "notice: no domain key given; accepting the domain key \"\(ServerConfiguration.demoDomainKey)\"")
    }
    info.domainKeys = keys.sorted()
    do {
        if configuration.databasePath == nil {
            let demo = ServerConfiguration.demoUser
            try store.putUser(
                name: demo.name,
                passwordHash: try PasswordHash.make(
                    password: Array(demo.password.utf8), iterations: configuration.pbkdf2Iterations),
                replace: false, now: now)
            info.notices.append(
                "notice: test account \"\(demo.name)\" with password \"\(demo.password)\" (in-memory database only)")
        } else if let path = configuration.databasePath, try store.users().isEmpty {
            info.notices.append(
                "notice: no Xiao A test accounts yet; add one with: xiaoa-crypto serve users add NAME --db \(path)")
        }
    } catch let error as ServerError { throw error } catch {
        throw ServerError(.internalFailure, "cannot read the accounts: \(error)")
    }
    let secret: [UInt8]
    do {
        secret = try store.tokenSecret { try SecureRandom.bytes(count: 32) }
    } catch { throw ServerError(.internalFailure, "cannot make the token secret: \(error)") }
    let base = configuration.loginBaseURL ?? StandIn.loginURL(host: configuration.host, port: configuration.port)
    return (
        try StandIn(
            store: store, domainKeys: keys, configuration: configuration, tokenSecret: secret, loginBaseURL: base), info
    )
}

/// The routes: the four endpoints of the seed (POST), `GET /login` to check a login token, and with
/// `benchRoutes` `/_bench/fixed`, a fixed answer for the load benchmark's baseline.
func buildRouter(_ standIn: StandIn, log: RequestLog?, benchRoutes: Bool, console: ConsoleAccess? = nil) -> Router<
    XiaoaRequestContext
> {
    let router = Router(context: XiaoaRequestContext.self)
    let recent = console.map { _ in RecentRequests() }
    // Added before the routes so that it wraps them and the not-found responder (a GET to an endpoint).
    router.add(middleware: VendorMiddleware(log: log, recent: recent, language: standIn.language))
    for endpoint in Endpoint.allCases {
        router.post(RouterPath(endpoint.path)) { request, context -> VendorAnswer in
            let body: [UInt8]
            do {
                // An announced length over the limit is refused before a byte of the body is read; an unannounced
                // (chunked) one stops at the limit. The rest is discarded, never collected.
                if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > context.maxUploadSize {
                    throw HTTPError(.contentTooLarge)
                }
                var request = request
                body = Array(buffer: try await request.collectBody(upTo: context.maxUploadSize))
            } catch {
                throw VendorRejection(.illegalParameters, [ServerFinding.bodyUnreadable(limit: context.maxUploadSize)])
            }
            return try await standIn.answer(endpoint, body: body, note: context.note)
        }
    }
    router.get("/login") { request, _ -> VendorAnswer in
        try await standIn.checkToken(
            request.uri.queryParameters["token"].map(String.init),
            redirect: request.uri.queryParameters["Redirect"].map(String.init))
    }
    if benchRoutes {
        let fixed = VendorAnswer(code: .ok, message: APICode.ok.message, data: .array([])).response
        router.get("/_bench/fixed") { _, _ in fixed }
        router.post("/_bench/fixed") { _, _ in fixed }
    }
    if let console, let recent {
        addConsoleRoutes(to: router, settings: standIn.consoleSettings, recent: recent, access: console)
    }
    return router
}

/// The one place where failures become the vendor's answers: a rejection thrown by a handler becomes its code,
/// any other error becomes code 500 (never a stack trace, never an HTML page); a method other than POST on an
/// endpoint becomes 30002. Writes the request log line.
struct VendorMiddleware: RouterMiddleware {
    typealias Context = XiaoaRequestContext
    let log: RequestLog?
    /// The console's "recent requests", fed with the same entries as the log.
    var recent: RecentRequests? = nil
    /// The language of `--explain` bodies for a request whose `Accept-Language` names none of ours.
    var language: Language = .en

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        let endpoint = Endpoint(name: path)
        guard endpoint != nil || path == "/login" else { return try await next(request, context) }
        if endpoint == nil && request.method != .get {
            // GET /login is the stand-in's own page, not the vendor's: plain HTTP rules apply there.
            return Response(status: .methodNotAllowed, headers: [.allow: "GET"])
        }
        let start = ContinuousClock.now
        var answer: VendorAnswer
        if endpoint != nil && request.method != .post {
            answer = .rejected(.notPost, findings: [ServerFinding.notPost(method: request.method.rawValue, path: path)])
        } else {
            do {
                let response = try await next(request, context)
                write(request, code: .ok, findings: context.note.current.warnings, context: context, start: start)
                return response
            } catch let rejection as VendorRejection {
                answer = rejection.answer
                // An --explain body in the client's language; the header and the vendor's message stay as they are.
                answer.data = answer.data.localized(to: Language.of(request, default: language))
            } catch {
                // The details go to the operator's stderr, never into the answer.
                let line = "xiaoa-crypto-serve: unexpected error on \(request.method.rawValue) \(path): \(error)\n"
                _ = line.utf8CString.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress, $0.count - 1) }
                let finding = ServerFinding.internalError(String(describing: type(of: error)))
                answer = .rejected(.serverError, findings: [finding])
            }
        }
        write(request, code: answer.code, findings: answer.findings, context: context, start: start)
        return answer.response
    }

    private func write(
        _ request: Request, code: APICode, findings: [Finding], context: Context, start: ContinuousClock.Instant
    ) {
        guard log != nil || recent != nil else { return }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let entry = RequestLog.Entry(
            method: request.method.rawValue, endpoint: request.uri.path, code: code, seconds: seconds,
            note: context.note.current, findings: findings)
        log?.write(entry)
        recent?.append(entry)
    }
}

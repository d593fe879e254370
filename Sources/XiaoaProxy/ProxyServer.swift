internal import AsyncHTTPClient
internal import Hummingbird
import Logging
internal import NIOCore
internal import NIOPosix
internal import XiaoaAPI
internal import XiaoaCapture
public import XiaoaServer

/// The debugging proxy: a Hummingbird server that forwards every request unchanged to the upstream over one shared
/// AsyncHTTPClient, checks the API calls on the way with the rules of `verify har`, and logs, records and shows
/// what it saw.
///
/// ```swift
/// let proxy = try ProxyServer(ProxyConfiguration(upstream: try UpstreamURL("http://127.0.0.1:8088")))
/// for notice in proxy.notices { print(notice) }
/// try await proxy.run()
/// ```
public final class ProxyServer: Sendable {
    /// One-line notices for the person starting it: the domain key assumed, why the HAR file is private.
    public let notices: [String]
    private let configuration: ProxyConfiguration
    private let forwarder: Forwarder
    private let recent: RecentRequests?

    /// Opens the request log and the HAR file and sets up the HTTP client; nothing listens yet.
    public init(_ configuration: ProxyConfiguration) throws(ServerError) {
        var notices: [String] = []
        if let problem = configuration.domainKeys.lazy.compactMap(DomainKeyRule.problem).first {
            throw ServerError(.badInput, ([problem.message] + problem.hints).joined(separator: "; "))
        }
        var keys = Set(configuration.domainKeys)
        if keys.isEmpty {
            keys = [ServerConfiguration.demoDomainKey]
            notices.append(
                "notice: no domain key given; checking requests against \"\(ServerConfiguration.demoDomainKey)\" "
                    + "(the stand-in's default); give --domain-key K for other keys")
        }
        let log = try configuration.logPath.map { path throws(ServerError) in
            try RequestLog(path: path, language: configuration.language)
        }
        var har: HARWriter?
        if let path = configuration.harPath {
            do {
                har = try HARWriter(path: path, creator: "xiaoa-crypto proxy", version: ProxyServer.version)
            } catch {
                throw ServerError(.badInput, error.description)
            }
            notices.append(
                "notice: recording to \(path) with mode 0600: it holds the requests' password ciphertexts, which "
                    + "anyone who knows the vendor's fixed AES key can decrypt; keep it private")
        }
        recent = configuration.console.map { _ in RecentRequests() }
        forwarder = Forwarder(
            upstream: configuration.upstream, client: Self.makeClient(timeout: configuration.timeout),
            timeout: configuration.timeout, verifier: CaptureVerifier(domainKeys: keys, maxSkew: configuration.maxSkew),
            annotate: configuration.annotate, log: log, recent: recent, har: har, now: configuration.now)
        self.configuration = configuration
        self.notices = notices
    }

    /// The version the HAR file's `creator` names.
    public static let version = "0.1.0"

    /// Listens and serves until SIGINT or SIGTERM, then finishes the answers under way and closes the HTTP client.
    /// `onListening` gets the address and the port bound (useful with port 0).
    public func run(onListening: (@Sendable (_ host: String, _ port: Int) -> Void)? = nil) async throws {
        let router = Router(context: ProxyRequestContext.self)
        router.add(middleware: ProxyMiddleware(forwarder: forwarder, console: configuration.console != nil))
        if let access = configuration.console, let recent {
            let settings = ConsoleSettings(
                domainKeys: forwarder.verifier.domainKeys, maxSkew: configuration.maxSkew, explain: false,
                upstream: configuration.upstream.description, language: configuration.language,
                now: configuration.now)
            addConsoleRoutes(to: router, settings: settings, recent: recent, access: access)
        }
        var logger = Logger(label: "xiaoa-crypto-proxy")
        logger.logLevel = .warning
        let host = configuration.host
        let port = configuration.port
        let app = Application(
            router: router,
            server: .http1(configuration: http1Configuration(idleTimeout: configuration.idleTimeout)),
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in onListening?(host, channel.localAddress?.port ?? port) },
            logger: logger)
        do {
            try await app.runService()
        } catch {
            try? await forwarder.client.shutdown()
            throw error
        }
        try await forwarder.client.shutdown()
    }

    /// One client for the whole session: a pool of kept-alive connections to the upstream. Redirects are passed
    /// back to the client, never followed; bodies are not decompressed; a refused connection fails at once (no
    /// retry until the deadline), so that a dead upstream is a 502 within moments. No tracer: the proxy reports
    /// nothing to distributed tracing, and the no-op tracer's span and URL attributes cost about 3% of a request.
    static func makeClient(timeout: Double) -> HTTPClient {
        let amount = TimeAmount.nanoseconds(Int64(timeout * 1e9))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: amount, read: amount),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64),
            decompression: .disabled)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .automatic
        configuration.tracing.tracer = nil
        return HTTPClient(
            eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
    }
}

/// The request context of the proxy: Hummingbird's core storage and the client's address (for the console's gate).
struct ProxyRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The stand-in's limit (the console's requests are read with it too).
    var maxUploadSize: Int { ProxyConfiguration.maxRequestBytes }
}

/// Sends everything but the console to the ``Forwarder``.
struct ProxyMiddleware: RouterMiddleware {
    typealias Context = ProxyRequestContext
    let forwarder: Forwarder
    /// Whether `GET /` and `/console/…` are the proxy's own console (else they are forwarded too).
    let console: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if console {
            let path = request.uri.path
            if path.hasPrefix("/console/") || (path == "/" && (request.method == .get || request.method == .head)) {
                return try await next(request, context)
            }
        }
        return await forwarder.forward(request, context: context)
    }
}

public import AsyncHTTPClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension XiaoaClient {
    /// The settings of a client: the HTTP client it sends with, its clock, its timeouts.
    public struct Configuration: Sendable {
        /// The HTTP client requests go through; `HTTPClient.shared` unless you pass your own (which you then
        /// shut down yourself). ``XiaoaClient/makeHTTPClient(timeouts:)`` makes one that applies
        /// ``XiaoaClient/Timeouts/connect``.
        public var httpClient: HTTPClient
        /// The current Unix time in seconds: the `timestamp` of each request, and the time answers are
        /// compared with. Tests inject a fixed or far-off clock here.
        public var clock: @Sendable () -> Int64
        /// How long a request may take.
        public var timeouts: Timeouts
        /// How far this machine's clock may be from the server's `Date` header before a 10001 rejection names
        /// the clock as its likely cause (300 s, the skew servers usually allow).
        public var usualSkew: Int64

        public init(
            httpClient: HTTPClient = .shared, clock: @escaping @Sendable () -> Int64 = Configuration.systemClock,
            timeouts: Timeouts = Timeouts(), usualSkew: Int64 = 300
        ) {
            self.httpClient = httpClient
            self.clock = clock
            self.timeouts = timeouts
            self.usualSkew = usualSkew
        }

        /// The system's clock in Unix seconds.
        public static let systemClock: @Sendable () -> Int64 = { Int64(time(nil)) }
    }

    /// Timeouts of one request.
    public struct Timeouts: Sendable, Equatable {
        /// How long opening a connection may take (5 s). It is a setting of the HTTP client's connection pool:
        /// it applies to clients made by ``XiaoaClient/makeHTTPClient(timeouts:)``; with `HTTPClient.shared`
        /// (whose pool waits up to 90 s) the ``XiaoaClient/Timeouts/request`` deadline bounds the connect too.
        public var connect: Duration
        /// The deadline of the whole request, connect, send and answer included (10 s).
        public var request: Duration

        public init(connect: Duration = .seconds(5), request: Duration = .seconds(10)) {
            self.connect = connect
            self.request = request
        }
    }

    /// An HTTP client for this API: `timeouts.connect` as its connect timeout, no redirects followed (a POST
    /// must not turn into a GET elsewhere), and a refused connection reported at once rather than retried until
    /// the deadline. The caller owns it: `try await client.shutdown()` when done.
    public static func makeHTTPClient(timeouts: Timeouts = Timeouts()) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .nanoseconds(nanoseconds(timeouts.connect))))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}

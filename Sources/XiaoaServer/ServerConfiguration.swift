public import XiaoaLocalization

/// How the stand-in server runs: where it listens, where it keeps data, which domain keys it knows.
public struct ServerConfiguration: Sendable {
    /// The address to bind; loopback by default, since the stand-in is a local testing tool.
    public var host: String
    /// The TCP port; 0 asks the system for a free one.
    public var port: Int
    /// The SQLite file, or nil for an in-memory database that lives as long as the process.
    public var databasePath: String?
    /// Domain keys given on the command line (stored in the database too); `demo` when none is known.
    public var domainKeys: [String]
    /// The allowed distance between a request's timestamp and the server's clock, in seconds; nil: not checked.
    public var maxSkew: Int64?
    /// Where the request log goes: a file path, `-` for stdout, nil for no request log.
    public var logPath: String?
    /// Whether rejected answers carry the checks, findings and expected sign steps in `data`.
    public var explain: Bool
    /// Whether `/_bench/fixed` (a fixed JSON answer, for the load benchmark) is served.
    public var benchRoutes: Bool
    /// The language of the request log's findings, and of `--explain` bodies and console answers for a request
    /// whose `Accept-Language` names none of ours (`X-Xiaoa-Findings` is English whatever this says).
    public var language: Language = .en
    /// The start of the URL that `/assoc/login` answers; nil: `http://HOST:PORT/login` of this server.
    public var loginBaseURL: String?
    /// How long a login token stays valid, in seconds.
    public var tokenLifetime: Int64
    /// PBKDF2-HMAC-SHA-256 rounds for newly stored password hashes.
    public var pbkdf2Iterations: Int
    /// Who may open the debugging console (`GET /`, `/console/…`); nil: no console (`--no-console`).
    public var console: ConsoleAccess?
    /// Seconds after which a connection that sends no complete request head (idle, or trickling its headers) and
    /// is not waiting for an answer is closed; nil: never. One slow client then holds a descriptor, not the server.
    public var idleTimeout: Int64?
    /// The clock, in Unix seconds (tests fix it).
    public var now: @Sendable () -> Int64

    public init(
        host: String = "127.0.0.1", port: Int = 8088, databasePath: String? = nil, domainKeys: [String] = [],
        maxSkew: Int64? = nil, logPath: String? = nil, explain: Bool = false, benchRoutes: Bool = false,
        loginBaseURL: String? = nil, tokenLifetime: Int64 = 600, pbkdf2Iterations: Int = PasswordHash.defaultIterations,
        console: ConsoleAccess? = .loopback, idleTimeout: Int64? = ServerConfiguration.defaultIdleTimeout,
        now: @escaping @Sendable () -> Int64 = { Int64(time(nil)) }
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.domainKeys = domainKeys
        self.maxSkew = maxSkew
        self.logPath = logPath
        self.explain = explain
        self.benchRoutes = benchRoutes
        self.loginBaseURL = loginBaseURL
        self.tokenLifetime = tokenLifetime
        self.pbkdf2Iterations = pbkdf2Iterations
        self.console = console
        self.idleTimeout = idleTimeout
        self.now = now
    }

    /// `--idle-timeout`'s default: long enough for a person typing into `nc`, short enough that slow clients drain.
    public static let defaultIdleTimeout: Int64 = 30

    /// The domain key used when none is given and the database knows none.
    public static let demoDomainKey = "demo"
    /// The test account created in an in-memory database, so that the stand-in answers 0 out of the box.
    public static let demoUser = (name: "demo", password: "123456")
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

public import XiaoaLocalization
public import XiaoaServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the debugging proxy runs: where it listens, where it forwards, what it records and checks against.
public struct ProxyConfiguration: Sendable {
    /// Where every request goes: the vendor's base URL, or the stand-in's.
    public var upstream: UpstreamURL
    /// The address to bind; loopback by default, since the proxy is a local debugging tool.
    public var host: String
    /// The TCP port; 0 asks the system for a free one.
    public var port: Int
    /// The HAR file the session is recorded to (mode 0600), or nil for none.
    public var harPath: String?
    /// Where the request log goes: a file path, `-` for stdout, nil for no request log.
    public var logPath: String?
    /// The domain keys requests are checked against; `ServerConfiguration.demoDomainKey` (the stand-in's
    /// default) when none is given.
    public var domainKeys: [String]
    /// The allowed distance between a request's timestamp and the proxy's clock, in seconds; nil: not checked.
    public var maxSkew: Int64?
    /// How long the upstream may take to answer (and, once it answers, may stay silent), in seconds.
    public var timeout: Double
    /// Whether answers to API requests carry the proxy's findings in `X-Xiaoa-Findings`.
    public var annotate: Bool
    /// Who may open the debugging console; nil: no console, and `GET /` and `/console/…` are forwarded too.
    public var console: ConsoleAccess?
    /// Seconds after which a client connection that sends no complete request is closed; nil: never.
    public var idleTimeout: Int64?
    /// The clock, in Unix seconds (the freshness check; tests fix it).
    public var now: @Sendable () -> Int64
    /// The language of the request log's findings and of console answers to a request without `Accept-Language`.
    public var language: Language = .en

    public init(
        upstream: UpstreamURL, host: String = "127.0.0.1", port: Int = ProxyConfiguration.defaultPort,
        harPath: String? = nil, logPath: String? = nil, domainKeys: [String] = [], maxSkew: Int64? = nil,
        timeout: Double = ProxyConfiguration.defaultTimeout, annotate: Bool = false,
        console: ConsoleAccess? = .loopback, idleTimeout: Int64? = ServerConfiguration.defaultIdleTimeout,
        now: @escaping @Sendable () -> Int64 = { Int64(time(nil)) }
    ) {
        self.upstream = upstream
        self.host = host
        self.port = port
        self.harPath = harPath
        self.logPath = logPath
        self.domainKeys = domainKeys
        self.maxSkew = maxSkew
        self.timeout = timeout
        self.annotate = annotate
        self.console = console
        self.idleTimeout = idleTimeout
        self.now = now
    }

    /// `--port`'s default: beside the stand-in's 8088, so both run at once.
    public static let defaultPort = 8089
    /// `--timeout`'s default, in seconds.
    public static let defaultTimeout: Double = 10
    /// The largest request body forwarded: the stand-in's limit (1 MiB). A larger one is answered 413 here.
    public static let maxRequestBytes = 1 << 20
    /// The largest answer forwarded; a larger one is answered 502 (the whole answer is kept, for the check and
    /// the HAR file).
    public static let maxResponseBytes = 64 << 20
}

/// The upstream's base URL: `http[s]://host[:port][/base]`, with any path as the base every request path is
/// appended to (`https://api.example.com/v1` + `/assoc/add`).
public struct UpstreamURL: Sendable, CustomStringConvertible {
    /// `http` or `https`.
    public let scheme: String
    /// `host[:port]` as written (the Host header the upstream gets).
    public let authority: String
    /// The base path without a trailing `/` ("" for none).
    public let basePath: String

    /// Reads `text`; throws a sentence saying what is wrong with it.
    public init(_ text: String) throws(UpstreamURLError) {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("http://") {
            scheme = "http"
            rest = text.dropFirst(7)
        } else if lower.hasPrefix("https://") {
            scheme = "https"
            rest = text.dropFirst(8)
        } else {
            throw UpstreamURLError("--upstream must start with http:// or https:// (got \(text))")
        }
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<end]
        guard !authority.isEmpty, !authority.contains("@"), !authority.contains(where: \.isWhitespace) else {
            throw UpstreamURLError("--upstream has no usable host: \(text)")
        }
        var path = rest[end...]
        guard !path.contains("?"), !path.contains("#") else {
            throw UpstreamURLError("--upstream must not have a query or fragment: \(text)")
        }
        while path.hasSuffix("/") { path = path.dropLast() }
        self.authority = String(authority)
        basePath = String(path)
    }

    /// `scheme://authority/base`.
    public var description: String { "\(scheme)://\(authority)\(basePath)" }

    /// The URL a request for `target` (its path and query exactly as the client sent them) goes to.
    public func url(for target: String) -> String {
        "\(scheme)://\(authority)\(basePath)\(target.hasPrefix("/") ? target : "/" + target)"
    }
}

/// An `--upstream` that is not an HTTP URL.
public struct UpstreamURLError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

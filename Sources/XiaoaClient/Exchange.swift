public import XiaoaAPI
public import XiaoaJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One signed request, ready to send: the endpoint, the URL, the timestamp it was signed with and the body.
public struct XiaoaRequest: Sendable, Equatable {
    public let endpoint: Endpoint
    /// The base URL and the endpoint's path.
    public let url: String
    /// The `timestamp` of the body (Unix seconds), signed into `sign`.
    public let timestamp: String
    /// The body as sent: canonical JSON (RFC 8785), UTF-8.
    public let body: [UInt8]

    public init(endpoint: Endpoint, url: String, timestamp: String, body: [UInt8]) {
        self.endpoint = endpoint
        self.url = url
        self.timestamp = timestamp
        self.body = body
    }

    /// The headers every request carries, as the vendor's document shows them.
    public static let headers: [(name: String, value: String)] = [
        ("Accept", "application/json"),
        ("Content-Type", "application/json;charset=utf-8"),
    ]
}

/// The vendor's answer to one request: `{"code","message","data"}` with the HTTP status and headers.
public struct XiaoaAnswer: Sendable {
    /// The HTTP status (200: the vendor answers every request with 200, also a rejection).
    public let status: Int
    /// The headers as received, in order.
    public let headers: [(name: String, value: String)]
    /// The body as received.
    public let body: [UInt8]
    /// The vendor's code: 0 for success.
    public let code: Int
    /// The vendor's message, as received.
    public let message: String
    /// `data` of the answer (the login URL is `data.url`), nil when absent or null.
    public let data: JSONValue?
    /// The client's clock when the answer arrived (Unix seconds).
    public let receivedAt: Int64

    /// The answer for `body`, or a transport error when `status` is not 200 or `body` is not the vendor's JSON.
    public init(
        status: Int, headers: [(name: String, value: String)], body: [UInt8], url: String, receivedAt: Int64
    ) throws(XiaoaTransportError) {
        self.status = status
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
        guard status == 200 else {
            throw XiaoaTransportError(.httpStatus(status), url: url, detail: Self.excerpt(body))
        }
        guard let value = try? JSONParser.parse(body, options: .init(maxDepth: 64, maxBytes: 1 << 20)),
            let object = value.object
        else {
            throw XiaoaTransportError(.notVendorJSON, url: url, detail: "not a JSON object: " + Self.excerpt(body))
        }
        guard let code = object["code"]?.int, let message = object["message"]?.string else {
            throw XiaoaTransportError(
                .notVendorJSON, url: url, detail: "no integer \"code\" and string \"message\": " + Self.excerpt(body))
        }
        self.code = code
        self.message = message
        let data = object["data"]
        self.data = data?.isNull == true ? nil : data
    }

    /// The body as text (invalid UTF-8 replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The server's clock from its `Date` header (Unix seconds), when there is one in the IMF-fixdate form.
    public var serverDate: Int64? { header("Date").flatMap(HTTPDate.parse) }

    static func excerpt(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(120), as: UTF8.self)
            .replacing("\r", with: " ").replacing("\n", with: " ")
        return body.isEmpty ? "(empty body)" : "\"\(text)\(body.count > 120 ? "…" : "")\""
    }
}

/// HTTP dates: `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 IMF-fixdate).
enum HTTPDate {
    static func parse(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]) else {
            return nil
        }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let month = months.firstIndex(of: String(parts[2])) else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(clock[0])
        fields.tm_min = Int32(clock[1])
        fields.tm_sec = Int32(clock[2])
        return Int64(timegm(&fields))
    }
}

extension XiaoaTransportError {
    /// The transport error for an error of AsyncHTTPClient or SwiftNIO.
    init(classifying error: any Error, url: String) {
        let text = String(describing: error)
        if let error = error as? XiaoaTransportError {
            self = error
        } else if text.contains("deadlineExceeded") || text.contains("connectTimeout") || text.contains("readTimeout")
            || text.contains("getConnectionFromPoolTimeout")
        {
            self.init(.timedOut, url: url, detail: text)
        } else if text.contains("refused") || text.contains("ECONNREFUSED") {
            self.init(.refused, url: url, detail: "nothing listens there")
        } else if text.contains("responseBodyTooLarge") || text.contains("tooManyBytes") {
            self.init(.notVendorJSON, url: url, detail: "an answer larger than 1 MiB")
        } else {
            self.init(.unreachable, url: url, detail: text)
        }
    }
}

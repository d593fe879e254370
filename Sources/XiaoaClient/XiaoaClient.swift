public import AsyncHTTPClient
public import Foundation
public import XiaoaAPI
import XiaoaJSON

/// A client of the Xiao A API: signs each request with the current time, encrypts the passwords, sends the
/// canonical body with the vendor's headers and decodes the vendor's `{"code","message","data"}`.
///
/// ```swift
/// let client = XiaoaClient(baseURL: "http://127.0.0.1:8088", domainKey: key)
/// try await client.add(userName: "xa", password: "123456", cUsername: "c1")
/// let url = try await client.login(cUsername: "c1", redirect: "yxrw")
/// ```
///
/// A rejection by the vendor throws ``XiaoaAPIError``; a failure to talk to the server throws
/// ``XiaoaTransportError``. Nothing is retried: `add`, `delete` and `update` are not idempotent (a retry after a
/// timeout may find the binding already made, code 20003, or already gone, 20001), so any retry is the caller's
/// choice.
public struct XiaoaClient: Sendable {
    /// Where the API is, for example `http://127.0.0.1:8088` (a trailing slash is ignored).
    public let baseURL: String
    /// The domain key the vendor assigned; sent in every body and used in the sign.
    public let domainKey: String
    /// The HTTP client, clock and timeouts.
    public let configuration: Configuration

    /// A client of the API at `baseURL` with the default configuration (`HTTPClient.shared`, the system clock,
    /// a 10-second deadline per request).
    public init(baseURL: String, domainKey: String) {
        self.init(baseURL: baseURL, domainKey: domainKey, configuration: Configuration())
    }

    /// A client of the API at `baseURL` with the settings of `configuration`.
    public init(baseURL: String, domainKey: String, configuration: Configuration) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.domainKey = domainKey
        self.configuration = configuration
    }

    // MARK: - The four endpoints

    /// Binds the customer-system account `cUsername` to the Xiao A account `userName` (`/assoc/add`).
    ///
    /// - Throws: ``XiaoaAPIError`` when the vendor refuses (20001 unknown user, 20002 wrong password, 20003
    ///   already bound, …); ``XiaoaTransportError`` when the server cannot be reached or answers something else.
    public func add(userName: String, password: String, cUsername: String) async throws {
        try await call(
            .add, ["user_name": userName, "password": password, "c_username": cUsername])
    }

    /// Logs `cUsername` in through its binding (`/assoc/login`) and returns the login URL the vendor hands out.
    ///
    /// `"\(url)"` is the URL's text. `redirect` is `yxrw` (marketing tasks), `thls` (call records) or empty for
    /// the home page.
    public func login(cUsername: String? = nil, redirect: String = "") async throws -> URL {
        var values = ["redirect": redirect]
        if let cUsername { values["c_username"] = cUsername }
        let answer = try await call(.login, values)
        guard let text = answer.data?.object?["url"]?.string, let url = URL(string: text) else {
            throw XiaoaTransportError(
                .notVendorJSON, url: requestURL(.login), detail: "code 0 without a URL in data.url")
        }
        return url
    }

    /// Changes the Xiao A password of `userName` after the customer system changed it (`/assoc/update`).
    public func update(userName: String, cUsername: String, oldPassword: String, newPassword: String) async throws {
        try await call(
            .update,
            ["user_name": userName, "c_username": cUsername, "old_pwd": oldPassword, "new_pwd": newPassword])
    }

    /// Removes the binding of `cUsername` to `userName` (`/assoc/delete`).
    public func delete(userName: String, password: String, cUsername: String) async throws {
        try await call(
            .delete, ["user_name": userName, "password": password, "c_username": cUsername])
    }

    // MARK: - One request

    /// The request for `endpoint` with the method parameters `values` (passwords in plain text), signed with the
    /// configured clock's current time; nothing is sent.
    ///
    /// - Throws: ``XiaoaRequestError`` when a required field is missing, a field is unknown or a value is not
    ///   allowed (`redirect`).
    public func request(_ endpoint: Endpoint, values: [String: [UInt8]]) throws(XiaoaRequestError) -> XiaoaRequest {
        let timestamp = String(configuration.clock())
        let body: [UInt8]
        do {
            let value = try RequestBody.build(
                endpoint: endpoint, timestamp: timestamp, domainKey: domainKey, values: values)
            body = try JCS.canonicalize(value)
        } catch let error as RequestBodyError {
            throw XiaoaRequestError(reason: error.reason)
        } catch {
            throw XiaoaRequestError(reason: "\(error)")
        }
        return XiaoaRequest(endpoint: endpoint, url: requestURL(endpoint), timestamp: timestamp, body: body)
    }

    /// Sends `request` once and returns the vendor's answer, whatever its code.
    ///
    /// - Throws: ``XiaoaTransportError`` when the server cannot be reached, does not answer in time, answers an
    ///   HTTP status other than 200 or something that is not the vendor's JSON.
    public func send(_ request: XiaoaRequest) async throws(XiaoaTransportError) -> XiaoaAnswer {
        var http = HTTPClientRequest(url: request.url)
        http.method = .POST
        for (name, value) in XiaoaRequest.headers { http.headers.add(name: name, value: value) }
        http.body = .bytes(request.body)
        let response: HTTPClientResponse
        let bytes: [UInt8]
        do {
            response = try await configuration.httpClient.execute(
                http, timeout: .nanoseconds(Self.nanoseconds(configuration.timeouts.request)))
            let buffer = try await response.body.collect(upTo: Self.maxAnswerBytes)
            bytes = Array(buffer.readableBytesView)
        } catch {
            throw XiaoaTransportError(classifying: error, url: request.url)
        }
        let headers = response.headers.map { ($0.name, $0.value) }
        return try XiaoaAnswer(
            status: Int(response.status.code), headers: headers, body: bytes, url: request.url,
            receivedAt: configuration.clock())
    }

    /// The ``XiaoaAPIError`` for `answer` to `request` (a code other than 0), with what this client can tell.
    public func rejection(_ answer: XiaoaAnswer, to request: XiaoaRequest) -> XiaoaAPIError {
        var notes: [String] = []
        switch APICode(rawValue: answer.code) {
        case .signatureFailed?:
            if let date = answer.serverDate {
                let skew = answer.receivedAt - date
                if abs(skew) > configuration.usualSkew {
                    notes.append(
                        "the clock this client signs with is \(abs(skew)) s \(skew > 0 ? "ahead of" : "behind") "
                            + "the server's (its Date header), more than the usual \(configuration.usualSkew) s: "
                            + "set the clock (NTP) and send again")
                } else {
                    notes.append(
                        "the server's Date header is within \(abs(skew)) s of this machine's clock (timestamp "
                            + "\(request.timestamp)): the clock is not the cause unless the server's own clock "
                            + "differs from its Date header")
                }
            } else {
                notes.append("the answer has no Date header to compare this machine's clock with")
            }
        case .unknownDomainKey?:
            notes.append(
                "the server does not know the domain key sent, \(Self.masked(domainKey: domainKey)): "
                    + "check the key the vendor assigned to this domain")
        default:
            break
        }
        return XiaoaAPIError(
            code: answer.code, message: answer.message, endpoint: request.endpoint, notes: notes, answer: answer)
    }

    /// `demo` → `de…(4)`: enough to tell keys apart, not enough to sign with.
    public static func masked(domainKey key: String) -> String { DomainKeyRule.masked(key) }

    // MARK: - Internals

    /// The largest answer read; the vendor's answers are a few hundred bytes.
    static let maxAnswerBytes = 1 << 20

    @discardableResult
    private func call(_ endpoint: Endpoint, _ values: [String: String]) async throws
        -> XiaoaAnswer
    {
        let prepared = try self.request(endpoint, values: values.mapValues { Array($0.utf8) })
        let answer = try await send(prepared)
        guard answer.code == 0 else { throw rejection(answer, to: prepared) }
        return answer
    }

    private func requestURL(_ endpoint: Endpoint) -> String { baseURL + endpoint.path }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

public import XiaoaAPI

/// The vendor refused a request: its answer had a code other than 0.
///
/// ``code`` is the vendor's number, ``message`` its text as received (Chinese), ``meaning`` the code's meaning
/// in English when the code is one the vendor's document lists, and ``notes`` what the client itself can tell
/// about the cause (for 10001 its clock against the server's `Date` header, for 10002 the masked domain key it
/// sent).
public struct XiaoaAPIError: Error, Sendable, CustomStringConvertible {
    /// The vendor's code (10000, 10001, 10002, 20001, …).
    public let code: Int
    /// The vendor's message, as received.
    public let message: String
    /// The endpoint that was called.
    public let endpoint: Endpoint
    /// What the client can tell about the cause, one sentence each.
    public let notes: [String]
    /// The whole answer, headers and body as received.
    public let answer: XiaoaAnswer

    public init(code: Int, message: String, endpoint: Endpoint, notes: [String], answer: XiaoaAnswer) {
        self.code = code
        self.message = message
        self.endpoint = endpoint
        self.notes = notes
        self.answer = answer
    }

    /// The code as one of the vendor's table, if it is.
    public var apiCode: APICode? { APICode(rawValue: code) }

    /// What the code means, in English (`unknown code` for one the vendor's document does not list).
    public var meaning: String { apiCode?.meaning ?? "unknown code" }

    /// The endpoint, the code, the vendor's message and the meaning: `/assoc/add: 20003 关联重复 (duplicate
    /// association)`.
    public var summary: String { "\(endpoint.path): \(code) \(message) (\(meaning))" }

    /// The ``summary`` and the ``notes``, separated by `; `.
    public var description: String { ([summary] + notes).joined(separator: "; ") }
}

/// The server could not be talked to, or its answer is not the vendor's: nothing is known about whether the
/// request took effect unless ``kind`` is ``XiaoaTransportError/Kind-swift.enum/refused``.
public struct XiaoaTransportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The connection was refused: nothing listens there (the request was not sent).
        case refused
        /// No answer within the timeout (connect or request deadline).
        case timedOut
        /// The connection failed otherwise (name resolution, reset, closed early).
        case unreachable
        /// An HTTP status other than 200 (the vendor answers every request with 200).
        case httpStatus(Int)
        /// A body that is not the vendor's `{"code","message","data"}` JSON (an HTML page, a proxy's error).
        case notVendorJSON
    }

    public let kind: Kind
    /// The URL of the request.
    public let url: String
    /// More about the failure, for people.
    public let detail: String

    public init(_ kind: Kind, url: String, detail: String) {
        self.kind = kind
        self.url = url
        self.detail = detail
    }

    /// Whether the failure is one of reaching the server (refused, timed out, unreachable) rather than of its
    /// answer.
    public var isUnavailable: Bool {
        switch kind {
        case .refused, .timedOut, .unreachable: true
        case .httpStatus, .notVendorJSON: false
        }
    }

    public var description: String {
        switch kind {
        case .refused: "connection refused by \(url): \(detail)"
        case .timedOut: "no answer from \(url) in time: \(detail)"
        case .unreachable: "cannot reach \(url): \(detail)"
        case .httpStatus(let status): "\(url) answered HTTP \(status), not the vendor's 200: \(detail)"
        case .notVendorJSON: "the answer of \(url) is not the vendor's JSON: \(detail)"
        }
    }
}

/// A request that cannot be built from the values given (a missing or unknown field, a `redirect` not allowed).
public struct XiaoaRequestError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

internal import Hummingbird
internal import XiaoaAPI
internal import XiaoaJSON

/// One answer of the vendor's API: `{"code":…,"message":…,"data":…}` in that order, UTF-8 JSON, HTTP 200.
///
/// The vendor's document says `data` is an array of key/value objects; its examples leave it out or send an
/// object (`/assoc/login`). Answers without data send `[]`.
struct VendorAnswer: Sendable, ResponseGenerator {
    var code: APICode
    var message: String
    var data: JSONValue
    /// Why the request was rejected, or warnings about an accepted one: sent in `X-Xiaoa-Findings` and logged.
    var findings: [Finding] = []

    static let contentType = "application/json; charset=utf-8"
    static let findingsHeader = HTTPFields.Element.Name.xiaoaFindings

    /// The success answer of `endpoint`, with the message of the vendor's example for it.
    static func ok(_ endpoint: Endpoint, data: JSONValue = .array([])) -> VendorAnswer {
        let message =
            switch endpoint {
            case .add: "绑定成功"
            case .login: "请求成功"
            case .delete: "解除成功"
            case .update: "修改成功"
            }
        return VendorAnswer(code: .ok, message: message, data: data)
    }

    /// A rejection with the message of the vendor's code table.
    static func rejected(_ code: APICode, findings: [Finding], data: JSONValue = .array([])) -> VendorAnswer {
        VendorAnswer(code: code, message: code.message, data: data, findings: findings)
    }

    var bodyText: String {
        JSONValue.ordered([("code", .int(code.rawValue)), ("message", .string(message)), ("data", data)]).compactText
    }

    /// The findings as one header value: `id: summary` pairs joined by ` | `, in printable ASCII.
    var findingsHeaderValue: String? { JSONText.findingsHeader(findings) }

    func response(from request: Request, context: some RequestContext) -> Response {
        response
    }

    var response: Response {
        var headers: HTTPFields = [.contentType: Self.contentType]
        if let value = findingsHeaderValue { headers[Self.findingsHeader] = value }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: bodyText)))
    }
}

/// A rejection, thrown by the handlers and turned into the vendor's answer by ``VendorMiddleware`` — the one
/// place where failures become codes.
struct VendorRejection: Error, Sendable {
    var answer: VendorAnswer

    init(_ code: APICode, _ findings: [Finding], explanation: JSONValue? = nil) {
        answer = .rejected(code, findings: findings, data: explanation ?? .array([]))
    }
}

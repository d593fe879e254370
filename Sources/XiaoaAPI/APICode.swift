/// The result codes of the Xiao A API, as the vendor's document lists them.
///
/// Every answer of the vendor's server is `{"code": Int, "message": String, "data": …}`; `message` is the
/// Chinese text below, verbatim from the document.
public enum APICode: Int, Sendable, CaseIterable, Comparable {
    case ok = 0
    case illegalParameters = 10000
    case signatureFailed = 10001
    case unknownDomainKey = 10002
    case unknownUser = 20001
    case wrongPassword = 20002
    case duplicateAssociation = 20003
    case newPasswordMismatch = 20004
    case failure = 30001
    case notPost = 30002
    case serverError = 500

    /// The vendor's message, verbatim (Chinese).
    public var message: String {
        switch self {
        case .ok: "请求处理成功"
        case .illegalParameters: "非法的请求参数"
        case .signatureFailed: "签名验证失败"
        case .unknownDomainKey: "请求验证失败-域名 key 不存在"
        case .unknownUser: "用户名不存在"
        case .wrongPassword: "密码错误"
        case .duplicateAssociation: "关联重复"
        case .newPasswordMismatch: "与用户表新密码不匹配"
        case .failure: "失败"
        case .notPost: "非 post 方式请求"
        case .serverError: "服务端错误，请联系客服"
        }
    }

    /// What the code means, in English.
    public var meaning: String {
        switch self {
        case .ok: "request handled successfully"
        case .illegalParameters: "illegal request parameters"
        case .signatureFailed: "signature verification failed"
        case .unknownDomainKey: "request verification failed: domain key does not exist"
        case .unknownUser: "user name does not exist"
        case .wrongPassword: "wrong password"
        case .duplicateAssociation: "duplicate association"
        case .newPasswordMismatch: "does not match the new password in the user table"
        case .failure: "failure"
        case .notPost: "not a POST request"
        case .serverError: "server error, contact support"
        }
    }

    /// Codes in the order of the vendor's table.
    public static var tableOrder: [APICode] {
        [
            .ok, .illegalParameters, .signatureFailed, .unknownDomainKey, .unknownUser, .wrongPassword,
            .duplicateAssociation, .newPasswordMismatch, .failure, .notPost, .serverError,
        ]
    }

    public static func < (lhs: APICode, rhs: APICode) -> Bool { lhs.rawValue < rhs.rawValue }
}

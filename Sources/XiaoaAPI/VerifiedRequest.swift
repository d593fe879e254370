/// A request the verifier accepted, with its fields typed per endpoint and its passwords decrypted.
///
/// Produced only by ``RequestVerifier/verify(_:endpoint:now:)``: every required field is there, every password
/// field decrypted to UTF-8 text, so a server switches on the endpoint and reads fields without lookups.
///
/// ```swift
/// if case .add(let add)? = verdict.request { store.bind(add.cUsername, to: add.userName, password: add.password) }
/// ```
public enum VerifiedRequest: Sendable, Equatable {
    case add(AddRequest)
    case login(LoginRequest)
    case delete(DeleteRequest)
    case update(UpdateRequest)

    /// The endpoint the request was sent to.
    public var endpoint: Endpoint {
        switch self {
        case .add: .add
        case .login: .login
        case .delete: .delete
        case .update: .update
        }
    }

    /// The public parameters every request carries.
    public var parameters: PublicParameters {
        switch self {
        case .add(let request): request.parameters
        case .login(let request): request.parameters
        case .delete(let request): request.parameters
        case .update(let request): request.parameters
        }
    }

    /// The customer-system user name, when the request has one (`assoc/login` may leave it out).
    public var cUsername: String? {
        switch self {
        case .add(let request): request.cUsername
        case .login(let request): request.cUsername
        case .delete(let request): request.cUsername
        case .update(let request): request.cUsername
        }
    }

    /// The Xiao A user name, when the endpoint has one.
    public var userName: String? {
        switch self {
        case .add(let request): request.userName
        case .login: nil
        case .delete(let request): request.userName
        case .update(let request): request.userName
        }
    }
}

/// `timestamp`, `domain_key` and `sign`, as sent.
public struct PublicParameters: Sendable, Equatable {
    public let timestamp: String
    public let domainKey: String
    public let sign: String

    public init(timestamp: String, domainKey: String, sign: String) {
        self.timestamp = timestamp
        self.domainKey = domainKey
        self.sign = sign
    }
}

/// `assoc/add` and `assoc/delete`: a Xiao A account, its password and a customer-system user name.
public struct BindingRequest: Sendable, Equatable {
    public let parameters: PublicParameters
    /// `user_name`: the Xiao A user name.
    public let userName: String
    /// `password`, decrypted (UTF-8 text; never print it).
    public let password: [UInt8]
    /// `c_username`: the customer-system user name.
    public let cUsername: String

    public init(parameters: PublicParameters, userName: String, password: [UInt8], cUsername: String) {
        self.parameters = parameters
        self.userName = userName
        self.password = password
        self.cUsername = cUsername
    }
}

/// `assoc/add`: bind `cUsername` to the Xiao A account.
public typealias AddRequest = BindingRequest
/// `assoc/delete`: remove the binding of `cUsername`.
public typealias DeleteRequest = BindingRequest

/// `assoc/login`: log in through a binding.
public struct LoginRequest: Sendable, Equatable {
    public let parameters: PublicParameters
    /// `c_username`, nil when absent.
    public let cUsername: String?
    /// `redirect`: `""` (or absent) for the home page, `yxrw` for marketing tasks, `thls` for call records.
    public let redirect: String

    public init(parameters: PublicParameters, cUsername: String?, redirect: String) {
        self.parameters = parameters
        self.cUsername = cUsername
        self.redirect = redirect
    }
}

/// `assoc/update`: the Xiao A password changed; the binding takes the new one.
public struct UpdateRequest: Sendable, Equatable {
    public let parameters: PublicParameters
    public let userName: String
    public let cUsername: String
    /// `old_pwd`, decrypted.
    public let oldPassword: [UInt8]
    /// `new_pwd`, decrypted.
    public let newPassword: [UInt8]

    public init(
        parameters: PublicParameters, userName: String, cUsername: String, oldPassword: [UInt8], newPassword: [UInt8]
    ) {
        self.parameters = parameters
        self.userName = userName
        self.cUsername = cUsername
        self.oldPassword = oldPassword
        self.newPassword = newPassword
    }
}

/// The name of one check of the verifier, in the server's order; its ``rawValue`` is what every face prints.
public enum CheckName: Hashable, Sendable, CaseIterable {
    /// The body is a JSON object.
    case json
    /// Required fields present and strings, allowed values.
    case fields
    /// A known domain key.
    case domainKey
    /// The sign.
    case sign
    /// The timestamp's skew.
    case timestamp
    /// A password field decrypts to UTF-8 text.
    case password(PasswordField)

    public static var allCases: [CheckName] {
        [.json, .fields, .domainKey, .sign, .timestamp] + PasswordField.allCases.map(CheckName.password)
    }

    /// `json`, `fields`, `domain_key`, `sign`, `timestamp`, or the password field's name.
    public var rawValue: String {
        switch self {
        case .json: "json"
        case .fields: "fields"
        case .domainKey: "domain_key"
        case .sign: "sign"
        case .timestamp: "timestamp"
        case .password(let field): field.rawValue
        }
    }

    /// The name in a finding id, `request.<name>`: camel case (`domainKey`, `oldPwd`).
    var findingName: String {
        switch self {
        case .domainKey: "domainKey"
        case .password(.oldPwd): "oldPwd"
        case .password(.newPwd): "newPwd"
        default: rawValue
        }
    }
}

/// The fields that carry an AES-encrypted password.
public enum PasswordField: String, Sendable, CaseIterable {
    case password
    case oldPwd = "old_pwd"
    case newPwd = "new_pwd"
}

extension Endpoint {
    /// The password fields of this endpoint, in request order.
    public var passwordFields: [PasswordField] {
        switch self {
        case .add, .delete: [.password]
        case .login: []
        case .update: [.oldPwd, .newPwd]
        }
    }
}

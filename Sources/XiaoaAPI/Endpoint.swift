/// The four endpoints of the Xiao A API and their fields, as the vendor's document lists them.
public enum Endpoint: String, Sendable, CaseIterable {
    /// Bind a customer-system account to a Xiao A account.
    case add = "assoc/add"
    /// Log in through the binding; answers a URL with a login token.
    case login = "assoc/login"
    /// Remove a binding.
    case delete = "assoc/delete"
    /// Change the Xiao A password after the customer system changed it.
    case update = "assoc/update"

    /// The URL path, with its leading slash.
    public var path: String { "/" + rawValue }

    /// The endpoint for a name with or without a leading slash (`assoc/add`, `/assoc/add`).
    public init?(name: String) {
        self.init(rawValue: name.hasPrefix("/") ? String(name.dropFirst()) : name)
    }

    /// The endpoint a URL path ends in, under any base path (`/v1/assoc/add`, `/assoc/add`); nil for other paths.
    /// How captures and the proxy tell API calls from other traffic. Compared as UTF-8 bytes: the endpoint paths are
    /// ASCII, and every request and HAR entry asks.
    public init?(endOfPath path: some StringProtocol) {
        let bytes = path.utf8
        guard
            let endpoint = Self.allCases.first(where: { endpoint in
                let suffix = endpoint.path.utf8
                return bytes.count >= suffix.count && bytes.suffix(suffix.count).elementsEqual(suffix)
            })
        else { return nil }
        self = endpoint
    }

    /// The method parameters of this endpoint (the public parameters come first in every request).
    public var fields: [Field] {
        switch self {
        case .add, .delete:
            [
                Field("user_name", "Xiao A user name"),
                Field("password", "Xiao A password, AES-encrypted", isPassword: true),
                Field("c_username", "customer-system user name"),
            ]
        case .login:
            // The seed's table marks redirect required while its text calls it optional; we follow the text
            // (project decision): absent or "" means the home page.
            [
                Field("c_username", "customer-system user name", required: false),
                Field(
                    "redirect", "target page: yxrw (marketing tasks), thls (call records), empty for home",
                    required: false,
                    allowedValues: ["", "yxrw", "thls"]),
            ]
        case .update:
            [
                Field("user_name", "Xiao A user name"),
                Field("c_username", "customer-system user name"),
                Field("old_pwd", "old password, AES-encrypted", isPassword: true),
                Field("new_pwd", "new password, AES-encrypted", isPassword: true),
            ]
        }
    }

    /// The code the vendor's server answers when a password field is wrong for this endpoint.
    public var wrongPasswordCode: APICode {
        self == .delete ? .failure : .wrongPassword
    }

    /// The parameters that every request carries.
    public static let publicFields: [Field] = [
        Field("timestamp", "Unix time in seconds"),
        Field("domain_key", "the key of the requesting domain"),
        Field("sign", "substr(md5(md5(timestamp . domain_key)), 8, 10)"),
    ]
}

/// One request parameter: its name, meaning, and whether it is required or a password.
public struct Field: Sendable, Equatable {
    /// The JSON member name.
    public let name: String
    /// What it means, from the vendor's table.
    public let meaning: String
    /// Whether a request without it is illegal (code 10000).
    public let required: Bool
    /// Whether it carries an AES-encrypted password.
    public let isPassword: Bool
    /// The only values accepted, when the vendor lists them.
    public let allowedValues: [String]?

    init(
        _ name: String, _ meaning: String, required: Bool = true, isPassword: Bool = false,
        allowedValues: [String]? = nil
    ) {
        self.name = name
        self.meaning = meaning
        self.required = required
        self.isPassword = isPassword
        self.allowedValues = allowedValues
    }
}

public import XiaoaCipher
public import XiaoaJSON
internal import XiaoaSigning

/// Builds request bodies: the public parameters, the method parameters, passwords encrypted.
public enum RequestBody {
    /// The JSON body of a request to `endpoint`.
    ///
    /// - Parameters:
    ///   - endpoint: the endpoint the body is for; it says which fields are required and which are passwords.
    ///   - timestamp: Unix time in seconds, as sent.
    ///   - domainKey: the domain key, as sent.
    ///   - values: method parameters in plain text, by field name (passwords included, as plaintext).
    ///   - cipher: the password cipher (the vendor's key and IV unless testing something else).
    /// - Throws: ``RequestBodyError`` when a required field is missing or a field is unknown.
    public static func build(
        endpoint: Endpoint, timestamp: String, domainKey: String, values: [String: [UInt8]],
        cipher: PasswordCipher = .vendor
    ) throws(RequestBodyError) -> JSONValue {
        let known = Set(endpoint.fields.map(\.name))
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw RequestBodyError("\(endpoint.rawValue) has no field \(unknown)")
        }
        var members = [
            JSONMember(key: "timestamp", value: .string(timestamp)),
            JSONMember(key: "domain_key", value: .string(domainKey)),
            JSONMember(key: "sign", value: .string(XiaoaSign.sign(timestamp: timestamp, domainKey: domainKey))),
        ]
        for field in endpoint.fields {
            guard let value = values[field.name] else {
                if field.required { throw RequestBodyError("\(endpoint.rawValue) needs \(field.name)") }
                continue
            }
            if field.isPassword {
                members.append(JSONMember(key: field.name, value: .string(Base64Strict.encode(cipher.encrypt(value)))))
            } else {
                guard let text = String(validating: value, as: UTF8.self) else {
                    throw RequestBodyError("\(field.name) is not UTF-8 text")
                }
                if let allowed = field.allowedValues, !allowed.contains(text) {
                    throw RequestBodyError(
                        "\(field.name) must be one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
                }
                members.append(JSONMember(key: field.name, value: .string(text)))
            }
        }
        return .object(JSONObject(members))
    }
}

/// A body that cannot be built from the values given.
public struct RequestBodyError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

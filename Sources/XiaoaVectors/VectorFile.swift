internal import XiaoaJSON
internal import XiaoaPrimitives

/// A parsed vector file of `Vectors/`, in the Wycheproof-like shape that `Vectors/README.md` defines.
///
/// Parsing is strict: an unknown schema, an unknown or missing key, a wrong type or bad hex is an error,
/// so a vector that our reader misunderstood can never pass silently.
public struct VectorFile: Sendable {
    /// The schemas this reader understands.
    public enum Schema: String, Sendable, CaseIterable {
        case sign = "xiaoa_sign_v1"
        case password = "xiaoa_password_v1"
        case md5 = "md5_v1"
        case aesCBC = "aes_cbc_v1"
        case request = "xiaoa_request_v1"
        case signDiagnosis = "xiaoa_sign_diagnosis_v1"
        case passwordDiagnosis = "xiaoa_password_diagnosis_v1"
    }

    /// The file's `algorithm`.
    public let algorithm: String
    /// The file's `schema`.
    public let schema: Schema
    /// Which implementation produced the expected values (`source.expected`).
    public let expectedSource: String
    /// The test cases, in file order.
    public let cases: [VectorCase]

    /// Parses the bytes of a vector file.
    public static func parse(_ bytes: some Collection<UInt8>) throws(VectorError) -> VectorFile {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch { throw VectorError("not valid JSON: \(error)") }
        var top = try Fields(root, at: "file")
        let algorithm = try top.string("algorithm")
        let schemaName = try top.string("schema")
        guard let schema = Schema(rawValue: schemaName) else {
            throw VectorError(
                "unknown schema \"\(schemaName)\" (this reader knows "
                    + "\(Schema.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        var source = try Fields(try top.value("source"), at: "source")
        let expectedSource = try source.string("expected")
        _ = try source.strings("crossChecked")
        _ = try source.string("generator")
        _ = try source.string("reference")
        try source.finish()
        let numberOfTests = try top.int("numberOfTests")
        _ = try top.strings("header")
        let notes = try top.object("notes")
        for member in notes.members {
            var note = try Fields(member.value, at: "notes.\(member.key)")
            _ = try note.string("bugType")
            _ = try note.string("description")
            try note.finish()
        }
        var cases: [VectorCase] = []
        for (groupIndex, groupValue) in try top.array("testGroups").enumerated() {
            var group = try Fields(groupValue, at: "testGroups[\(groupIndex)]")
            let type = try group.string("type")
            let parseCase: (inout Fields) throws(VectorError) -> VectorCase.Input
            switch (schema, type) {
            case (.sign, "SignTest"):
                parseCase = { (test: inout Fields) throws(VectorError) in
                    .sign(
                        SignInput(
                            timestamp: try test.hex("timestamp"), domainKey: try test.hex("domainKey"),
                            md5First: try test.string("md5First"), md5Second: try test.string("md5Second"),
                            sign: try test.string("sign")))
                }
            case (.password, "PasswordCipherTest"):
                let keyText = try group.optionalHex("keyText")
                let key = try group.hex("key")
                let iv = try group.hex("iv")
                parseCase = { (test: inout Fields) throws(VectorError) in
                    .password(
                        PasswordInput(
                            keyText: keyText, key: key, iv: iv, msg: try test.hex("msg"),
                            padded: try test.hex("padded"),
                            ct: try test.hex("ct"), base64: try test.string("base64")))
                }
            case (.md5, "MdTest"):
                parseCase = { (test: inout Fields) throws(VectorError) in
                    .md5(MD5Input(msg: try test.hex("msg"), md: try test.hex("md")))
                }
            case (.aesCBC, "AesCbcTest"):
                let key = try group.hex("key")
                let iv = try group.hex("iv")
                parseCase = { (test: inout Fields) throws(VectorError) in
                    .aesCBC(AESCBCInput(key: key, iv: iv, msg: try test.hex("msg"), ct: try test.hex("ct")))
                }
            case (.request, "RequestTest"):
                parseCase = try RequestInput.caseParser(group: &group)
            case (.signDiagnosis, "SignDiagnosisTest"):
                parseCase = SignDiagnosisInput.caseParser()
            case (.passwordDiagnosis, "PasswordDiagnosisTest"):
                parseCase = try PasswordDiagnosisInput.caseParser(group: &group)
            default:
                throw VectorError(
                    "testGroups[\(groupIndex)]: group type \"\(type)\" does not belong to schema \(schema.rawValue)")
            }
            for (testIndex, testValue) in try group.array("tests").enumerated() {
                var test = try Fields(testValue, at: "testGroups[\(groupIndex)].tests[\(testIndex)]")
                let tcId = try test.int("tcId")
                let comment = try test.string("comment")
                let flags = try test.strings("flags")
                let resultText = try test.string("result")
                guard let result = VectorCase.Result(rawValue: resultText) else {
                    throw VectorError("tcId \(tcId): result \"\(resultText)\" is not valid, invalid or acceptable")
                }
                // Only a sign can be acceptable: the sign function's value under a key the API never assigns.
                if result == .acceptable && !VectorCase.Result.schemasWithAcceptable.contains(schema.rawValue) {
                    throw VectorError("tcId \(tcId): result \"acceptable\" is not a result of \(schema.rawValue)")
                }
                for flag in flags where notes[flag] == nil {
                    throw VectorError("tcId \(tcId): flag \(flag) is not described in notes")
                }
                let input = try parseCase(&test)
                try test.finish()
                cases.append(VectorCase(tcId: tcId, comment: comment, flags: flags, result: result, input: input))
            }
            try group.finish()
        }
        try top.finish()
        guard cases.count == numberOfTests else {
            throw VectorError("numberOfTests is \(numberOfTests) but the file has \(cases.count) tests")
        }
        var seen = Set<Int>()
        for test in cases where !seen.insert(test.tcId).inserted {
            throw VectorError("tcId \(test.tcId) appears twice")
        }
        return VectorFile(algorithm: algorithm, schema: schema, expectedSource: expectedSource, cases: cases)
    }
}

/// One test case of a vector file.
public struct VectorCase: Sendable, CustomStringConvertible {
    /// Whether the case's value is right (`valid`), must be refused (`invalid`), or is right for the function but
    /// may be refused by an API-facing implementation (`acceptable`, Wycheproof's word: the empty domain key).
    public enum Result: String, Sendable {
        case valid, invalid, acceptable

        /// The schemas whose tests may be `acceptable`.
        static let schemasWithAcceptable: Set<String> = ["xiaoa_sign_v1", "xiaoa_sign_diagnosis_v1"]
    }

    /// The schema-specific fields of a case.
    public enum Input: Sendable {
        case sign(SignInput)
        case password(PasswordInput)
        case md5(MD5Input)
        case aesCBC(AESCBCInput)
        case request(RequestInput)
        case signDiagnosis(SignDiagnosisInput)
        case passwordDiagnosis(PasswordDiagnosisInput)
    }

    public let tcId: Int
    public let comment: String
    public let flags: [String]
    public let result: Result
    public let input: Input

    public var description: String { "tcId \(tcId)" + (comment.isEmpty ? "" : " (\(comment))") }
}

/// A sign case: raw timestamp and domain-key bytes, the two md5 texts and the (possibly wrong) sign.
public struct SignInput: Sendable {
    public let timestamp: [UInt8]
    public let domainKey: [UInt8]
    public let md5First: String
    public let md5Second: String
    public let sign: String
}

/// A password-cipher case.
public struct PasswordInput: Sendable {
    /// The key text given to PHP, or nil when raw key bytes were used.
    public let keyText: [UInt8]?
    public let key: [UInt8]
    public let iv: [UInt8]
    public let msg: [UInt8]
    public let padded: [UInt8]
    public let ct: [UInt8]
    public let base64: String
}

/// An MD5 case.
public struct MD5Input: Sendable {
    public let msg: [UInt8]
    public let md: [UInt8]
}

/// An AES-128-CBC case without padding.
public struct AESCBCInput: Sendable {
    public let key: [UInt8]
    public let iv: [UInt8]
    public let msg: [UInt8]
    public let ct: [UInt8]
}

/// A vector file that this reader refuses.
public struct VectorError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

// MARK: - Strict field access

/// An object's fields, consumed one by one; ``finish()`` refuses any key nobody asked for.
struct Fields {
    private let object: JSONObject
    private let path: String
    private var used: Set<String> = []

    init(_ value: JSONValue, at path: String) throws(VectorError) {
        guard let object = value.object else { throw VectorError("\(path) is not an object") }
        self.object = object
        self.path = path
    }

    mutating func value(_ key: String) throws(VectorError) -> JSONValue {
        guard let value = object[key] else { throw VectorError("\(path) has no \"\(key)\"") }
        used.insert(key)
        return value
    }

    mutating func string(_ key: String) throws(VectorError) -> String {
        guard let text = try value(key).string else { throw VectorError("\(path).\(key) is not a string") }
        return text
    }

    mutating func int(_ key: String) throws(VectorError) -> Int {
        guard let number = try value(key).int else { throw VectorError("\(path).\(key) is not an integer") }
        return number
    }

    mutating func array(_ key: String) throws(VectorError) -> [JSONValue] {
        guard let items = try value(key).array else { throw VectorError("\(path).\(key) is not an array") }
        return items
    }

    mutating func object(_ key: String) throws(VectorError) -> JSONObject {
        guard let object = try value(key).object else { throw VectorError("\(path).\(key) is not an object") }
        return object
    }

    mutating func strings(_ key: String) throws(VectorError) -> [String] {
        var result: [String] = []
        for item in try array(key) {
            guard let text = item.string else { throw VectorError("\(path).\(key) holds a non-string") }
            result.append(text)
        }
        return result
    }

    mutating func hex(_ key: String) throws(VectorError) -> [UInt8] {
        let text = try string(key)
        guard !text.utf8.contains(where: { (0x41...0x46).contains($0) }) else {
            throw VectorError("\(path).\(key) must be lowercase hex")
        }
        do { return try Hex.decode(text) } catch { throw VectorError("\(path).\(key): \(error)") }
    }

    mutating func optionalHex(_ key: String) throws(VectorError) -> [UInt8]? {
        if try value(key).isNull { return nil }
        return try hex(key)
    }

    func finish() throws(VectorError) {
        for key in object.keys where !used.contains(key) {
            throw VectorError("\(path) has an unknown key \"\(key)\"")
        }
    }
}

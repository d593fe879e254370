// The JSON data model: values, numbers kept as their literal text, and objects in source order.

// MARK: - JSONNumber

/// A JSON number, kept exactly as it was written in the source text.
///
/// Keeping the literal means nothing is lost on the way in: `1.0`, `1e0` and `1` stay distinct, and an integer
/// wider than 64 bits keeps all its digits. Equality and hashing compare the literal text, not the value.
/// Serializers decide how to print the value (RFC 8785 and PHP differ).
public struct JSONNumber: Sendable, Hashable {
    /// The number exactly as written in the source text, e.g. `-12.50e+3`.
    public let literal: String

    /// Creates a number from literal text the caller has already checked against the RFC 8259 grammar.
    init(uncheckedLiteral literal: String) {
        self.literal = literal
    }

    /// Creates a number from its literal text, or `nil` when the text is not an RFC 8259 number.
    ///
    /// The grammar is `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; no leading `+`, no leading zeros,
    /// no `NaN` or `Infinity`, no surrounding whitespace.
    public init?(_ literal: String) {
        var text = literal
        let valid = text.withUTF8 { JSONNumber.scanLiteral($0, from: 0) == $0.count }
        guard valid else { return nil }
        self.literal = literal
    }

    /// Creates an integer number, written in decimal.
    public init(_ value: Int) {
        self.literal = String(value)
    }

    /// The value as a `Double`, rounded to nearest; `±infinity` for literals too large for a double
    /// (e.g. `1e400`) and `±0` for ones too small.
    public var double: Double {
        // Swift's parser rounds correctly and maps overflow to infinity.
        Double(literal) ?? .nan
    }

    /// The exact value when the literal is written as an integer (no fraction, no exponent) that fits in `Int`.
    ///
    /// `12` gives 12; `12.0`, `1e2` and `99999999999999999999` give `nil`.
    public var int: Int? {
        Int(literal)
    }

    /// Whether the literal is written as an integer: no fraction part and no exponent.
    var isIntegerLiteral: Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// Scans one number literal starting at `start`; returns the offset just past it, or `nil` if the bytes
    /// there do not begin a valid literal. Trailing bytes are not examined.
    static func scanLiteral(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        let end = bytes.count
        @inline(__always) func isDigit(_ i: Int) -> Bool { i < end && bytes[i] &- 0x30 < 10 }
        if i < end && bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return nil }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < end && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        if i < end && (bytes[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        return i
    }
}

extension JSONNumber: CustomStringConvertible {
    /// The literal text.
    public var description: String { literal }
}

// MARK: - JSONMember

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    /// The member name.
    public var key: String
    /// The member value.
    public var value: JSONValue

    /// Creates a member.
    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

// MARK: - JSONObject

/// A JSON object: its members in source order.
///
/// The parser rejects duplicate keys by default; an object built by hand may hold them, and then lookups
/// return the first. Lookups scan the members, which is fine for the objects of an API body; use `members`
/// directly to index a very large object.
public struct JSONObject: Sendable, Equatable {
    /// The members, in source order.
    public var members: [JSONMember]

    /// Creates an object with the given members, kept in this order.
    public init(_ members: [JSONMember]) {
        self.members = members
    }

    /// The value of the first member named `key`, or `nil` if there is none.
    ///
    /// Names are compared code unit for code unit, as JSON defines them (not with Swift's canonical equivalence).
    public subscript(key: String) -> JSONValue? {
        members.first { $0.key.utf8.elementsEqual(key.utf8) }?.value
    }

    /// The member names, in source order.
    public var keys: [String] {
        members.map(\.key)
    }
}

// MARK: - JSONValue

/// A JSON value (RFC 8259).
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept as its literal text.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in source order.
    case object(JSONObject)

    /// Creates a string value.
    public init(_ s: String) {
        self = .string(s)
    }

    /// The value of member `key` when this is an object that has one, otherwise `nil`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The string, when this is a string.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The exact integer, when this is a number written as an integer that fits in `Int`.
    public var int: Int? {
        if case .number(let n) = self { return n.int }
        return nil
    }

    /// The Boolean, when this is `true` or `false`.
    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, when this is an array.
    public var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object, when this is an object.
    public var object: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByStringLiteral {
    /// Creates a string value from a string literal.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// Creates a number from an integer literal; the number's literal is its decimal text.
    public init(integerLiteral value: Int) {
        self = .number(JSONNumber(value))
    }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// Creates `true` or `false`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// Creates an array from an array literal.
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Creates an object from a dictionary literal, keeping the literal's member order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONMember(key: $0.0, value: $0.1) }))
    }
}

extension JSONValue {
    /// The JSON type as words for messages: "null", "a boolean", "a number", "a string", "an array", "an object".
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

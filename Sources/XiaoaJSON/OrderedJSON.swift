// Compact JSON with members in the order given: the form of the stand-in server's answers and logs.

extension JSONValue {
    /// An object with members in this order.
    public static func ordered(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { JSONMember(key: $0.0, value: $0.1) }))
    }

    /// An integer number.
    public static func int(_ value: some BinaryInteger) -> JSONValue {
        .number(JSONNumber(Int(value)))
    }

    /// The value as compact JSON text, members in their order (not sorted, unlike ``JCS``).
    ///
    /// Strings are escaped as RFC 8785 escapes them (`"`, `\` and control characters; everything else as
    /// UTF-8); numbers keep their literal text, so `0.410` stays `0.410`.
    public var compactText: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        JCS.writeCompact(self, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

extension JCS {
    /// Writes `value` without whitespace, members in order, numbers as their literals.
    static func writeCompact(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): out.append(contentsOf: number.literal.utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeCompact(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

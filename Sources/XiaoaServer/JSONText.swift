internal import XiaoaJSON

/// JSON text as the server writes it: XiaoaJSON's compact form (members in order, RFC 8785 string escaping,
/// numbers as their literals), and the header-safe form of a text.
enum JSONText {
    static func serialize(_ value: JSONValue) -> String {
        value.compactText
    }

    static func quoted(_ text: String) -> String {
        JSONValue.string(text).compactText
    }

    /// Printable ASCII only, for an HTTP header value: other characters become `\uXXXX`, as in JSON.
    static func headerSafe(_ text: String) -> String {
        var out = ""
        for unit in text.utf16 {
            if unit >= 0x20 && unit < 0x7f {
                out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            } else {
                out +=
                    "\\u" + String(repeating: "0", count: 4 - String(unit, radix: 16).count) + String(unit, radix: 16)
            }
        }
        return out
    }
}

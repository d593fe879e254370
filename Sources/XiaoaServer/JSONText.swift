package import XiaoaAPI
package import XiaoaJSON

/// JSON text as the server writes it: XiaoaJSON's compact form (members in order, RFC 8785 string escaping,
/// numbers as their literals), and the header-safe form of a text.
package enum JSONText {
    package static func serialize(_ value: JSONValue) -> String {
        value.compactText
    }

    static func quoted(_ text: String) -> String {
        JSONValue.string(text).compactText
    }

    /// `findings` as the `X-Xiaoa-Findings` value, nil for none: the stand-in's header, and the proxy's with
    /// `--annotate`.
    package static func findingsHeader(_ findings: [Finding]) -> String? {
        guard !findings.isEmpty else { return nil }
        return headerSafe(findings.line)
    }

    /// Printable ASCII only, for an HTTP header value: other characters become `\uXXXX`, as in JSON.
    package static func headerSafe(_ text: String) -> String {
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

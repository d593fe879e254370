// What PHP prints for `json_encode(json_decode($text))` with default flags.

// MARK: - PHPJSON

/// Reproduces PHP's `json_encode($value)` (default flags, `serialize_precision = -1`) for a value that PHP
/// obtained with `json_decode($text)` (objects as `stdClass`, not associative arrays).
///
/// Objects are decoded as objects rather than associative arrays because `json_decode($text, true)` turns `{}`
/// into `[]` and `{"0":1}` into `[1]`; with objects the structure survives the round trip. The rules PHP applies:
/// - Member order is kept; `/` is escaped as `\/`; every non-ASCII character becomes `\uxxxx` (lowercase hex,
///   surrogate pairs beyond U+FFFF); controls use `\b \f \n \r \t` or `\u00xx`; DEL and `<>&'` are left as is.
/// - A number written as an integer that fits in 64 bits prints as that integer (`-0` prints `0`). Any other
///   number becomes a PHP float: the shortest round-trip digits, in exponent form (`1.0e+25`, `1.0e-5`) when
///   the decimal exponent is below -4 or above 17, and with no `.0` on whole values (`1.0` prints `1`).
///   Integers beyond 64 bits therefore lose digits, as they do in PHP.
/// - A literal too large for a double (`1e400`) decodes in PHP as `INF`, which `json_encode` refuses; here it
///   prints `0`, which is what PHP writes with `JSON_PARTIAL_OUTPUT_ON_ERROR`.
/// - PHP's `json_decode` refuses objects with a key that starts with U+0000; this encoder prints them anyway.
public enum PHPJSON {
    /// The bytes PHP's `json_encode` prints for `value` with default flags.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    // MARK: Writing

    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n):
            writeNumber(n, into: &out)
        case .string(let s):
            writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (k, element) in elements.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (k, member) in object.members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Writes a string as PHP's `php_json_escape_string` does with default flags.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for unit in s.utf16 {
            switch unit {
            // PHP escapes what RFC 8785 escapes, the same way, and also '/' and everything beyond ASCII.
            case 0x2F: out.append(contentsOf: [0x5C, 0x2F])
            case 0x22, 0x5C, 0x00..<0x20: JCS.appendEscape(UInt8(unit), into: &out)
            case 0x20..<0x80: out.append(UInt8(unit))
            default: JCS.appendUnicodeEscape(unit, into: &out)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Writes a number as PHP's JSON decoder and encoder treat it (`php_json_scanner`, `php_gcvt`).
    static func writeNumber(_ n: JSONNumber, into out: inout [UInt8]) {
        if n.isIntegerLiteral, let i = Int64(n.literal) {
            out.append(contentsOf: String(i).utf8)
            return
        }
        let d = n.double
        guard d.isFinite else {
            out.append(UInt8(ascii: "0"))
            return
        }
        if d.sign == .minus { out.append(UInt8(ascii: "-")) }
        if d == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        let (digits, decpt) = ShortestDigits.of(d)
        // php_gcvt with serialize_precision = -1: mode 0 (shortest digits) and precision 17.
        if decpt < 0 ? decpt < -3 : decpt > 17 {
            out.append(digits[0])
            out.append(UInt8(ascii: "."))
            if digits.count > 1 {
                out.append(contentsOf: digits[1...])
            } else {
                out.append(UInt8(ascii: "0"))
            }
            out.append(UInt8(ascii: "e"))
            let e = decpt - 1
            out.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            out.append(contentsOf: String(abs(e)).utf8)
        } else if decpt <= 0 {
            out.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -decpt))
            out.append(contentsOf: digits)
        } else {
            for k in 0..<decpt {
                out.append(k < digits.count ? digits[k] : UInt8(ascii: "0"))
            }
            if digits.count > decpt {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[decpt...])
            }
        }
    }
}

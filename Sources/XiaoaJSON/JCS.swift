// RFC 8785 JSON Canonicalization Scheme: sorted keys, ECMAScript numbers, minimal string escaping.

// MARK: - JCSError

/// Why a value has no RFC 8785 canonical form.
public struct JCSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: Sendable, Equatable {
        /// A number is NaN or infinite (for example the literal `1e400`, which overflows a double).
        case numberNotFinite
        /// An object has the same key twice (possible only in an object built by hand).
        case duplicateKey
    }

    /// The kind of problem.
    public var kind: Kind
    /// What is wrong, naming the number or key.
    public var reason: String

    /// Creates an error.
    public init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}

// MARK: - JCS

/// The JSON Canonicalization Scheme of RFC 8785.
///
/// Object members are sorted by their keys' UTF-16 code units; numbers are printed as ECMAScript's
/// `Number.prototype.toString` prints them (the shortest digits that round-trip); strings escape only `"`, `\`
/// and control characters; there is no whitespace. The output is UTF-8.
///
/// The writer recurses once per level of nesting; values from `JSONParser` are bounded by its `maxDepth`.
public enum JCS {
    /// The canonical UTF-8 bytes of `value`.
    public static func canonicalize(_ value: JSONValue) throws(JCSError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try write(value, into: &out)
        return out
    }

    /// The canonical form of `value` as a `String`.
    public static func canonicalString(_ value: JSONValue) throws(JCSError) -> String {
        String(decoding: try canonicalize(value), as: UTF8.self)
    }

    /// Prints a double as ECMAScript's `Number.prototype.toString` does (RFC 8785 section 3.2.2.3).
    ///
    /// `-0` prints as `0`; integers below 1e21 print without an exponent; `1e21` prints as `1e+21`; `1e-7` stays
    /// in exponent form while `0.000001` does not. NaN and the infinities are errors.
    public static func serialize(number: Double) throws(JCSError) -> String {
        guard number.isFinite else {
            throw JCSError(kind: .numberNotFinite, reason: "the number \(number) cannot be represented in JSON")
        }
        return String(decoding: ecmaScriptBytes(number), as: UTF8.self)
    }

    // MARK: Writing

    static func write(_ value: JSONValue, into out: inout [UInt8]) throws(JCSError) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n):
            let d = n.double
            guard d.isFinite else {
                throw JCSError(
                    kind: .numberNotFinite,
                    reason: "the number \(n.literal) is too large for an IEEE 754 double and has no canonical form")
            }
            out.append(contentsOf: ecmaScriptBytes(d))
        case .string(let s):
            writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (k, element) in elements.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            let sorted = object.members.sorted { utf16Precedes($0.key, $1.key) }
            out.append(UInt8(ascii: "{"))
            for (k, member) in sorted.enumerated() {
                if k > 0 {
                    guard !member.key.utf8.elementsEqual(sorted[k - 1].key.utf8) else {
                        throw JCSError(kind: .duplicateKey, reason: "duplicate object key \(Parser.quoted(member.key))")
                    }
                    out.append(UInt8(ascii: ","))
                }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Writes a string with RFC 8785 escaping: `"` and `\`, `\b \t \n \f \r`, other controls as `\u00xx`.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            // Copy runs of bytes that need no escape in one go.
            var runStart = 0
            for (k, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<k]))
                runStart = k + 1
                appendEscape(b, into: &out)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the RFC 8785 escape of `b`, which is `"`, `\` or a control character.
    static func appendEscape(_ b: UInt8, into out: inout [UInt8]) {
        switch b {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        default: appendUnicodeEscape(UInt16(b), into: &out)
        }
    }

    /// Whether `a` sorts before `b` when both are compared as UTF-16 code units (RFC 8785 section 3.2.3).
    ///
    /// Works on UTF-8 without building UTF-16: byte order equals code point order, which equals UTF-16 order
    /// except that U+E000–U+FFFF (lead bytes EE, EF) sort after the surrogate pairs of U+10000 and up
    /// (lead bytes F0–F4). Only the first differing byte matters, and it is a lead byte whenever the order flips.
    static func utf16Precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                var k = 0
                while k < n && x[k] == y[k] { k += 1 }
                guard k < n else { return x.count < y.count }
                let (p, q) = (x[k], y[k])
                if p >= 0xEE && p <= 0xEF && q >= 0xF0 { return false }
                if q >= 0xEE && q <= 0xEF && p >= 0xF0 { return true }
                return p < q
            }
        }
    }

    /// Appends `\uxxxx` with lowercase hex digits.
    static func appendUnicodeEscape(_ unit: UInt16, into out: inout [UInt8]) {
        @inline(__always) func hexDigit(_ v: UInt16) -> UInt8 {
            v < 10 ? UInt8(v) + 0x30 : UInt8(v) - 10 + UInt8(ascii: "a")
        }
        out.append(contentsOf: [
            0x5C, UInt8(ascii: "u"),
            hexDigit(unit >> 12), hexDigit(unit >> 8 & 0xF), hexDigit(unit >> 4 & 0xF), hexDigit(unit & 0xF),
        ])
    }

    // MARK: Numbers

    /// ECMAScript `Number::toString` for a finite double (ECMA-262, Number::toString, radix 10).
    static func ecmaScriptBytes(_ d: Double) -> [UInt8] {
        if d == 0 { return [UInt8(ascii: "0")] }
        let (digits, n) = ShortestDigits.of(d)
        let k = digits.count
        var out: [UInt8] = []
        out.reserveCapacity(k + 8)
        if d < 0 { out.append(UInt8(ascii: "-")) }
        if k <= n && n <= 21 {
            // An integer: the digits, then n - k zeros.
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
        } else if 0 < n && n <= 21 {
            // A decimal point inside the digits.
            out.append(contentsOf: digits[0..<n])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[n...])
        } else if -6 < n && n <= 0 {
            // 0.000ddd
            out.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
            out.append(contentsOf: digits)
        } else {
            // d.ddde±x
            out.append(digits[0])
            if k > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[1...])
            }
            out.append(UInt8(ascii: "e"))
            let e = n - 1
            out.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            out.append(contentsOf: String(abs(e)).utf8)
        }
        return out
    }
}

// MARK: - ShortestDigits

/// The shortest decimal digits that round-trip a double, taken from Swift's `Double.description`.
enum ShortestDigits {
    /// For a finite, nonzero `d`: the digits (no leading or trailing zeros) and the exponent `n` with
    /// `|d| = 0.d₁d₂…dₖ × 10ⁿ`, the form ECMAScript and `dtoa` use.
    ///
    /// Swift's description prints the shortest digits that round-trip, choosing the closest to the exact value,
    /// which is what ECMAScript asks for; only its layout (`1e-07`, `100.0`, `1e+16`) differs, so it is re-parsed.
    static func of(_ d: Double) -> (digits: [UInt8], exponent: Int) {
        var digits: [UInt8] = []
        digits.reserveCapacity(17)
        var pointPosition: Int? = nil
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for c in d.magnitude.description.utf8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(c - 0x30)
                } else {
                    digits.append(c)
                }
            case UInt8(ascii: "."):
                pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                inExponent = true
            case UInt8(ascii: "-"):
                exponentSign = -1
            default:
                break
            }
        }
        var n = (pointPosition ?? digits.count) + exponentSign * exponent
        var leading = 0
        while leading < digits.count - 1 && digits[leading] == UInt8(ascii: "0") {
            leading += 1
            n -= 1
        }
        var end = digits.count
        while end > leading + 1 && digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
        return (Array(digits[leading..<end]), n)
    }
}

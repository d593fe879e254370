// The properties the `json` fuzz target checks on every input (Fuzz/Sources/FuzzJSON), and that
// Tests/XiaoaJSONTests/FuzzRegressionTests replays on every saved input. Uses only XiaoaJSON's public API and the
// standard library (no Foundation, no Testing).

import XiaoaJSON

/// Checks the strict parser, RFC 8785 canonicalization and the PHP style against each other on arbitrary bytes.
public enum JSONFuzzInvariants {
    /// `nil` when every property holds for `bytes`, else a description of the first that does not.
    ///
    /// - Rejected input: the error's position is inside the input, and the error does not depend on duplicate-key
    ///   checking unless it is about a duplicate key (which must then really be two keys with the same bytes).
    /// - Accepted input: canonicalization succeeds unless a number overflows a double (then `numberNotFinite`);
    ///   the canonical text is UTF-8 and parses back to the same value with members sorted by UTF-16 code units
    ///   and numbers of equal value in ECMAScript form; canonicalizing it again gives the same bytes; the PHP style
    ///   is ASCII, parses, and keeps the structure, strings and number values.
    public static func check(_ bytes: [UInt8]) -> String? {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return checkRejected(bytes, error)
        }
        return checkAccepted(value)
    }

    // MARK: - Rejected input

    static func checkRejected(_ bytes: [UInt8], _ error: JSONParseError) -> String? {
        guard error.offset >= 0, error.offset <= bytes.count, error.line >= 1, error.column >= 1 else {
            return "error position out of range: \(error) at offset \(error.offset) of \(bytes.count) bytes"
        }
        guard error.line <= bytes.count + 1, error.column <= bytes.count + 1 else {
            return "error line/column beyond the input: \(error)"
        }
        let lenient: Result<JSONValue, JSONParseError> = Result { () throws(JSONParseError) in
            try JSONParser.parse(bytes, options: .init(rejectDuplicateKeys: false))
        }
        guard error.kind == .duplicateKey else {
            // Duplicate-key checking ran no further than the error, so switching it off changes nothing.
            guard case .failure(let other) = lenient, other == error else {
                return "strict parse failed with \(error) but the parse that keeps duplicate keys gave \(lenient)"
            }
            return nil
        }
        switch lenient {
        case .success(let value):
            // The keys called duplicate must be the same key: JSON compares names code unit by code unit.
            guard hasByteIdenticalKeys(value) else {
                return
                    "\(error) although no object has two keys with the same bytes (canonically equivalent keys are "
                    + "different JSON names)"
            }
            do {
                _ = try JCS.canonicalize(value)
                return "JCS.canonicalize accepted an object with duplicate keys"
            } catch {
                return nil
            }
        case .failure(let other):
            guard other.offset > error.offset else {
                return "duplicate key reported at \(error.offset), but the lenient parse fails earlier: \(other)"
            }
            return nil
        }
    }

    // MARK: - Accepted input

    static func checkAccepted(_ value: JSONValue) -> String? {
        if hasByteIdenticalKeys(value) { return "the strict parser accepted duplicate keys" }
        let nonFinite = containsNonFiniteNumber(value)
        let canonical: [UInt8]
        do {
            canonical = try JCS.canonicalize(value)
        } catch {
            guard nonFinite, error.kind == .numberNotFinite else {
                return "JCS.canonicalize failed on a parsed value: \(error)"
            }
            return checkPHP(value)
        }
        if nonFinite { return "JCS.canonicalize printed a number that is not finite as a double" }
        guard String(validating: canonical, as: UTF8.self) != nil else { return "canonical output is not UTF-8" }
        let reparsed: JSONValue
        do {
            reparsed = try JSONParser.parse(canonical)
        } catch {
            return "canonical output does not parse: \(error): \(String(decoding: canonical, as: UTF8.self))"
        }
        if let difference = canonicalDifference(value, reparsed, path: "$") {
            return "parse(canonicalize(x)) is not x in canonical form: \(difference)"
        }
        do {
            guard try JCS.canonicalize(reparsed) == canonical else { return "canonicalize is not idempotent" }
        } catch {
            return "canonicalizing canonical output failed: \(error)"
        }
        return checkPHP(value)
    }

    static func checkPHP(_ value: JSONValue) -> String? {
        let php = PHPJSON.encode(value)
        guard php.allSatisfy({ $0 < 0x80 }) else { return "PHP style output is not ASCII" }
        let reparsed: JSONValue
        do {
            reparsed = try JSONParser.parse(php)
        } catch {
            return "PHP style output does not parse: \(error): \(String(decoding: php, as: UTF8.self))"
        }
        if let difference = phpDifference(value, reparsed, path: "$") {
            return "parse(PHP style of x) differs from x: \(difference)"
        }
        return nil
    }

    // MARK: - Comparisons

    /// Where `canonical` is not `original` with members sorted by UTF-16 code units and numbers of the same value
    /// in ECMAScript form; `nil` when it is.
    static func canonicalDifference(_ original: JSONValue, _ canonical: JSONValue, path: String) -> String? {
        switch (original, canonical) {
        case (.null, .null):
            return nil
        case (.bool(let x), .bool(let y)):
            return x == y ? nil : "\(path): \(x) became \(y)"
        case (.string(let x), .string(let y)):
            return x.utf8.elementsEqual(y.utf8) ? nil : "\(path): string bytes changed"
        case (.number(let x), .number(let y)):
            guard x.double == y.double else { return "\(path): number \(x.literal) became \(y.literal)" }
            guard let form = try? JCS.serialize(number: x.double), y.literal == form else {
                return "\(path): number \(x.literal) printed as \(y.literal), not in ECMAScript form"
            }
            return nil
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return "\(path): array of \(x.count) became \(y.count) elements" }
            for k in x.indices {
                if let difference = canonicalDifference(x[k], y[k], path: "\(path)[\(k)]") { return difference }
            }
            return nil
        case (.object(let x), .object(let y)):
            let sorted = x.members.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
            guard sorted.count == y.members.count else {
                return "\(path): object of \(sorted.count) became \(y.members.count) members"
            }
            for (a, b) in zip(sorted, y.members) {
                guard a.key.utf8.elementsEqual(b.key.utf8) else {
                    return
                        "\(path): members not sorted by UTF-16 code units (\(Array(a.key.unicodeScalars)) where "
                        + "\(Array(b.key.unicodeScalars)) is)"
                }
                if let difference = canonicalDifference(a.value, b.value, path: "\(path).\(a.key)") {
                    return difference
                }
            }
            return nil
        default:
            return "\(path): \(original.kindName) became \(canonical.kindName)"
        }
    }

    /// Where `php` (PHP's `json_encode` of `original`, parsed again) differs from what PHP keeps: structure and
    /// member order, string bytes, 64-bit integers exactly, other numbers as the same double (`0` for overflow).
    static func phpDifference(_ original: JSONValue, _ php: JSONValue, path: String) -> String? {
        switch (original, php) {
        case (.null, .null):
            return nil
        case (.bool(let x), .bool(let y)):
            return x == y ? nil : "\(path): \(x) became \(y)"
        case (.string(let x), .string(let y)):
            return x.utf8.elementsEqual(y.utf8) ? nil : "\(path): string bytes changed"
        case (.number(let x), .number(let y)):
            let isInteger = !x.literal.utf8.contains {
                $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
            }
            if isInteger, let integer = Int64(x.literal) {
                return y.literal == String(integer) ? nil : "\(path): integer \(x.literal) printed as \(y.literal)"
            }
            let d = x.double
            if !d.isFinite {
                return y.literal == "0" ? nil : "\(path): overflowing \(x.literal) printed as \(y.literal), not 0"
            }
            return y.double == d ? nil : "\(path): number \(x.literal) printed as \(y.literal), another double"
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return "\(path): array of \(x.count) became \(y.count) elements" }
            for k in x.indices {
                if let difference = phpDifference(x[k], y[k], path: "\(path)[\(k)]") { return difference }
            }
            return nil
        case (.object(let x), .object(let y)):
            guard x.members.count == y.members.count else {
                return "\(path): object of \(x.members.count) became \(y.members.count) members"
            }
            for (a, b) in zip(x.members, y.members) {
                guard a.key.utf8.elementsEqual(b.key.utf8) else { return "\(path): key bytes or order changed" }
                if let difference = phpDifference(a.value, b.value, path: "\(path).\(a.key)") { return difference }
            }
            return nil
        default:
            return "\(path): \(original.kindName) became \(php.kindName)"
        }
    }

    /// Whether some number's value is not a finite double (its literal overflows).
    static func containsNonFiniteNumber(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool, .string: false
        case .number(let n): !(Double(n.literal) ?? .nan).isFinite
        case .array(let elements): elements.contains(where: containsNonFiniteNumber)
        case .object(let object): object.members.contains { containsNonFiniteNumber($0.value) }
        }
    }

    /// Whether some object has two keys with exactly the same UTF-8 bytes.
    static func hasByteIdenticalKeys(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool, .number, .string:
            return false
        case .array(let elements):
            return elements.contains(where: hasByteIdenticalKeys)
        case .object(let object):
            var seen = Set<[UInt8]>()
            for member in object.members where !seen.insert(Array(member.key.utf8)).inserted { return true }
            return object.members.contains { hasByteIdenticalKeys($0.value) }
        }
    }
}

// Random documents from a seeded PRNG: round trips, idempotence, and agreement with node's JSON.stringify.

import Foundation
import Testing
import XiaoaJSON

// MARK: - Random documents

/// Builds random JSON values and writes them as valid but untidy JSON text (random whitespace, escapes, order).
struct RandomJSON {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// Characters chosen to stress escaping and UTF-16 ordering.
    static let alphabet: [Unicode.Scalar] = [
        "a", "b", "z", "A", "Z", "0", " ", "\"", "\\", "/", "\u{00}", "\u{08}", "\u{09}", "\u{0A}", "\u{0C}", "\u{0D}",
        "\u{1F}", "\u{7F}", "é", "ß", "\u{2028}", "\u{2029}", "€", "\u{E000}", "\u{FF5E}", "\u{FFFD}", "\u{FFFF}",
        "😀", "𝄞", "\u{10000}", "\u{10FFFF}", "日", "<", "&", "'",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func string(maxLength: Int) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<int(0...maxLength) { s.append(Self.alphabet[int(0...Self.alphabet.count - 1)]) }
        return String(s)
    }

    mutating func numberLiteral() -> String {
        switch int(0...5) {
        case 0:
            return String(int(-1000...1000))
        case 1:
            return String(Int64.random(in: .min ... .max, using: &rng))
        case 2:
            // Wider than 64 bits.
            let digits = (0..<int(19...30)).map { _ in String(int(0...9)) }.joined()
            return (chance(0.5) ? "-" : "") + String(int(1...9)) + digits
        case 3:
            // Any finite double, in Swift's layout (e.g. 1e-07, 100.0, 5e-324).
            while true {
                let d = Double(bitPattern: rng.next())
                if d.isFinite { return d.description }
            }
        case 4:
            // Decorated: trailing zeros, exponent with sign and leading zeros.
            let mantissa = String(int(0...99999))
            let fraction = chance(0.5) ? "." + String(int(0...999)) + "0" : ""
            let exponent =
                chance(0.7) ? ["e", "E"][int(0...1)] + ["", "+", "-"][int(0...2)] + "0" + String(int(0...40)) : ""
            return (chance(0.3) ? "-" : "") + mantissa + fraction + exponent
        default:
            return ["0", "-0", "0.0", "-0.0", "1e21", "1e-7", "0.000001", "9007199254740993", "4.35", "1e20"][
                int(0...9)]
        }
    }

    mutating func value(depth: Int = 0) -> JSONValue {
        let kind = depth >= 5 ? int(0...3) : int(0...5)
        switch kind {
        case 0: return chance(0.5) ? .null : .bool(chance(0.5))
        case 1: return .number(JSONNumber(numberLiteral())!)
        case 2, 3: return .string(string(maxLength: 12))
        case 4: return .array((0..<int(0...6)).map { _ in value(depth: depth + 1) })
        default:
            var members: [JSONMember] = []
            var seen = Set<String>()
            for _ in 0..<int(0...7) {
                let key = string(maxLength: 4)
                if seen.insert(key).inserted { members.append(JSONMember(key: key, value: value(depth: depth + 1))) }
            }
            return .object(JSONObject(members))
        }
    }

    mutating func whitespace() -> String {
        guard chance(0.3) else { return "" }
        return (0..<int(1...3)).map { _ in [" ", "\t", "\n", "\r\n"][int(0...3)] }.joined()
    }

    /// Writes a string with a random mix of literal characters and escapes, including surrogate-pair escapes.
    mutating func writeString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let mustEscape = v < 0x20 || scalar == "\"" || scalar == "\\"
            if mustEscape || chance(0.2) {
                switch (scalar, int(0...1)) {
                case ("\"", 0): out += "\\\""
                case ("\\", 0): out += "\\\\"
                case ("/", 0): out += "\\/"
                case ("\n", 0): out += "\\n"
                case ("\t", 0): out += "\\t"
                default:
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16, uppercase: chance(0.5))
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    mutating func write(_ value: JSONValue) -> String {
        let body: String
        switch value {
        case .null: body = "null"
        case .bool(let b): body = b ? "true" : "false"
        case .number(let n): body = n.literal
        case .string(let s): body = writeString(s)
        case .array(let elements):
            var parts: [String] = []
            for element in elements { parts.append(write(element)) }
            body = "[" + whitespace() + parts.joined(separator: ",") + whitespace() + "]"
        case .object(let object):
            var parts: [String] = []
            for m in object.members { parts.append(writeString(m.key) + whitespace() + ":" + write(m.value)) }
            body = "{" + whitespace() + parts.joined(separator: ",") + whitespace() + "}"
        }
        return whitespace() + body + whitespace()
    }
}

/// The value RFC 8785 describes: members sorted by UTF-16 code units, numbers as ECMAScript prints them.
func canonicalForm(_ value: JSONValue) throws -> JSONValue {
    switch value {
    case .null, .bool, .string: return value
    case .number(let n): return .number(JSONNumber(try JCS.serialize(number: n.double))!)
    case .array(let elements): return .array(try elements.map(canonicalForm))
    case .object(let object):
        let sorted = object.members.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
        return .object(JSONObject(try sorted.map { JSONMember(key: $0.key, value: try canonicalForm($0.value)) }))
    }
}

// MARK: - Properties

@Suite("Random documents")
struct PropertyTests {
    @Test(
        "parse(write(x)) == x; canonicalize is idempotent; parse(canonicalize(x)) is x's canonical form",
        arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func properties(seed: UInt64) throws {
        var random = RandomJSON(seed: seed)
        for k in 0..<150 {
            let x = random.value()
            let text = random.write(x)
            let parsed = try JSONParser.parse(text)
            #expect(parsed == x, "seed \(seed) document \(k): \(text)")
            let canonical = try JCS.canonicalize(x)
            let reparsed = try JSONParser.parse(canonical)
            #expect(try JCS.canonicalize(reparsed) == canonical, "seed \(seed) document \(k)")
            #expect(reparsed == (try canonicalForm(x)), "seed \(seed) document \(k)")
            #expect(String(validating: canonical, as: UTF8.self) != nil)
        }
    }

    static let nodeAvailable = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/node") }

    @Test(
        "200 random documents canonicalize exactly as node's JSON.stringify-based JCS does",
        .enabled(if: nodeAvailable, "node is not installed; skipping the cross-check with node"))
    func agreesWithNode() throws {
        var random = RandomJSON(seed: 0x8785)
        var texts: [String] = []
        var ours: [String] = []
        for _ in 0..<200 {
            let x = random.value()
            texts.append(random.write(x))
            ours.append(try JCS.canonicalString(x))
        }
        // The node script reads a JSON array of the document texts.
        let input = try JCS.canonicalize(.array(texts.map { JSONValue.string($0) }))
        let script = VectorFiles.packageRoot.appendingPathComponent("scripts/vectors-json/jcs-node.js").path
        let result = try #require(try runTool("node", arguments: [script], input: Data(input)))
        #expect(result.status == 0, "node failed: \(String(decoding: result.stderr, as: UTF8.self))")
        var lines = String(decoding: result.stdout, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        #expect(lines.count == 200)
        for (k, (line, mine)) in zip(lines, ours).enumerated() {
            #expect(String(line) == mine, "document \(k): \(texts[k])")
        }
    }
}

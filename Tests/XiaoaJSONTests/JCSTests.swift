// RFC 8785: cyberphone's reference files, number serialization tables, and hand-written edge cases.

import Foundation
import Testing
import XiaoaJSON
import XiaoaPrimitives

// MARK: - cyberphone/json-canonicalization

@Suite("JCS cyberphone vectors")
struct CyberphoneTests {
    static let names = VectorFiles.names(in: "jcs/cyberphone/input")

    @Test("all files present")
    func filesPresent() {
        #expect(Self.names == ["arrays.json", "french.json", "structures.json", "unicode.json", "values.json", "weird.json"])
    }

    @Test("output is byte-identical to testdata/output", arguments: names)
    func canonicalizes(_ name: String) throws {
        let input = try VectorFiles.bytes("jcs/cyberphone/input/\(name)")
        let expected = try VectorFiles.bytes("jcs/cyberphone/output/\(name)")
        let canonical = try JCS.canonicalize(JSONParser.parse(input))
        #expect(canonical == expected, "\(name): got \(String(decoding: canonical, as: UTF8.self))")
        // Canonical text is a fixed point.
        #expect(try JCS.canonicalize(JSONParser.parse(expected)) == expected, "\(name)")
    }
}

// MARK: - Numbers

/// `Vectors/jcs/numbers.json`.
struct NumberVectors: Decodable {
    struct Vector: Decodable, CustomTestStringConvertible, Sendable {
        var ieee: String
        var expected: String?
        var source: String
        var comment: String
        var testDescription: String { "\(ieee) → \(expected ?? "error") (\(source))" }
    }
    struct Literal: Decodable, CustomTestStringConvertible, Sendable {
        var literal: String
        var expected: String?
        var testDescription: String { "\(literal) → \(expected ?? "error")" }
    }
    var description: String
    var vectors: [Vector]
    var literals: [Literal]

    static let file: NumberVectors? = {
        guard let data = try? Data(contentsOf: VectorFiles.url("jcs/numbers.json")) else { return nil }
        return try? JSONDecoder().decode(NumberVectors.self, from: data)
    }()
}

func double(fromHex hex: String) -> Double? {
    UInt64(hex, radix: 16).map { Double(bitPattern: $0) }
}

@Suite("JCS numbers")
struct JCSNumberTests {
    @Test("numbers.json loads")
    func loads() throws {
        let file = try #require(NumberVectors.file)
        #expect(file.vectors.filter { $0.source == "RFC 8785 Appendix B" }.count == 26)
        #expect(file.vectors.count > 26)
        #expect(file.literals.count > 20)
    }

    @Test("IEEE 754 values serialize as ECMAScript does", arguments: NumberVectors.file?.vectors ?? [])
    func serializes(_ vector: NumberVectors.Vector) throws {
        let d = try #require(double(fromHex: vector.ieee))
        if let expected = vector.expected {
            #expect(try JCS.serialize(number: d) == expected)
            // The text reads back as the same double (-0 prints as 0).
            #expect(Double(expected) == d)
        } else {
            let error = #expect(throws: JCSError.self) { try JCS.serialize(number: d) }
            #expect(error?.kind == .numberNotFinite)
        }
    }

    @Test("number literals canonicalize as ECMAScript does", arguments: NumberVectors.file?.literals ?? [])
    func literal(_ vector: NumberVectors.Literal) throws {
        let value = try JSONParser.parse(vector.literal)
        #expect(value == .number(try #require(JSONNumber(vector.literal))))
        if let expected = vector.expected {
            #expect(try JCS.canonicalString(value) == expected)
            #expect(try JCS.canonicalString([value]) == "[\(expected)]")
        } else {
            let error = #expect(throws: JCSError.self) { try JCS.canonicalize(["n": value]) }
            #expect(error?.kind == .numberNotFinite)
            #expect(error?.description.contains(vector.literal) == true, "\(String(describing: error))")
        }
    }

    /// The first 1000 lines of cyberphone's es6testfile100m.txt (see Vectors/jcs/README.md).
    @Test("es6numbers-1k.txt, line by line")
    func es6Sample() throws {
        let text = String(decoding: try VectorFiles.bytes("jcs/es6numbers-1k.txt"), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1000)
        for (k, line) in lines.enumerated() {
            let parts = line.split(separator: ",")
            guard parts.count == 2, let d = double(fromHex: String(parts[0])) else {
                Issue.record("line \(k + 1) is malformed: \(line)")
                continue
            }
            let got = try JCS.serialize(number: d)
            #expect(got == String(parts[1]), "line \(k + 1): \(parts[0])")
        }
    }

    /// Regenerates the first 100,000 values of cyberphone's sequence (testdata/numgen.go: static edge cases,
    /// 2000 serial values, then doubles read little-endian from a SHA-256 chain, skipping 0 and non-finite) and
    /// checks the SHA-256 of our output against the checksum published in testdata/README.md.
    @Test("100,000 generated values match the published SHA-256")
    func es6Checksum() throws {
        var lines: [UInt8] = []
        var generator = ES6NumberSequence()
        for _ in 0..<100_000 {
            let d = generator.next()
            let line = String(d.bitPattern, radix: 16) + "," + (try JCS.serialize(number: d)) + "\n"
            lines.append(contentsOf: line.utf8)
        }
        #expect(SHA256.hexDigest(lines) == "22776e6d4b49fa294a0d0f349268e5c28808fe7e0cb2bcbe28f63894e494d4c7")
    }
}

/// cyberphone's deterministic number sequence (json-canonicalization/testdata/numgen.go).
struct ES6NumberSequence {
    static let staticBits: [UInt64] = [
        0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x8000000000000001,
        0xc46696695dbd1cc3, 0xc43211ede4974a35, 0xc3fce97ca0f21056, 0xc3c7213080c1a6ac,
        0xc39280f39a348556, 0xc35d9b1f5d20d557, 0xc327af4c4a80aaac, 0xc2f2f2a36ecd5556,
        0xc2be51057e155558, 0xc28840d131aaaaac, 0xc253670dc1555557, 0xc21f0b4935555557,
        0xc1e8d5d42aaaaaac, 0xc1b3de4355555556, 0xc17fca0555555556, 0xc1496e6aaaaaaaab,
        0xc114585555555555, 0xc0e046aaaaaaaaab, 0xc0aa0aaaaaaaaaaa, 0xc074d55555555555,
        0xc040aaaaaaaaaaab, 0xc00aaaaaaaaaaaab, 0xbfd5555555555555, 0xbfa1111111111111,
        0xbf6b4e81b4e81b4f, 0xbf35d867c3ece2a5, 0xbf0179ec9cbd821e, 0xbecbf647612f3696,
        0xbe965e9f80f29212, 0xbe61e54c672874db, 0xbe2ca213d840baf8, 0xbdf6e80fe033c8c6,
        0xbdc2533fe68fd3d2, 0xbd8d51ffd74c861c, 0xbd5774ccac3d3817, 0xbd22c3d6f030f9ac,
        0xbcee0624b3818f79, 0xbcb804ea293472c7, 0xbc833721ba905bd3, 0xbc4ebe9c5db3c61e,
        0xbc18987d17c304e5, 0xbbe3ad30dfcf371d, 0xbbaf7b816618582f, 0xbb792f9ab81379bf,
        0xbb442615600f9499, 0xbb101e77800c76e1, 0xbad9ca58cce0be35, 0xbaa4a1e0a3e6fe90,
        0xba708180831f320d, 0xba3a68cd9e985016, 0x446696695dbd1cc3, 0x443211ede4974a35,
        0x43fce97ca0f21056, 0x43c7213080c1a6ac, 0x439280f39a348556, 0x435d9b1f5d20d557,
        0x4327af4c4a80aaac, 0x42f2f2a36ecd5556, 0x42be51057e155558, 0x428840d131aaaaac,
        0x4253670dc1555557, 0x421f0b4935555557, 0x41e8d5d42aaaaaac, 0x41b3de4355555556,
        0x417fca0555555556, 0x41496e6aaaaaaaab, 0x4114585555555555, 0x40e046aaaaaaaaab,
        0x40aa0aaaaaaaaaaa, 0x4074d55555555555, 0x4040aaaaaaaaaaab, 0x400aaaaaaaaaaaab,
        0x3fd5555555555555, 0x3fa1111111111111, 0x3f6b4e81b4e81b4f, 0x3f35d867c3ece2a5,
        0x3f0179ec9cbd821e, 0x3ecbf647612f3696, 0x3e965e9f80f29212, 0x3e61e54c672874db,
        0x3e2ca213d840baf8, 0x3df6e80fe033c8c6, 0x3dc2533fe68fd3d2, 0x3d8d51ffd74c861c,
        0x3d5774ccac3d3817, 0x3d22c3d6f030f9ac, 0x3cee0624b3818f79, 0x3cb804ea293472c7,
        0x3c833721ba905bd3, 0x3c4ebe9c5db3c61e, 0x3c18987d17c304e5, 0x3be3ad30dfcf371d,
        0x3baf7b816618582f, 0x3b792f9ab81379bf, 0x3b442615600f9499, 0x3b101e77800c76e1,
        0x3ad9ca58cce0be35, 0x3aa4a1e0a3e6fe90, 0x3a708180831f320d, 0x3a3a68cd9e985016,
        0x4024000000000000, 0x4014000000000000, 0x3fe0000000000000, 0x3fa999999999999a,
        0x3f747ae147ae147b, 0x3f40624dd2f1a9fc, 0x3f0a36e2eb1c432d, 0x3ed4f8b588e368f1,
        0x3ea0c6f7a0b5ed8d, 0x3e6ad7f29abcaf48, 0x3e35798ee2308c3a, 0x3ed539223589fa95,
        0x3ed4ff26cd5a7781, 0x3ed4f95a762283ff, 0x3ed4f8c60703520c, 0x3ed4f8b72f19cd0d,
        0x3ed4f8b5b31c0c8d, 0x3ed4f8b58d1c461a, 0x3ed4f8b5894f7f0e, 0x3ed4f8b588ee37f3,
        0x3ed4f8b588e47da4, 0x3ed4f8b588e3849c, 0x3ed4f8b588e36bb5, 0x3ed4f8b588e36937,
        0x3ed4f8b588e368f8, 0x3ed4f8b588e368f1, 0x3ff0000000000000, 0xbff0000000000000,
        0xbfeffffffffffffa, 0xbfeffffffffffffb, 0x3feffffffffffffa, 0x3feffffffffffffb,
        0x3feffffffffffffc, 0x3feffffffffffffe, 0xbfefffffffffffff, 0xbfefffffffffffff,
        0x3fefffffffffffff, 0x3fefffffffffffff, 0x3fd3333333333332, 0x3fd3333333333333,
        0x3fd3333333333334, 0x0010000000000000, 0x000ffffffffffffd, 0x000fffffffffffff,
        0x7fefffffffffffff, 0xffefffffffffffff, 0x4340000000000000, 0xc340000000000000,
        0x4430000000000000, 0x44b52d02c7e14af5, 0x44b52d02c7e14af6, 0x44b52d02c7e14af7,
        0x444b1ae4d6e2ef4e, 0x444b1ae4d6e2ef4f, 0x444b1ae4d6e2ef50, 0x3eb0c6f7a0b5ed8c,
        0x3eb0c6f7a0b5ed8d, 0x41b3de4355555553, 0x41b3de4355555554, 0x41b3de4355555555,
        0x41b3de4355555556, 0x41b3de4355555557, 0xbecbf647612f3696, 0x43143ff3c1cb0959,
    ]

    var index = 0
    var block = [UInt8](repeating: 0, count: 32)
    var pending: ArraySlice<UInt8> = []

    mutating func next() -> Double {
        defer { index += 1 }
        if index < Self.staticBits.count {
            return Double(bitPattern: Self.staticBits[index])
        }
        if index < Self.staticBits.count + 2000 {
            return Double(bitPattern: 0x0010_0000_0000_0000 + UInt64(index - Self.staticBits.count))
        }
        while true {
            if pending.isEmpty {
                block = SHA256.hash(block)
                pending = block[...]
            }
            var bits: UInt64 = 0
            for (k, b) in pending.prefix(8).enumerated() { bits |= UInt64(b) << (8 * UInt64(k)) }
            pending = pending.dropFirst(8)
            let f = Double(bitPattern: bits)
            if f != 0 && f.isFinite { return f }
        }
    }
}

// MARK: - Hand-written cases

@Suite("JCS rules")
struct JCSRuleTests {
    @Test("keys sort by UTF-16 code units, not by scalars")
    func utf16Order() throws {
        // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FF5E although its scalar value is larger.
        let value: JSONValue = ["\u{FF5E}": 1, "\u{1F600}": 2, "a": 3, "": 4, "aa": 5, "B": 6]
        #expect(try JCS.canonicalString(value) == "{\"\":4,\"B\":6,\"a\":3,\"aa\":5,\"\u{1F600}\":2,\"\u{FF5E}\":1}")
    }

    @Test("UTF-16 order at the BMP / supplementary boundary")
    func utf16Boundary() throws {
        let keys = ["\u{FFFF}", "\u{E000}", "\u{10FFFF}", "\u{10000}", "\u{D7FF}", "\u{E000}a", "\u{10000}\u{FFFF}", "\u{10000}\u{10000}", "z"]
        let value = JSONValue.object(JSONObject(keys.map { JSONMember(key: $0, value: .null) }))
        let expectedOrder = keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
        #expect(expectedOrder == ["z", "\u{D7FF}", "\u{10000}", "\u{10000}\u{10000}", "\u{10000}\u{FFFF}", "\u{10FFFF}", "\u{E000}", "\u{E000}a", "\u{FFFF}"])
        let expected = "{" + expectedOrder.map { "\"\($0)\":null" }.joined(separator: ",") + "}"
        #expect(try JCS.canonicalString(value) == expected)
    }

    @Test("string escaping: only quote, backslash and controls; '/' and non-ASCII literal")
    func escaping() throws {
        let s = "\"\\/\u{08}\u{09}\u{0A}\u{0C}\u{0D}\u{00}\u{1F}\u{7F}é😀\u{2028}"
        #expect(
            try JCS.canonicalString(.string(s))
                == "\"\\\"\\\\/\\b\\t\\n\\f\\r\\u0000\\u001f\u{7F}é😀\u{2028}\"")
    }

    @Test("no whitespace, arrays keep order, nested objects sorted")
    func structure() throws {
        let value = try JSONParser.parse(" { \"b\" : [ 3 , { \"z\" : null , \"y\" : true } ] , \"a\" : { } , \"c\" : [ ] } ")
        #expect(try JCS.canonicalString(value) == "{\"a\":{},\"b\":[3,{\"y\":true,\"z\":null}],\"c\":[]}")
    }

    @Test("a hand-built object with a duplicate key has no canonical form")
    func duplicateKey() {
        let value = JSONValue.object(JSONObject([JSONMember(key: "k", value: 1), JSONMember(key: "k", value: 2)]))
        let error = #expect(throws: JCSError.self) { try JCS.canonicalize(value) }
        #expect(error?.kind == .duplicateKey)
        #expect(error?.description == "duplicate object key \"k\"")
    }

    @Test("NaN and infinities are errors")
    func nonFinite() {
        for d in [Double.nan, .infinity, -.infinity] {
            #expect(throws: JCSError.self) { try JCS.serialize(number: d) }
        }
    }

    @Test("ECMAScript layout switches", arguments: [
        (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e-7, "1e-7"), (1e-6, "0.000001"), (-0.0, "0"),
        (123.456, "123.456"), (-1.5e-10, "-1.5e-10"), (2e-7, "2e-7"), (1.25e22, "1.25e+22"),
    ])
    func layout(_ d: Double, _ expected: String) throws {
        #expect(try JCS.serialize(number: d) == expected)
    }
}

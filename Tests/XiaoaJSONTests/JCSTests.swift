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
        #expect(
            Self.names == [
                "arrays.json", "french.json", "structures.json", "unicode.json", "values.json", "weird.json",
            ])
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
        0x0000_0000_0000_0000, 0x8000_0000_0000_0000, 0x0000_0000_0000_0001, 0x8000_0000_0000_0001,
        0xc466_9669_5dbd_1cc3, 0xc432_11ed_e497_4a35, 0xc3fc_e97c_a0f2_1056, 0xc3c7_2130_80c1_a6ac,
        0xc392_80f3_9a34_8556, 0xc35d_9b1f_5d20_d557, 0xc327_af4c_4a80_aaac, 0xc2f2_f2a3_6ecd_5556,
        0xc2be_5105_7e15_5558, 0xc288_40d1_31aa_aaac, 0xc253_670d_c155_5557, 0xc21f_0b49_3555_5557,
        0xc1e8_d5d4_2aaa_aaac, 0xc1b3_de43_5555_5556, 0xc17f_ca05_5555_5556, 0xc149_6e6a_aaaa_aaab,
        0xc114_5855_5555_5555, 0xc0e0_46aa_aaaa_aaab, 0xc0aa_0aaa_aaaa_aaaa, 0xc074_d555_5555_5555,
        0xc040_aaaa_aaaa_aaab, 0xc00a_aaaa_aaaa_aaab, 0xbfd5_5555_5555_5555, 0xbfa1_1111_1111_1111,
        0xbf6b_4e81_b4e8_1b4f, 0xbf35_d867_c3ec_e2a5, 0xbf01_79ec_9cbd_821e, 0xbecb_f647_612f_3696,
        0xbe96_5e9f_80f2_9212, 0xbe61_e54c_6728_74db, 0xbe2c_a213_d840_baf8, 0xbdf6_e80f_e033_c8c6,
        0xbdc2_533f_e68f_d3d2, 0xbd8d_51ff_d74c_861c, 0xbd57_74cc_ac3d_3817, 0xbd22_c3d6_f030_f9ac,
        0xbcee_0624_b381_8f79, 0xbcb8_04ea_2934_72c7, 0xbc83_3721_ba90_5bd3, 0xbc4e_be9c_5db3_c61e,
        0xbc18_987d_17c3_04e5, 0xbbe3_ad30_dfcf_371d, 0xbbaf_7b81_6618_582f, 0xbb79_2f9a_b813_79bf,
        0xbb44_2615_600f_9499, 0xbb10_1e77_800c_76e1, 0xbad9_ca58_cce0_be35, 0xbaa4_a1e0_a3e6_fe90,
        0xba70_8180_831f_320d, 0xba3a_68cd_9e98_5016, 0x4466_9669_5dbd_1cc3, 0x4432_11ed_e497_4a35,
        0x43fc_e97c_a0f2_1056, 0x43c7_2130_80c1_a6ac, 0x4392_80f3_9a34_8556, 0x435d_9b1f_5d20_d557,
        0x4327_af4c_4a80_aaac, 0x42f2_f2a3_6ecd_5556, 0x42be_5105_7e15_5558, 0x4288_40d1_31aa_aaac,
        0x4253_670d_c155_5557, 0x421f_0b49_3555_5557, 0x41e8_d5d4_2aaa_aaac, 0x41b3_de43_5555_5556,
        0x417f_ca05_5555_5556, 0x4149_6e6a_aaaa_aaab, 0x4114_5855_5555_5555, 0x40e0_46aa_aaaa_aaab,
        0x40aa_0aaa_aaaa_aaaa, 0x4074_d555_5555_5555, 0x4040_aaaa_aaaa_aaab, 0x400a_aaaa_aaaa_aaab,
        0x3fd5_5555_5555_5555, 0x3fa1_1111_1111_1111, 0x3f6b_4e81_b4e8_1b4f, 0x3f35_d867_c3ec_e2a5,
        0x3f01_79ec_9cbd_821e, 0x3ecb_f647_612f_3696, 0x3e96_5e9f_80f2_9212, 0x3e61_e54c_6728_74db,
        0x3e2c_a213_d840_baf8, 0x3df6_e80f_e033_c8c6, 0x3dc2_533f_e68f_d3d2, 0x3d8d_51ff_d74c_861c,
        0x3d57_74cc_ac3d_3817, 0x3d22_c3d6_f030_f9ac, 0x3cee_0624_b381_8f79, 0x3cb8_04ea_2934_72c7,
        0x3c83_3721_ba90_5bd3, 0x3c4e_be9c_5db3_c61e, 0x3c18_987d_17c3_04e5, 0x3be3_ad30_dfcf_371d,
        0x3baf_7b81_6618_582f, 0x3b79_2f9a_b813_79bf, 0x3b44_2615_600f_9499, 0x3b10_1e77_800c_76e1,
        0x3ad9_ca58_cce0_be35, 0x3aa4_a1e0_a3e6_fe90, 0x3a70_8180_831f_320d, 0x3a3a_68cd_9e98_5016,
        0x4024_0000_0000_0000, 0x4014_0000_0000_0000, 0x3fe0_0000_0000_0000, 0x3fa9_9999_9999_999a,
        0x3f74_7ae1_47ae_147b, 0x3f40_624d_d2f1_a9fc, 0x3f0a_36e2_eb1c_432d, 0x3ed4_f8b5_88e3_68f1,
        0x3ea0_c6f7_a0b5_ed8d, 0x3e6a_d7f2_9abc_af48, 0x3e35_798e_e230_8c3a, 0x3ed5_3922_3589_fa95,
        0x3ed4_ff26_cd5a_7781, 0x3ed4_f95a_7622_83ff, 0x3ed4_f8c6_0703_520c, 0x3ed4_f8b7_2f19_cd0d,
        0x3ed4_f8b5_b31c_0c8d, 0x3ed4_f8b5_8d1c_461a, 0x3ed4_f8b5_894f_7f0e, 0x3ed4_f8b5_88ee_37f3,
        0x3ed4_f8b5_88e4_7da4, 0x3ed4_f8b5_88e3_849c, 0x3ed4_f8b5_88e3_6bb5, 0x3ed4_f8b5_88e3_6937,
        0x3ed4_f8b5_88e3_68f8, 0x3ed4_f8b5_88e3_68f1, 0x3ff0_0000_0000_0000, 0xbff0_0000_0000_0000,
        0xbfef_ffff_ffff_fffa, 0xbfef_ffff_ffff_fffb, 0x3fef_ffff_ffff_fffa, 0x3fef_ffff_ffff_fffb,
        0x3fef_ffff_ffff_fffc, 0x3fef_ffff_ffff_fffe, 0xbfef_ffff_ffff_ffff, 0xbfef_ffff_ffff_ffff,
        0x3fef_ffff_ffff_ffff, 0x3fef_ffff_ffff_ffff, 0x3fd3_3333_3333_3332, 0x3fd3_3333_3333_3333,
        0x3fd3_3333_3333_3334, 0x0010_0000_0000_0000, 0x000f_ffff_ffff_fffd, 0x000f_ffff_ffff_ffff,
        0x7fef_ffff_ffff_ffff, 0xffef_ffff_ffff_ffff, 0x4340_0000_0000_0000, 0xc340_0000_0000_0000,
        0x4430_0000_0000_0000, 0x44b5_2d02_c7e1_4af5, 0x44b5_2d02_c7e1_4af6, 0x44b5_2d02_c7e1_4af7,
        0x444b_1ae4_d6e2_ef4e, 0x444b_1ae4_d6e2_ef4f, 0x444b_1ae4_d6e2_ef50, 0x3eb0_c6f7_a0b5_ed8c,
        0x3eb0_c6f7_a0b5_ed8d, 0x41b3_de43_5555_5553, 0x41b3_de43_5555_5554, 0x41b3_de43_5555_5555,
        0x41b3_de43_5555_5556, 0x41b3_de43_5555_5557, 0xbecb_f647_612f_3696, 0x4314_3ff3_c1cb_0959,
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
        let keys = [
            "\u{FFFF}", "\u{E000}", "\u{10FFFF}", "\u{10000}", "\u{D7FF}", "\u{E000}a", "\u{10000}\u{FFFF}",
            "\u{10000}\u{10000}", "z",
        ]
        let value = JSONValue.object(JSONObject(keys.map { JSONMember(key: $0, value: .null) }))
        let expectedOrder = keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
        #expect(
            expectedOrder == [
                "z", "\u{D7FF}", "\u{10000}", "\u{10000}\u{10000}", "\u{10000}\u{FFFF}", "\u{10FFFF}", "\u{E000}",
                "\u{E000}a", "\u{FFFF}",
            ])
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
        let value = try JSONParser.parse(
            " { \"b\" : [ 3 , { \"z\" : null , \"y\" : true } ] , \"a\" : { } , \"c\" : [ ] } ")
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

    @Test(
        "ECMAScript layout switches",
        arguments: [
            (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e-7, "1e-7"), (1e-6, "0.000001"), (-0.0, "0"),
            (123.456, "123.456"), (-1.5e-10, "-1.5e-10"), (2e-7, "2e-7"), (1.25e22, "1.25e+22"),
        ])
    func layout(_ d: Double, _ expected: String) throws {
        #expect(try JCS.serialize(number: d) == expected)
    }
}

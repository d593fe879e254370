// The vector generator library: the PRNG pinned to an independent implementation, the flag vocabulary, and the
// generated files checked case by case against the signing and cipher libraries.

import Foundation
import Testing
import XiaoaCipher
import XiaoaJSON
import XiaoaPrimitives
import XiaoaSigning
import XiaoaVectorGen

/// A whole generated file as text.
func generated(_ kind: String, count: Int, seed: UInt64 = 1_700_000_000) throws -> [UInt8] {
    var json = JSONStreamWriter(into: [UInt8]())
    let command = "xiaoa-crypto vectors generate --kinds \(kind) --count \(count) --seed \(seed)"
    if kind == "sign" {
        let generator = SignVectorGenerator(count: count)
        try generator.write(header: generator.header(producer: "test", command: command), seed: seed, into: &json)
    } else {
        let generator = PasswordVectorGenerator(count: count)
        try generator.write(header: generator.header(producer: "test", command: command), seed: seed, into: &json)
    }
    return json.sink
}

/// The tests of a generated file, all groups together, with the group of each.
func tests(of file: [UInt8]) throws -> [(group: JSONValue, test: JSONValue)] {
    let root = try JSONParser.parse(file)
    var out: [(JSONValue, JSONValue)] = []
    for group in root["testGroups"]?.array ?? [] {
        for test in group["tests"]?.array ?? [] { out.append((group, test)) }
    }
    return out
}

@Suite("Xoshiro256StarStar")
struct PRNGTests {
    // First outputs computed by a separate Python implementation of SplitMix64 seeding and xoshiro256**;
    // seed 0 gives 0x99ec5f36cb75f2b4, the value published with the reference C code's SplitMix64 seeding.
    @Test(
        "the first outputs match an independent implementation",
        arguments: [
            (
                UInt64(0), UInt64(0),
                [0x99ec_5f36_cb75_f2b4, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0, 0x6aa5_94f1_262d_2d2c]
            ),
            (
                1_700_000_000, 1,
                [0xb348_ccbb_eed2_919d, 0xa172_d1a8_23b4_2e5a, 0x39bb_6cbb_1f81_f72d, 0xd58b_57b0_3611_ceec]
            ),
            (
                1_700_000_000, 2,
                [0x5771_404c_a09b_d522, 0x3a38_b0f6_3eb3_255d, 0x47ef_16e9_3bc2_07d5, 0x372b_e18a_a7ed_1bed]
            ),
        ] as [(UInt64, UInt64, [UInt64])])
    func knownOutputs(seed: UInt64, stream: UInt64, expected: [UInt64]) {
        var rng = Xoshiro256StarStar(seed: seed, stream: stream)
        #expect((0..<4).map { _ in rng.next() } == expected)
    }

    @Test("bounded values stay in range and reach both ends")
    func bounded() {
        var rng = Xoshiro256StarStar(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let v = rng.int(in: 3...9)
            #expect((3...9).contains(v))
            seen.insert(v)
        }
        #expect(seen == Set(3...9))
        #expect(rng.bytes(33).count == 33)
    }
}

@Suite("FlagVocabulary")
struct FlagVocabularyTests {
    @Test("the embedded vocabulary is Vectors/schemas/flags.json")
    func embeddedIsTheFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try JSONParser.parse(
            [UInt8](
                Data(
                    contentsOf: root.appendingPathComponent(
                        "Vectors/schemas/flags.json"))))
        let schemas = try #require(file["flags"]?.object)
        #expect(Set(schemas.keys) == Set(FlagVocabulary.all.keys))
        for schema in schemas.members {
            #expect(schema.value.object?.keys == FlagVocabulary.all[schema.key]?.map(\.flag), "\(schema.key)")
        }
    }

    @Test("every flag a generator can set has a note")
    func generatorsFlagsKnown() {
        #expect(FlagVocabulary.notes(schema: "xiaoa_sign_v1", flags: SignVectorGenerator.flags).count == 15)
        #expect(FlagVocabulary.notes(schema: "xiaoa_password_v1", flags: PasswordVectorGenerator.flags).count == 24)
        let emptyKey = FlagVocabulary.notes(schema: "xiaoa_sign_v1", flags: ["EmptyDomainKey"])[0]
        #expect(emptyKey.description.contains("acceptable"))
    }
}

@Suite("SignVectorGenerator")
struct SignGeneratorTests {
    @Test("the same seed gives the same bytes, another seed other bytes")
    func deterministic() throws {
        #expect(try generated("sign", count: 300) == generated("sign", count: 300))
        #expect(try generated("sign", count: 300) != generated("sign", count: 300, seed: 1))
    }

    @Test("an empty file is valid JSON with no groups")
    func empty() throws {
        let root = try JSONParser.parse(try generated("sign", count: 0))
        #expect(root["numberOfTests"]?.int == 0 && root["testGroups"]?.array?.isEmpty == true)
    }

    @Test("every case agrees with XiaoaSign; empty keys are acceptable, wrong candidates invalid")
    func cases() throws {
        let all = try tests(of: generated("sign", count: 3000))
        #expect(all.count == 3000)
        var results: [String: Int] = [:]
        for (_, t) in all {
            let tcId = t["tcId"]?.int ?? 0
            let timestamp = try Hex.decode(t["timestamp"]?.string ?? "")
            let domainKey = try Hex.decode(t["domainKey"]?.string ?? "")
            let steps = XiaoaSign.steps(timestamp: timestamp, domainKey: domainKey)
            let result = t["result"]?.string ?? ""
            let flags = t["flags"]?.array?.compactMap(\.string) ?? []
            results[result, default: 0] += 1
            #expect(t["md5First"]?.string == steps.md5First && t["md5Second"]?.string == steps.md5Second, "\(tcId)")
            switch result {
            case "invalid": #expect(t["sign"]?.string != steps.sign, "tcId \(tcId)")
            case "acceptable":
                #expect(domainKey.isEmpty && flags.contains("EmptyDomainKey"), "tcId \(tcId)")
                #expect(t["sign"]?.string == steps.sign, "tcId \(tcId)")
            default:
                #expect(result == "valid" && !domainKey.isEmpty, "tcId \(tcId)")
                #expect(t["sign"]?.string == steps.sign, "tcId \(tcId)")
            }
            for flag in flags { #expect(SignVectorGenerator.flags.contains(flag), "tcId \(tcId): \(flag)") }
        }
        #expect(results["valid", default: 0] > 2000 && results["invalid", default: 0] > 100)
        #expect(results["acceptable", default: 0] > 50)
    }
}

@Suite("PasswordVectorGenerator")
struct PasswordGeneratorTests {
    @Test("valid cases round-trip through PasswordCipher; invalid ones are refused")
    func cases() throws {
        let all = try tests(of: generated("password", count: 3000))
        #expect(all.count == 3000)
        var corruptions = Set<String>()
        for (group, t) in all {
            let tcId = t["tcId"]?.int ?? 0
            let cipher = try PasswordCipher(
                key: .hex(group["key"]?.string ?? ""), iv: .hex(group["iv"]?.string ?? ""))
            let base64 = t["base64"]?.string ?? ""
            if t["result"]?.string == "valid" {
                let msg = try Hex.decode(t["msg"]?.string ?? "")
                #expect(Base64Strict.encode(cipher.encrypt(msg)) == base64, "tcId \(tcId)")
                #expect(try cipher.decrypt(base64: base64) == msg, "tcId \(tcId)")
            } else {
                #expect(t["result"]?.string == "invalid" && t["msg"]?.string == "", "tcId \(tcId)")
                #expect(throws: PasswordCipherError.self, "tcId \(tcId)") { try cipher.decrypt(base64: base64) }
                corruptions.insert(
                    (t["comment"]?.string ?? "").split(separator: ";")[0]
                        .split(separator: " ").prefix(2).joined(separator: " "))
            }
        }
        // The twelve corruptions show up under their own comments (several share a first word pair).
        #expect(corruptions.count >= 8, "\(corruptions.sorted())")
    }

    @Test("the first group is the vendor's key and IV")
    func vendorGroup() throws {
        let root = try JSONParser.parse(try generated("password", count: 50))
        let first = try #require(root["testGroups"]?.array?.first)
        #expect(first["keyText"]?.string == Hex.encode(Array("xiaoa".utf8)))
        #expect(first["iv"]?.string == Hex.encode(Array("1234567890123456".utf8)))
    }
}

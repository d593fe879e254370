import Testing
import XiaoaPrimitives
import XiaoaVectors

@Suite("MD5 on libcrypto")
struct MD5Tests {
    @Test("RFC 1321 A.5 test suite", arguments: try VectorFile.repositoryCases("md5-rfc1321.json"))
    func rfc1321(_ test: VectorCase) {
        let outcome = VectorRunner.check(test)
        #expect(outcome.passed, "\(test): \(outcome.failure ?? "")")
    }

    @Test func hexDigestIsLowercaseAndPHPShaped() {
        #expect(MD5.hexDigest(Array("".utf8)) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hexDigest(Array("1700000000abc".utf8)) == "cd914fd8d6df064f1d57d60df13e34f3")
    }

    @Test func allocationFreeFormMatches() {
        let input = Array("The quick brown fox".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        input.withUnsafeBytes { bytes in
            out.withUnsafeMutableBufferPointer { MD5.hexDigest(bytes, into: $0) }
        }
        #expect(String(decoding: out, as: UTF8.self) == MD5.hexDigest(input))
    }
}

@Suite("SHA-256 on libcrypto")
struct SHA256Tests {
    /// FIPS 180-4 examples (NIST CSRC "Examples with Intermediate Values": SHA256.pdf, SHA256_2.pdf) and the empty
    /// message (as `openssl dgst -sha256 /dev/null` prints it).
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func fips180Examples(_ message: String, _ digest: String) {
        #expect(SHA256.hexDigest(Array(message.utf8)) == digest)
    }
}

@Suite("AES-128-CBC on libcrypto")
struct AESCBCTests {
    @Test("NIST SP 800-38A F.2.1/F.2.2", arguments: try VectorFile.repositoryCases("aes128-cbc-nist-sp800-38a.json"))
    func nist(_ test: VectorCase) {
        let outcome = VectorRunner.check(test)
        #expect(outcome.passed, "\(test): \(outcome.failure ?? "")")
    }

    @Test func rejectsPartialBlocksAndBadSizes() throws {
        let aes = try AES128CBC()
        let key = [UInt8](repeating: 1, count: 16)
        #expect(throws: PrimitiveError.self) { try aes.encrypt([1, 2, 3], key: key, iv: key) }
        #expect(throws: PrimitiveError.self) { try aes.encrypt([UInt8](repeating: 0, count: 16), key: [1], iv: key) }
        #expect(throws: PrimitiveError.self) { try aes.decrypt([UInt8](repeating: 0, count: 16), key: key, iv: [1]) }
    }

    @Test func reusedContextGivesSameResults() throws {
        let aes = try AES128CBC()
        let key = [UInt8](repeating: 7, count: 16)
        let block = [UInt8](repeating: 9, count: 32)
        let first = try aes.encrypt(block, key: key, iv: key)
        #expect(try aes.encrypt(block, key: key, iv: key) == first)
        #expect(try aes.decrypt(first, key: key, iv: key) == block)
    }
}

@Suite("Hex and constant-time comparison")
struct HexTests {
    @Test func roundTrip() throws {
        #expect(Hex.encode([0x00, 0xab, 0xff]) == "00abff")
        #expect(try Hex.decode("00ABff") == [0x00, 0xab, 0xff])
    }

    @Test(arguments: ["0", "zz", "0g", "abc"])
    func rejectsBadHex(_ text: String) {
        #expect(throws: HexError.self) { try Hex.decode(text) }
    }

    @Test func constantTimeEquals() {
        #expect(ConstantTime.equals(Array("8119bf02e2".utf8), Array("8119bf02e2".utf8)))
        #expect(!ConstantTime.equals(Array("8119bf02e2".utf8), Array("8119bf02e3".utf8)))
        #expect(!ConstantTime.equals(Array("8119bf02e2".utf8), Array("8119bf02e".utf8)))
        #expect(!ConstantTime.equals([UInt8](), [0]))
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
    }
}

@Suite("The vector reader catches wrong expectations")
struct VectorRunnerSelfTests {
    @Test func mutatedExpectationFails() throws {
        let text = """
            {"algorithm":"MD5","schema":"md5_v1","source":{"expected":"x","crossChecked":[],"generator":"","reference":""},
             "numberOfTests":1,"header":[],"notes":{},
             "testGroups":[{"type":"MdTest","tests":[{"tcId":1,"comment":"","flags":[],"msg":"",
             "md":"d41d8cd98f00b204e9800998ecf8427f","result":"valid"}]}]}
            """
        let file = try VectorFile.parse(Array(text.utf8))
        #expect(VectorRunner.run(file).first?.passed == false)
    }

    @Test(arguments: [
        #"{"algorithm":"MD5","schema":"md5_v2"}"#,
        #"{"algorithm":"MD5","schema":"md5_v1","source":{"expected":"x","crossChecked":[],"generator":"","reference":""},"numberOfTests":0,"header":[],"notes":{},"testGroups":[],"extra":1}"#,
        #"{"algorithm":"MD5","schema":"md5_v1","source":{"expected":"x","crossChecked":[],"generator":"","reference":""},"numberOfTests":1,"header":[],"notes":{},"testGroups":[]}"#,
        #"{"algorithm":"MD5","schema":"md5_v1","source":{"expected":"x","crossChecked":[],"generator":"","reference":""},"numberOfTests":1,"header":[],"notes":{},"testGroups":[{"type":"MdTest","tests":[{"tcId":1,"comment":"","flags":["Unknown"],"msg":"","md":"00","result":"valid"}]}]}"#,
        #"{"algorithm":"MD5","schema":"md5_v1","source":{"expected":"x","crossChecked":[],"generator":"","reference":""},"numberOfTests":1,"header":[],"notes":{},"testGroups":[{"type":"MdTest","tests":[{"tcId":1,"comment":"","flags":[],"msg":"","md":"AB","result":"valid"}]}]}"#,
    ])
    func strictReaderRefuses(_ text: String) {
        #expect(throws: VectorError.self) { try VectorFile.parse(Array(text.utf8)) }
    }
}

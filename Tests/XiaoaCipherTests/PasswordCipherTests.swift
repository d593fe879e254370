import Testing
import XiaoaCipher
import XiaoaVectors

@Suite("The password cipher")
struct PasswordCipherTests {
    @Test(
        "Vectors/password.json (expected values from PHP openssl_encrypt)",
        arguments: try VectorFile.repositoryCases("password.json"))
    func vector(_ test: VectorCase) {
        let outcome = VectorRunner.check(test)
        #expect(outcome.passed, "\(test): \(outcome.failure ?? "")")
    }

    @Test func knownAnswer() throws {
        let cipher = PasswordCipher.vendor
        #expect(cipher.encrypt(base64: "123456") == "HHAEEXzBXY4FmXo0mOQ8Hw==")
        #expect(try cipher.decrypt(base64: "HHAEEXzBXY4FmXo0mOQ8Hw==") == Array("123456".utf8))
    }

    @Test func vendorKeyIsZeroPadded() {
        #expect(PasswordCipher.vendor.key == [0x78, 0x69, 0x61, 0x6f, 0x61] + [UInt8](repeating: 0, count: 11))
        #expect(PasswordCipher.vendor.iv == Array("1234567890123456".utf8))
    }

    @Test func textKeysFollowPHP() throws {
        #expect(try KeyMaterial.text("0123456789abcdefXYZ").bytes() == Array("0123456789abcdef".utf8))
        #expect(try KeyMaterial.text("").bytes() == [UInt8](repeating: 0, count: 16))
    }

    @Test(arguments: ["00", "7869616f61", "7869616f6100000000000000000000000000", "zz69616f610000000000000000000000"])
    func hexKeysMustBe16Bytes(_ hex: String) {
        #expect(throws: PasswordCipherError.self) { try PasswordCipher(key: .hex(hex)) }
    }

    @Test func roundTripsEveryLengthAroundBlockEdges() throws {
        let cipher = PasswordCipher.vendor
        for length in 0...48 {
            let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let ciphertext = cipher.encrypt(plaintext)
            #expect(ciphertext.count == (length / 16 + 1) * 16)
            #expect(try cipher.decrypt(ciphertext) == plaintext)
        }
    }

    @Test func decryptionFailuresAreOneError() throws {
        let cipher = PasswordCipher.vendor
        var ciphertext = cipher.encrypt(Array("123456".utf8))
        ciphertext[15] ^= 0x01
        #expect(throws: PasswordCipherError(.decryptionFailed)) { try cipher.decrypt(ciphertext) }
    }

    @Test func rejectsWrongLengths() {
        let cipher = PasswordCipher.vendor
        for count in [0, 1, 15, 17, 31] {
            #expect(throws: PasswordCipherError.self) { try cipher.decrypt([UInt8](repeating: 0, count: count)) }
        }
    }
}

@Suite("PKCS#7 removal in constant time")
struct PKCS7Tests {
    @Test func decryptRejectsPaddingLengthGreaterThanBlockSize() {
        #expect(PKCS7.removingPaddingConstantTime([UInt8](repeating: 17, count: 16)) == nil)
    }

    @Test func decryptRejectsZeroPadding() {
        #expect(PKCS7.removingPaddingConstantTime([UInt8](repeating: 0, count: 16)) == nil)
    }

    @Test func decryptRejectsInconsistentPaddingBytes() {
        var block = [UInt8](repeating: 4, count: 16)
        block[13] = 3
        #expect(PKCS7.removingPaddingConstantTime(block) == nil)
    }

    @Test func acceptsEveryValidPadLength() {
        for pad in 1...16 {
            let block = [UInt8](repeating: 0x41, count: 16 - pad) + [UInt8](repeating: UInt8(pad), count: pad)
            #expect(PKCS7.removingPaddingConstantTime(block) == [UInt8](repeating: 0x41, count: 16 - pad))
            #expect(PKCS7.padded([UInt8](repeating: 0x41, count: 16 - pad)) == block)
        }
    }
}

@Suite("Strict base64")
struct Base64StrictTests {
    @Test(arguments: [
        "HHAEEXzBXY4FmXo0mOQ8Hw", "HHAEEXzBXY4FmXo0mOQ8Hw=", "HHAEEXzBXY4FmXo0mOQ8Hx==", "HHAEEXzBXY4FmXo0mOQ8Hw== ",
        "HHAEEXzBXY4FmXo0 mOQ8Hw==", "HHAEEXzBXY4FmXo0mOQ8Hw==\n", "HHAEEXzBXY4F-Xo0mOQ8Hw==",
        "=HAEEXzBXY4FmXo0mOQ8Hw==",
        "HHAE=XzBXY4FmXo0mOQ8Hw==", "HHAEEXzBXY4FmXo0mOQ8H===",
    ])
    func rejects(_ text: String) {
        #expect(throws: PasswordCipherError.self) { try Base64Strict.decode(text) }
    }

    @Test func acceptsCanonical() throws {
        #expect(try Base64Strict.decode("") == [])
        #expect(try Base64Strict.decode("QQ==") == [0x41])
        #expect(try Base64Strict.decode("QUI=") == [0x41, 0x42])
        #expect(try Base64Strict.decode("+/+/") == [0xfb, 0xff, 0xbf])
    }
}

// Properties of the password cipher over seeded random inputs: any UTF-8 text and any key and IV round-trip, and
// decrypting random bytes never crashes and fails or gives a plaintext that re-encrypts to the same ciphertext.

import Testing
import XiaoaCipher
import XiaoaTestSupport

// MARK: - Random inputs

/// The generators of this file, on the shared seeded generator.
private typealias SeededRandom = SplitMix64

extension SplitMix64 {
    /// Any Unicode scalar, weighted towards the ones that break byte and block arithmetic: ASCII controls and line
    /// ends, two- and three-byte characters, astral characters (four bytes, surrogate pairs in UTF-16), BOM, NUL.
    mutating func scalar() -> Unicode.Scalar {
        let value: UInt32
        switch int(0...9) {
        case 0: value = UInt32(int(0...0x1f))
        case 1, 2: value = UInt32(int(0x20...0x7e))
        case 3: value = UInt32(int(0x80...0x7ff))
        case 4: value = UInt32(int(0x800...0xd7ff))
        case 5: value = UInt32(int(0xe000...0xfffd))
        case 6, 7: value = UInt32(int(0x10000...0x10ffff))
        case 8: value = [0x0, 0xa, 0xd, 0xfeff, 0x301, 0x2028, 0x1f600, 0x10ffff][int(0...7)]
        default: value = UInt32(int(0x4e00...0x9fff))
        }
        return Unicode.Scalar(value)!
    }

    /// A string of 0...maxScalars scalars.
    mutating func string(maxScalars: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<int(0...maxScalars) { scalars.append(scalar()) }
        return String(scalars)
    }
}

private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

// MARK: - Properties

@Suite("Password cipher properties (seeded random inputs)")
struct CipherPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
    static let casesPerSeed = 250

    @Test("decrypt(encrypt(s)) == s for any UTF-8 string and any key and IV", arguments: seeds)
    func roundTripsAnyTextAnyKeyAndIV(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for k in 0..<Self.casesPerSeed {
            let text = random.string(maxScalars: 200)
            let key = random.bytes(16)
            let iv = random.bytes(16)
            let cipher = try PasswordCipher(key: .bytes(key), iv: .bytes(iv))
            let base64 = cipher.encrypt(base64: text)
            let ciphertext = try Base64Strict.decode(base64)
            let count = text.utf8.count
            #expect(ciphertext.count == (count / 16 + 1) * 16, "seed \(seed) case \(k)")
            let plaintext = try cipher.decrypt(base64: base64)
            #expect(plaintext == Array(text.utf8), "seed \(seed) case \(k): \(text.unicodeScalars.map(\.value))")
            #expect(String(validating: plaintext, as: UTF8.self) == text, "seed \(seed) case \(k)")
            // The same key and IV given as hex are the same cipher.
            let hexCipher = try PasswordCipher(key: .hex(hex(key)), iv: .hex(hex(iv).uppercased()))
            #expect(hexCipher.encrypt(base64: text) == base64, "seed \(seed) case \(k)")
        }
    }

    @Test("A text key or IV is its UTF-8 bytes zero-padded or cut to 16, as in PHP", arguments: seeds)
    func textKeysFollowPHP(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for k in 0..<Self.casesPerSeed {
            let keyText = random.string(maxScalars: 12)
            let ivText = random.string(maxScalars: 12)
            let text = random.string(maxScalars: 40)
            let utf8 = Array(keyText.utf8)
            let padded = Array(utf8.prefix(16)) + [UInt8](repeating: 0, count: max(0, 16 - utf8.count))
            #expect(try KeyMaterial.text(keyText).bytes() == padded, "seed \(seed) case \(k)")
            let byText = try PasswordCipher(key: .text(keyText), iv: .text(ivText))
            let ivUTF8 = Array(ivText.utf8)
            let byBytes = try PasswordCipher(
                key: .bytes(padded),
                iv: .bytes(Array(ivUTF8.prefix(16)) + [UInt8](repeating: 0, count: max(0, 16 - ivUTF8.count))))
            #expect(byText.encrypt(base64: text) == byBytes.encrypt(base64: text), "seed \(seed) case \(k)")
            #expect(
                try byBytes.decrypt(base64: byText.encrypt(base64: text)) == Array(text.utf8), "seed \(seed) case \(k)")
        }
    }

    @Test(
        "Decrypting random bytes fails with one error or gives a plaintext that re-encrypts to them", arguments: seeds)
    func decryptOfRandomBytes(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var accepted = 0
        for k in 0..<Self.casesPerSeed {
            // Mostly whole blocks, so that decryption reaches the padding check.
            let count = random.int(0...3) == 0 ? random.int(0...200) : 16 * random.int(1...12)
            let ciphertext = random.bytes(count)
            let cipher =
                random.int(0...1) == 0
                ? PasswordCipher.vendor
                : try PasswordCipher(key: .bytes(random.bytes(16)), iv: .bytes(random.bytes(16)))
            do {
                let plaintext = try cipher.decrypt(ciphertext)
                accepted += 1
                #expect(cipher.encrypt(plaintext) == ciphertext, "seed \(seed) case \(k)")
                #expect(
                    try cipher.decrypt(base64: Base64Strict.encode(ciphertext)) == plaintext, "seed \(seed) case \(k)")
            } catch {
                if count == 0 || count % 16 != 0 {
                    #expect(error.code == .invalidLength, "seed \(seed) case \(k): \(error)")
                } else {
                    // One error and no detail for every padding failure: no padding oracle.
                    #expect(error == PasswordCipherError(.decryptionFailed), "seed \(seed) case \(k): \(error)")
                }
                #expect(throws: PasswordCipherError.self) {
                    try cipher.decrypt(base64: Base64Strict.encode(ciphertext))
                }
            }
        }
        // A random last block has valid padding about once in 256 tries (0x01), a little more with longer pads.
        #expect(accepted < Self.casesPerSeed / 10, "seed \(seed): \(accepted) random ciphertexts decrypted")
    }

    @Test(
        "A ciphertext damaged before its last two blocks decrypts to other bytes that re-encrypt to it",
        arguments: seeds)
    func damagedCiphertexts(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for k in 0..<Self.casesPerSeed {
            let cipher = try PasswordCipher(key: .bytes(random.bytes(16)), iv: .bytes(random.bytes(16)))
            let plaintext = random.bytes(random.int(32...200))
            var ciphertext = cipher.encrypt(plaintext)
            // CBC: a changed block garbles its own plaintext and flips bits in the next one; the padding in the
            // last block survives when neither is the last.
            let position = random.int(0...(ciphertext.count - 33))
            ciphertext[position] ^= UInt8(random.int(1...255))
            let garbled = try cipher.decrypt(ciphertext)
            #expect(garbled.count == plaintext.count && garbled != plaintext, "seed \(seed) case \(k)")
            #expect(cipher.encrypt(garbled) == ciphertext, "seed \(seed) case \(k)")
        }
    }

    @Test("Random text as base64: strict decoding never crashes, and what it accepts is canonical", arguments: seeds)
    func randomBase64Text(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= -_\n".unicodeScalars)
        for k in 0..<Self.casesPerSeed {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<4 * random.int(0...12) {
                scalars.append(random.int(0...20) == 0 ? random.scalar() : alphabet[random.int(0...alphabet.count - 1)])
            }
            let text = String(scalars)
            do {
                let bytes = try Base64Strict.decode(text)
                #expect(Base64Strict.encode(bytes) == text, "seed \(seed) case \(k): \(text)")
                _ = try? PasswordCipher.vendor.decrypt(bytes)
            } catch {
                #expect(error.code == .invalidBase64, "seed \(seed) case \(k): \(error)")
            }
        }
    }
}

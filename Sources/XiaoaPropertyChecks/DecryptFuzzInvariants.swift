// The properties the `decrypt` fuzz target checks on every input (Fuzz/Sources/FuzzDecrypt), and that
// Tests/XiaoaCipherTests/FuzzRegressionTests replays on every saved input. Uses only XiaoaCipher's public API and
// the standard library (no Foundation, no Testing).

import XiaoaCipher

/// Checks strict base64, decryption (both the `String` and the buffer form) and the round trip on arbitrary bytes.
public enum DecryptFuzzInvariants {
    /// `nil` when every property holds for `bytes`, else a description of the first that does not.
    ///
    /// The input is used as base64 text (seeds are the ciphertexts of Vectors/password.json), as a plaintext, as raw
    /// ciphertext blocks and as key material: the vendor's key and IV, a raw key and IV cut from the input, and the
    /// input as a PHP text key.
    public static func check(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let textBytes = Array(text.utf8)

        // 1. Strict base64 agrees with an independent decoder, and its one accepted spelling is the encoder's.
        let expected = referenceStrictBase64(textBytes)
        let decoded: [UInt8]?
        do {
            decoded = try Base64Strict.decode(text)
        } catch {
            guard error.code == .invalidBase64 else { return "Base64Strict.decode failed with \(error)" }
            decoded = nil
        }
        guard decoded == expected else {
            return
                "Base64Strict.decode(\(debug(text))) gave \(describe(decoded)), the reference decoder "
                + "\(describe(expected))"
        }
        if let decoded, Base64Strict.encode(decoded) != text {
            return
                "strict base64 accepted \(debug(text)), which is not the canonical spelling "
                + "\(Base64Strict.encode(decoded))"
        }

        // 2. Key material follows PHP: a text key is its UTF-8 bytes zero-padded or cut to 16.
        let phpKey = Array(textBytes.prefix(16)) + [UInt8](repeating: 0, count: max(0, 16 - textBytes.count))
        guard (try? KeyMaterial.text(text).bytes()) == phpKey else { return "KeyMaterial.text is not PHP's padded key" }

        let ciphers: [PasswordCipher]
        do {
            let raw = bytes + [UInt8](repeating: 0, count: 32)
            ciphers = [
                PasswordCipher.vendor,
                try PasswordCipher(key: .bytes(Array(raw[0..<16])), iv: .bytes(Array(raw[16..<32]))),
                try PasswordCipher(key: .text(text), iv: .text(String(text.reversed()))),
            ]
        } catch {
            return "PasswordCipher refused valid key material: \(error)"
        }
        for (index, cipher) in ciphers.enumerated() {
            if let failure = checkDecrypt(text, decoded: decoded, cipher: cipher) {
                return "cipher \(index): \(failure)"
            }
            if let failure = checkRoundTrip(bytes, cipher: cipher) { return "cipher \(index): \(failure)" }
        }

        // 3. Raw blocks: decryption either fails with the one padding error or re-encrypts to the same blocks.
        let blocks = Array(bytes.prefix(bytes.count / 16 * 16))
        if !blocks.isEmpty {
            do {
                let plaintext = try PasswordCipher.vendor.decrypt(blocks)
                guard PasswordCipher.vendor.encrypt(plaintext) == blocks else {
                    return "raw decryption does not re-encrypt to its input"
                }
            } catch {
                guard error == PasswordCipherError(.decryptionFailed) else {
                    return "raw decryption failed with \(error)"
                }
            }
        }

        // 4. PKCS#7 removal agrees with the obvious (branching) definition, and undoes padding.
        guard PKCS7.removingPaddingConstantTime(blocks) == referenceUnpad(blocks) else {
            return "PKCS7.removingPaddingConstantTime disagrees with the reference on \(blocks.suffix(16))"
        }
        guard PKCS7.removingPaddingConstantTime(PKCS7.padded(bytes)) == bytes else {
            return "PKCS#7 padding does not round-trip"
        }
        return nil
    }

    /// Decrypting the text: the error says exactly what the strict decoding found, and a plaintext re-encrypts to
    /// the same ciphertext (CBC with a fixed IV is deterministic, and only one base64 spelling is accepted).
    static func checkDecrypt(_ text: String, decoded: [UInt8]?, cipher: PasswordCipher) -> String? {
        var buffered = [UInt8(ascii: "#")]
        var textCopy = text
        let bufferResult: Result<Int, PasswordCipherError> = textCopy.withUTF8 { utf8 in
            Result { () throws(PasswordCipherError) in
                try cipher.decrypt(base64: UnsafeRawBufferPointer(utf8), appendingTo: &buffered)
            }
        }
        do {
            let plaintext = try cipher.decrypt(base64: text)
            guard let decoded else { return "decrypt accepted text that is not strict base64" }
            guard cipher.encrypt(plaintext) == decoded else {
                return "the plaintext does not re-encrypt to the ciphertext"
            }
            if let string = String(validating: plaintext, as: UTF8.self), cipher.encrypt(base64: string) != text {
                return "encrypt(base64:) of the plaintext is not the text decrypted"
            }
            guard case .success(let count) = bufferResult, count == plaintext.count,
                buffered == [UInt8(ascii: "#")] + plaintext
            else {
                return "the buffer form of decrypt gave \(bufferResult), the String form \(plaintext.count) bytes"
            }
        } catch {
            switch error.code {
            case .invalidBase64:
                guard decoded == nil else { return "decrypt called strict base64 invalid: \(error)" }
            case .invalidLength:
                guard let decoded, decoded.isEmpty || decoded.count % 16 != 0 else {
                    return "decrypt refused the length of \(describe(decoded)): \(error)"
                }
            case .decryptionFailed:
                guard let decoded, !decoded.isEmpty, decoded.count % 16 == 0 else {
                    return "padding error for \(describe(decoded))"
                }
                // One error, no detail: anything more would make a padding oracle.
                guard error == PasswordCipherError(.decryptionFailed) else {
                    return "the padding error carries detail: \(error)"
                }
            default:
                return "decrypt failed with \(error)"
            }
            if let decoded {
                do {
                    _ = try cipher.decrypt(decoded)
                    return "decrypt(base64:) failed with \(error) but decrypting the decoded bytes succeeded"
                } catch let other {
                    guard other.code == error.code else {
                        return "decrypt(base64:) failed with \(error), decrypt(bytes) with \(other)"
                    }
                }
            }
            guard case .failure(let other) = bufferResult, other.code == error.code, buffered == [UInt8(ascii: "#")]
            else {
                return
                    "the buffer form of decrypt gave \(bufferResult) (output \(buffered.count) bytes), the String form "
                    + "\(error)"
            }
        }
        return nil
    }

    /// Encrypting the bytes as a plaintext: whole blocks, and every way back gives the bytes.
    static func checkRoundTrip(_ plaintext: [UInt8], cipher: PasswordCipher) -> String? {
        let ciphertext = cipher.encrypt(plaintext)
        guard ciphertext.count == (plaintext.count / 16 + 1) * 16 else {
            return "ciphertext of \(plaintext.count) bytes has \(ciphertext.count)"
        }
        guard (try? cipher.decrypt(ciphertext)) == plaintext else { return "decrypt(encrypt(x)) is not x" }
        let base64 = Base64Strict.encode(ciphertext)
        guard (try? cipher.decrypt(base64: base64)) == plaintext else { return "decrypt(base64: encrypt(x)) is not x" }
        var appended = [UInt8(ascii: "#")]
        plaintext.withUnsafeBytes { cipher.encryptBase64($0, appendingTo: &appended) }
        guard appended == [UInt8(ascii: "#")] + Array(base64.utf8) else {
            return "encryptBase64(_:appendingTo:) differs from encrypt + base64"
        }
        if let string = String(validating: plaintext, as: UTF8.self), cipher.encrypt(base64: string) != base64 {
            return "encrypt(base64:) differs from encrypt + base64"
        }
        return nil
    }

    // MARK: - References

    /// RFC 4648 standard base64, strictly: length a multiple of 4, `=` only as 1 or 2 final characters, zero unused
    /// bits.
    static func referenceStrictBase64(_ text: [UInt8]) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        var k = 0
        while k < text.count {
            let quad = text[k..<k + 4]
            let isLast = k + 4 == text.count
            let padding = quad.reversed().prefix { $0 == UInt8(ascii: "=") }.count
            guard padding == 0 || (isLast && padding <= 2) else { return nil }
            var value: UInt32 = 0
            for c in quad.prefix(4 - padding) {
                guard let v = sextet(c) else { return nil }
                value = value << 6 | v
            }
            switch padding {
            case 0:
                out += [UInt8(value >> 16), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
            case 1:
                guard value & 0x3 == 0 else { return nil }
                out += [UInt8(value >> 10), UInt8(value >> 2 & 0xff)]
            default:
                guard value & 0xf == 0 else { return nil }
                out += [UInt8(value >> 4)]
            }
            k += 4
        }
        return out
    }

    static func sextet(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(c - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(c - UInt8(ascii: "a") + 26)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0") + 52)
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    /// PKCS#7 removal as the definition reads: a last byte 1...16, and that many bytes equal to it.
    static func referenceUnpad(_ padded: [UInt8]) -> [UInt8]? {
        guard !padded.isEmpty, padded.count % 16 == 0, let pad = padded.last, pad >= 1, pad <= 16 else { return nil }
        guard padded.suffix(Int(pad)).allSatisfy({ $0 == pad }) else { return nil }
        return Array(padded.dropLast(Int(pad)))
    }

    static func describe(_ bytes: [UInt8]?) -> String {
        guard let bytes else { return "a failure" }
        return "\(bytes.count) bytes"
    }

    static func debug(_ text: String) -> String {
        text.count > 80 ? String(reflecting: String(text.prefix(80))) + "…" : String(reflecting: text)
    }
}

import XiaoaCipher
import XiaoaPrimitives

// MARK: - The twelve ways a ciphertext is made invalid

extension PasswordVectorGenerator {
    /// A ciphertext that decryption must refuse, built from a valid one by construction (not by trying our decrypt).
    public static func invalidCase(
        msg: [UInt8], ct: [UInt8], base64: String, key: [UInt8], iv: [UInt8], aes: AES128CBC,
        rng: inout Xoshiro256StarStar
    ) -> (ct: [UInt8], base64: String, flags: [String], comment: String) {
        let lenient =
            msg.isEmpty
            ? "PHP decrypts it to the empty plaintext"
            : msg.count <= 24 ? "PHP decrypts it to hex \(Hex.encode(msg))" : "PHP decrypts it"
        let chars = Array(base64.utf8)
        let padding = chars.reversed().prefix(while: { $0 == UInt8(ascii: "=") }).count
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        switch rng.below(12) {
        case 0 where chars.contains(UInt8(ascii: "+")):
            let spaced = chars.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }
            return ([], text(spaced), ["NotBase64"], "'+' turned into a space (form/URL decoding)")
        case 1 where padding > 0:
            let changed = Array(chars.dropLast(padding))
            return ([], text(changed), ["NotBase64", "PhpLenientBase64"], "'=' padding dropped; \(lenient)")
        case 2 where padding > 0:
            // Keep the character's used (high) bits and set an unused low bit: same bytes for lenient decoders.
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
            var changed = chars
            let index = chars.count - padding - 1
            let unusedBits = padding == 2 ? rng.int(in: 1...15) : rng.int(in: 1...3)
            let value = alphabet.firstIndex(of: chars[index])! | unusedBits
            changed[index] = alphabet[value]
            let flags = ["NotBase64", "NonCanonicalBase64", "PhpLenientBase64"]
            return ([], text(changed), flags, "non-zero unused bits in the last character; \(lenient)")
        case 3 where chars.contains(UInt8(ascii: "+")) || chars.contains(UInt8(ascii: "/")):
            let urlSafe = chars.map {
                $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0
            }
            return ([], text(urlSafe), ["NotBase64"], "URL-safe alphabet (- and _)")
        case 4:
            let position = rng.below(chars.count + 1)
            let junk: [UInt8] = rng.pick([[0x0a], [0x0d, 0x0a], [0x20], [0x09]])
            let changed = Array(chars[..<position]) + junk + Array(chars[position...])
            let comment = "whitespace inside the base64 at \(position); \(lenient)"
            return ([], text(changed), ["NotBase64", "PhpLenientBase64"], comment)
        case 5:
            let position = rng.below(chars.count + 1)
            let junk = rng.pick(Array("!*.-_~\"\\".utf8))
            let changed = Array(chars[..<position]) + [junk] + Array(chars[position...])
            let comment = "a stray character inside the base64 at \(position); \(lenient)"
            return ([], text(changed), ["NotBase64", "PhpLenientBase64"], comment)
        case 6, 7:
            var bytes = ct
            let variant = rng.below(3)
            if variant == 0 {
                bytes = []
            } else if variant == 1 {
                bytes.removeLast(rng.int(in: 1...15))
            } else {
                bytes += rng.bytes(rng.int(in: 1...15))
            }
            return (bytes, Base64Strict.encode(bytes), ["WrongLength"], "ciphertext of \(bytes.count) bytes")
        case 8, 9:
            // Whole blocks whose last block ends in invalid padding, encrypted without padding.
            var block = rng.bytes(rng.int(in: 1...3) * 16)
            let last = block.count - 1
            let detail: String
            switch rng.below(3) {
            case 0:
                block[last] = 0
                detail = "pad byte 00"
            case 1:
                block[last] = UInt8(rng.int(in: 17...255))
                detail = "pad byte \(String(block[last], radix: 16)) above 16"
            default:
                let pad = rng.int(in: 2...16)
                for i in (block.count - pad)...last { block[i] = UInt8(pad) }
                let wrong = block.count - pad + rng.below(pad - 1)
                block[wrong] ^= UInt8(rng.int(in: 1...255))
                detail = "inconsistent bytes under pad \(pad)"
            }
            guard let bytes = try? aes.encrypt(block, key: key, iv: iv) else {
                preconditionFailure("AES-128-CBC failed")
            }
            return (bytes, Base64Strict.encode(bytes), ["BadPadding"], "padding of the last block: \(detail)")
        case 10 where ct.count >= 32:
            var bytes = ct
            let bit = UInt8(rng.pick([0x20, 0x40, 0x80]))
            bytes[bytes.count - 17] ^= bit
            let comment = "bit 0x\(String(bit, radix: 16)) flipped in byte \(bytes.count - 17)"
            return (bytes, Base64Strict.encode(bytes), ["Tampered"], comment)
        default:
            let trailing = rng.pick(["\n", "\r\n", " "])
            let comment = "trailing whitespace after the base64; \(lenient)"
            return ([], base64 + trailing, ["NotBase64", "PhpLenientBase64"], comment)
        }
    }
}

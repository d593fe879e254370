internal import ExtrasBase64

/// Standard base64 (RFC 4648 §4) with padding, decoded strictly.
///
/// Strict means: only the standard alphabet, `=` padding present and only at the end, a length that is a
/// multiple of 4, no whitespace or line breaks, and zero bits where the last character has unused bits.
/// Every other spelling of the same bytes is refused, so that a ciphertext has exactly one accepted form
/// and damaged text (a '+' turned into a space by form decoding) is caught rather than silently repaired.
public enum Base64Strict {
    /// The standard base64 text of `bytes`, padded with `=`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        Base64.encodeToString(bytes: bytes)
    }

    /// The bytes of strict standard base64 `text`.
    ///
    /// - Throws: ``PasswordCipherError`` `.invalidBase64`, naming the first offending character and its
    ///   1-based position where there is one.
    public static func decode(_ text: some StringProtocol) throws(PasswordCipherError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        try utf8.withUnsafeBufferPointer { buffer throws(PasswordCipherError) in try validate(buffer) }
        do {
            return try Base64.decode(bytes: utf8)
        } catch {
            throw PasswordCipherError(.invalidBase64, detail: "\(error)")
        }
    }

    /// Checks that `text` is strict standard base64, without decoding it.
    ///
    /// - Throws: ``PasswordCipherError`` `.invalidBase64` naming the first problem.
    public static func validate(_ utf8: UnsafeBufferPointer<UInt8>) throws(PasswordCipherError) {
        // The trailing '=' run, then one table lookup per character before it; the loop only ORs, so valid text
        // takes no branch per character. Only bad text pays for the loop that finds what to report.
        var padding = 0
        while padding < utf8.count && utf8[utf8.count - 1 - padding] == UInt8(ascii: "=") { padding += 1 }
        var bad: UInt8 = 0
        sextets.withUnsafeBufferPointer { table in
            for c in utf8[..<(utf8.count - padding)] { bad |= table[Int(c)] }
        }
        if bad & (invalidMark | paddingMark) != 0 {
            for (index, c) in utf8.enumerated() where sextet(c) == nil && c != UInt8(ascii: "=") {
                throw PasswordCipherError(.invalidBase64, detail: "\(describe(c)) at position \(index + 1)")
            }
        }
        guard utf8.count % 4 == 0 else {
            throw PasswordCipherError(.invalidBase64, detail: "length \(utf8.count) is not a multiple of 4")
        }
        if padding > 2 || bad & paddingMark != 0 {
            throw PasswordCipherError(.invalidBase64, detail: "'=' padding inside the text")
        }
        // Unused low bits of the last data character must be zero (RFC 4648 §3.5: canonical encoding).
        if padding > 0 {
            let last = utf8[utf8.count - padding - 1]
            let unusedMask: UInt8 = padding == 2 ? 0x0f : 0x03
            if let value = sextet(last), value & unusedMask != 0 {
                throw PasswordCipherError(
                    .invalidBase64, detail: "non-canonical final character '\(Character(Unicode.Scalar(last)))'")
            }
        }
    }

    static let invalidMark: UInt8 = 0x80
    static let paddingMark: UInt8 = 0x40

    /// For each byte: its 6-bit value, `paddingMark` for '=', `invalidMark` for anything else.
    static let sextets: [UInt8] = (0...255).map { byte in
        if let value = sextet(UInt8(byte)) { return value }
        return byte == Int(UInt8(ascii: "=")) ? paddingMark : invalidMark
    }

    @inline(__always)
    static func isAlphabet(_ c: UInt8) -> Bool { sextet(c) != nil }

    @inline(__always)
    static func sextet(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    static func describe(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: " "): "a space"
        case UInt8(ascii: "\n"): "a line feed"
        case UInt8(ascii: "\r"): "a carriage return"
        case UInt8(ascii: "\t"): "a tab"
        case 0x21...0x7e: "'\(Character(Unicode.Scalar(c)))'"
        default: "byte 0x" + String(c, radix: 16)
        }
    }
}

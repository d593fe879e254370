/// Lowercase hexadecimal encoding and strict decoding.
public enum Hex {
    @usableFromInline
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The lowercase hex text of `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let count = bytes.count * 2
        return String(unsafeUninitializedCapacity: count) { out in
            var i = 0
            for byte in bytes {
                out[i] = digits[Int(byte >> 4)]
                out[i + 1] = digits[Int(byte & 0x0f)]
                i += 2
            }
            return count
        }
    }

    /// Writes the lowercase hex text of `bytes` into `output`, which must hold twice as many bytes.
    public static func encode(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) {
        precondition(output.count >= bytes.count * 2)
        guard var out = output.baseAddress else { return }
        digits.withUnsafeBufferPointer { table in
            for byte in bytes {
                out[0] = table[Int(byte >> 4)]
                out[1] = table[Int(byte & 0x0f)]
                out += 2
            }
        }
    }

    /// The bytes that `text` spells in hex (upper or lower case, no separators, an even number of digits).
    ///
    /// - Throws: ``HexError`` naming the first character that is not a hex digit, or an odd length.
    public static func decode(_ text: some StringProtocol) throws(HexError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { throw HexError(reason: "odd number of hex digits (\(utf8.count))") }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(of: utf8[index]) else { throw HexError.badDigit(text, at: index) }
            guard let low = value(of: utf8[index + 1]) else { throw HexError.badDigit(text, at: index + 1) }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    @inline(__always)
    static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Text that is not a sequence of hex digit pairs.
public struct HexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the text.
    public let reason: String
    public var description: String { reason }

    static func badDigit(_ text: some StringProtocol, at offset: Int) -> HexError {
        HexError(reason: "not a hex digit at position \(offset + 1)")
    }
}

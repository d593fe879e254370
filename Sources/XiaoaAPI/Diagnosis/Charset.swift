#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Conversions between UTF-8 and the Chinese legacy charsets GBK and GB18030, through the C library's iconv.
///
/// Used to recognise a password that a client encrypted as GBK bytes (Windows code page 936, or
/// `password.encode("gbk")`) where the API expects UTF-8.
enum Charset {
    /// The legacy charsets tried, most common first; GB18030 is a superset of GBK for nearly every character.
    static let chinese = ["GBK", "GB18030"]

    /// The bytes of UTF-8 `text` in `charset`, or nil when iconv cannot convert every character.
    static func encode(utf8 text: [UInt8], to charset: String) -> [UInt8]? {
        convert(text, from: "UTF-8", to: charset)
    }

    /// `bytes` in `charset` as UTF-8, or nil when they are not valid in that charset.
    static func decodeToUTF8(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
        convert(bytes, from: charset, to: "UTF-8")
    }

    /// Whether `bytes` is valid UTF-8.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    private static func convert(_ input: [UInt8], from: String, to: String) -> [UInt8]? {
        guard let descriptor = iconv_open(to, from), descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var source = input.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        let produced: Int? = source.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                var inPointer: UnsafeMutablePointer<CChar>? = src.baseAddress
                var inLeft = src.count
                var outPointer: UnsafeMutablePointer<CChar>? = dst.baseAddress
                var outLeft = dst.count
                // iconv returns (size_t)-1 on an invalid or incomplete sequence; both mean "not this charset".
                if inLeft > 0,
                    iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) == Int(bitPattern: UInt.max)
                {
                    return nil
                }
                guard inLeft == 0 else { return nil }
                // Flush any shift state (none for these charsets, but iconv's contract asks for it).
                if iconv(descriptor, nil, nil, &outPointer, &outLeft) == Int(bitPattern: UInt.max) { return nil }
                return dst.count - outLeft
            }
        }
        guard let produced else { return nil }
        return output[0..<produced].map { UInt8(bitPattern: $0) }
    }
}

/// Building blocks for inputs: the characters that real implementations get wrong.
public enum TextPieces {
    public static let alphanumeric = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    public static let printable = (0x20...0x7e).map { UInt8($0) }
    /// Non-ASCII text: 2-, 3- and 4-byte UTF-8, combining marks (NFD), ZWJ sequences, flags, BOM, zero-width
    /// and line-separator characters, right-to-left scripts, the replacement character and U+10FFFF.
    public static let unicode: [[UInt8]] = [
        "中", "文", "小", "爱", "密", "码", "签", "名", "日本語", "한국어", "é", "e\u{301}", "ñ", "ß", "Ω", "Ж", "ة", "ש",
        "ह", "ไ", "😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "𝄞", "\u{FEFF}", "\u{200B}", "\u{00A0}", "\u{2028}", "\u{FFFD}",
        "\u{10FFFF}",
    ].map { Array($0.utf8) }
    /// Characters that break quoting, trimming, form encoding or C strings.
    public static let special: [[UInt8]] = [
        "\"", "'", "\\", " ", "\t", "\r", "\n", "\r\n", "\0", "\u{7F}", "%", "+", "&", "=", "/", "?", "#", "<", ">",
        "{", "}", "$", "`", ";", ",", "|", "\\u0000", "%2B", "  ",
    ].map { Array($0.utf8) }
    /// Multi-byte characters of 2, 3 and 4 bytes, for placing a character across a boundary.
    public static let multibyte: [[UInt8]] = ["é", "ß", "中", "码", "😀", "𝄞"].map { Array($0.utf8) }

    public static func ascii(
        _ rng: inout Xoshiro256StarStar, _ count: Int, from alphabet: [UInt8] = alphanumeric
    ) -> [UInt8] {
        (0..<count).map { _ in rng.pick(alphabet) }
    }

    public static func digits(_ rng: inout Xoshiro256StarStar, _ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(ascii: "0") + UInt8(rng.below(10)) }
    }

    /// Roughly `target` bytes (never fewer, except for 0) mixing ASCII with pieces from `pieces`.
    public static func mixed(
        _ rng: inout Xoshiro256StarStar, atLeast target: Int, pieces: [[UInt8]], percent: Int = 50
    ) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(target + 16)
        while out.count < target {
            if rng.below(100) < percent {
                out.append(contentsOf: rng.pick(pieces))
            } else {
                out.append(rng.pick(printable))
            }
        }
        return out
    }

    /// Exactly `count` bytes of ASCII, except that a multi-byte character ends exactly at `count` when `straddle`.
    public static func exact(
        _ rng: inout Xoshiro256StarStar, _ count: Int, endingInMultibyte straddle: Bool
    ) -> [UInt8] {
        let tail = straddle ? rng.pick(multibyte.filter { $0.count <= count }) : []
        return ascii(&rng, count - tail.count, from: printable) + tail
    }

    public static func isUTF8(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }
}

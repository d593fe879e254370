import XiaoaCipher
import XiaoaJSON
import XiaoaPrimitives

/// Generates an `xiaoa_password_v1` file of `count` cases from a seeded PRNG.
///
/// The first group has the vendor's key and IV and holds every invalid case; about a fifth of the cases
/// go to groups of up to 100 with other key texts, raw keys and IVs.
public struct PasswordVectorGenerator: Sendable {
    public let count: Int
    /// The PRNG stream of this kind: files of different kinds from one seed are unrelated.
    public static let stream: UInt64 = 2

    /// The flags this generator can set, in the order of the file's notes.
    public static let flags = [
        "EmptyPlaintext", "FullPaddingBlock", "BlockEdge", "CharacterAcrossBlocks", "NonAsciiPlaintext",
        "SpecialCharacters", "LongPlaintext", "PaddingLikePlaintext", "EmbeddedNewline", "NonUtf8Plaintext",
        "ShortKeyText", "EmptyKeyText", "NonAsciiKeyText", "ExactKeyLength", "LongKeyTruncated",
        "KeyTruncatedMidCharacter", "RawKey", "OtherIv", "NotBase64", "NonCanonicalBase64", "WrongLength",
        "BadPadding", "Tampered", "PhpLenientBase64",
    ]

    public init(count: Int) { self.count = count }

    /// The part of the file before the tests.
    public func header(producer: String, command: String) -> GeneratedFileHeader {
        let lines =
            [
                "Password field cipher of the Xiao A developer API, as PHP computes it:",
                "openssl_encrypt($p, 'AES-128-CBC', $keyText, 0, $iv): AES-128-CBC, PKCS#7 padding, "
                    + "standard base64 output.",
                "A text key shorter than 16 bytes is padded with NUL bytes, a longer one is cut to its first 16 bytes.",
                "keyText is the hex of the key text (null for a raw 16-byte key); key is the effective 16-byte key.",
                "valid: encrypt(msg) gives exactly base64 (and ct, padded); decrypt(base64) gives exactly msg.",
                "invalid: decrypt(base64) must fail (msg and padded are \"\"; ct is the strictly decoded bytes, "
                    + "\"\" if not base64).",
                "The first group is the vendor's fixed parameters (key text \"xiaoa\", IV \"1234567890123456\") "
                    + "and holds every invalid test.",
            ] + GeneratedFileHeader.generatedHeader
        return GeneratedFileHeader(
            algorithm: "XIAOA-PASSWORD-AES-128-CBC", schema: "xiaoa_password_v1", producer: producer, command: command,
            reference: "Xiao A developer API doc, password encryption attachment (seed API.md)", count: count,
            header: lines, notes: FlagVocabulary.notes(schema: "xiaoa_password_v1", flags: Self.flags))
    }

    /// Writes the whole file, draining `json` to its sink as it goes.
    public func write<S>(header: GeneratedFileHeader, seed: UInt64, into json: inout JSONStreamWriter<S>) throws {
        var rng = Xoshiro256StarStar(seed: seed, stream: Self.stream)
        header.writeOpening(into: &json)
        // Cannot fail: a fresh context with no key yet; only a broken libcrypto could.
        guard let aes = try? AES128CBC() else { preconditionFailure("libcrypto cannot create an AES-128-CBC context") }
        let otherCount = count / 5
        let vendorCount = count - otherCount
        var tcId = 0
        var group = Self.vendorGroup
        var remaining = vendorCount
        while tcId < count {
            if remaining == 0 {
                group = Self.otherGroup(&rng)
                remaining = min(Self.groupSize, count - tcId)
            }
            let isVendor = group.label.isEmpty
            let fields: KeyValuePairs<String, String?> = [
                "keyText": group.keyText.map { Hex.encode($0) }, "key": Hex.encode(group.key),
                "iv": Hex.encode(group.iv),
            ]
            try GeneratedFileHeader.writeGroup(
                type: "PasswordCipherTest", fields: fields, cases: remaining, into: &json
            ) { json in
                tcId += 1
                Self.makeCase(tcId: tcId, group: group, allowInvalid: isVendor, aes: aes, rng: &rng).write(into: &json)
            }
            remaining = 0
        }
        GeneratedFileHeader.writeClosing(groups: count > 0, into: &json)
        try json.drain()
    }

    /// One test of the file (hex fields as bytes).
    public struct Case: Sendable, Equatable {
        public var tcId: Int
        public var comment: String
        public var flags: [String]
        /// The plaintext and its padded form; empty for an invalid case.
        public var msg: [UInt8]
        public var padded: [UInt8]
        public var ct: [UInt8]
        public var base64: String
        public var invalid: Bool

        func write<S>(into json: inout JSONStreamWriter<S>) {
            json.beginObject()
            json.key("tcId")
            json.number(tcId)
            json.key("comment")
            json.string(comment)
            json.key("flags")
            json.strings(flags)
            json.key("msg")
            json.string(Hex.encode(msg))
            json.key("padded")
            json.string(Hex.encode(padded))
            json.key("ct")
            json.string(Hex.encode(ct))
            json.key("base64")
            json.string(base64)
            json.key("result")
            json.string(invalid ? "invalid" : "valid")
            json.endObject()
        }
    }

    /// One group's key and IV.
    public struct Group: Sendable {
        public var keyText: [UInt8]?
        public var key: [UInt8]
        public var iv: [UInt8]
        public var flags: [String]
        public var label: String
    }

    public static let vendorGroup = Group(
        keyText: Array(PasswordCipher.vendorKeyText.utf8),
        key: KeyMaterial.phpPadded(Array(PasswordCipher.vendorKeyText.utf8)),
        iv: Array(PasswordCipher.vendorIVText.utf8), flags: [], label: "")

    public static let groupSize = 100

    /// A group other than the vendor's: another key text, a raw key or another IV.
    public static func otherGroup(_ rng: inout Xoshiro256StarStar) -> Group {
        let vendorIV = Array(PasswordCipher.vendorIVText.utf8)
        func textGroup(_ text: [UInt8], _ flags: [String], _ label: String) -> Group {
            Group(keyText: text, key: KeyMaterial.phpPadded(text), iv: vendorIV, flags: flags, label: label)
        }
        switch rng.below(8) {
        case 0:
            let text = TextPieces.ascii(&rng, rng.int(in: 1...15), from: TextPieces.printable)
            return textGroup(text, ["ShortKeyText"], "short text key")
        case 1:
            return textGroup([], ["EmptyKeyText"], "empty text key")
        case 2:
            var text = TextPieces.mixed(&rng, atLeast: rng.int(in: 1...12), pieces: TextPieces.unicode, percent: 60)
            while text.count > 16 { text.removeLast() }
            while !TextPieces.isUTF8(text) { text.removeLast() }
            if !text.contains(where: { $0 >= 0x80 }) { text = Array("密码".utf8) }
            let lengthFlag = text.count < 16 ? "ShortKeyText" : "ExactKeyLength"
            return textGroup(text, ["NonAsciiKeyText", lengthFlag], "non-ASCII text key")
        case 3:
            let unicode = rng.below(2) == 0
            let text = TextPieces.exact(&rng, 16, endingInMultibyte: unicode)
            return textGroup(text, ["ExactKeyLength"] + (unicode ? ["NonAsciiKeyText"] : []), "16-byte text key")
        case 4:
            let length = rng.pick([17, 20, 24, 31, 32, 33, 40])
            let text = TextPieces.ascii(&rng, length, from: TextPieces.printable)
            return textGroup(text, ["LongKeyTruncated"], "\(length)-byte text key")
        case 5:
            let char = rng.pick(TextPieces.multibyte.filter { $0.count >= 3 })
            // The character starts 1 or 2 bytes before the cut at 16.
            let prefix = 16 - rng.int(in: 1...(char.count - 1))
            let text = TextPieces.ascii(&rng, prefix) + char + TextPieces.ascii(&rng, rng.int(in: 0...8))
            let flags = ["KeyTruncatedMidCharacter", "LongKeyTruncated", "NonAsciiKeyText"]
            return textGroup(text, flags, "text key cut inside a character")
        case 6:
            return Group(keyText: nil, key: rng.bytes(16), iv: vendorIV, flags: ["RawKey"], label: "raw key")
        default:
            let vendorKey = Array(PasswordCipher.vendorKeyText.utf8)
            let iv = rng.below(2) == 0 ? rng.bytes(16) : TextPieces.ascii(&rng, 16)
            return Group(
                keyText: vendorKey, key: KeyMaterial.phpPadded(vendorKey), iv: iv, flags: ["OtherIv"],
                label: "other IV")
        }
    }

    /// A plaintext and the flags that describe it.
    public static func plaintext(
        _ rng: inout Xoshiro256StarStar
    ) -> (bytes: [UInt8], flags: [String], comment: String) {
        // typical, block edge, unicode, across blocks, special, padding-like, newline, non-UTF-8, long, empty
        switch rng.weighted([24, 20, 14, 6, 8, 6, 5, 4, 5, 2]) {
        case 1:
            let length = rng.pick([1, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65])
            let bytes = TextPieces.ascii(&rng, length, from: TextPieces.printable)
            return (bytes, length % 16 == 0 ? ["FullPaddingBlock"] : ["BlockEdge"], "\(length) bytes")
        case 2:
            let bytes = TextPieces.mixed(&rng, atLeast: rng.int(in: 1...40), pieces: TextPieces.unicode, percent: 60)
            return (bytes, ["NonAsciiPlaintext"], "non-ASCII text")
        case 3:
            let char = rng.pick(TextPieces.multibyte)
            let block = rng.int(in: 1...3) * 16
            let prefix = block - rng.int(in: 1...(char.count - 1))
            let bytes =
                TextPieces.ascii(&rng, prefix, from: TextPieces.printable) + char
                + TextPieces.ascii(&rng, rng.int(in: 0...5))
            let comment = "a \(char.count)-byte character across byte \(block)"
            return (bytes, ["CharacterAcrossBlocks", "NonAsciiPlaintext"], comment)
        case 4:
            let bytes = TextPieces.mixed(&rng, atLeast: rng.int(in: 1...40), pieces: TextPieces.special, percent: 40)
            var flags = ["SpecialCharacters"]
            if bytes.contains(0x0a) || bytes.contains(0x0d) { flags.append("EmbeddedNewline") }
            return (bytes, flags, "special characters")
        case 5:
            let pad = rng.int(in: 1...16)
            let bytes = TextPieces.ascii(&rng, rng.int(in: 0...20)) + [UInt8](repeating: UInt8(pad), count: pad)
            var flags = ["PaddingLikePlaintext"]
            if bytes.count % 16 == 0 { flags.append("FullPaddingBlock") }
            return (bytes, flags, "ends in \(pad) byte(s) of 0x\(String(pad, radix: 16))")
        case 6:
            let newline: [UInt8] = rng.pick([[0x0a], [0x0d, 0x0a], [0x0d]])
            var bytes = TextPieces.ascii(&rng, rng.int(in: 0...12)) + newline
            if rng.below(2) == 0 { bytes += TextPieces.ascii(&rng, rng.int(in: 1...12)) }
            return (bytes, ["EmbeddedNewline"], "line break inside")
        case 7:
            var bytes = rng.bytes(rng.int(in: 1...40))
            bytes[rng.below(bytes.count)] = 0xff
            return (bytes, ["NonUtf8Plaintext"], "random bytes, not UTF-8")
        case 8:
            let bytes = TextPieces.mixed(
                &rng, atLeast: rng.int(in: 100...1000), pieces: TextPieces.unicode + TextPieces.special, percent: 20)
            return (bytes, ["LongPlaintext"], "\(bytes.count) bytes")
        case 9:
            return ([], ["EmptyPlaintext", "FullPaddingBlock"], "empty plaintext")
        default:
            return (TextPieces.ascii(&rng, rng.int(in: 6...20), from: TextPieces.printable), [], "typical password")
        }
    }

    /// The case `tcId` of `group`: the next draws of `rng`.
    public static func makeCase(
        tcId: Int, group: Group, allowInvalid: Bool, aes: AES128CBC, rng: inout Xoshiro256StarStar
    ) -> Case {
        let invalid = allowInvalid && rng.below(100) < 8
        var (msg, flags, comment) = plaintext(&rng)
        flags = group.flags + flags
        if !group.label.isEmpty { comment = group.label + ": " + comment }
        let padded = PKCS7.padded(msg)
        // Sizes are right by construction (16-byte key and IV, whole blocks).
        guard var ct = try? aes.encrypt(padded, key: group.key, iv: group.iv) else {
            preconditionFailure("AES-128-CBC failed")
        }
        var base64 = Base64Strict.encode(ct)
        if invalid {
            (ct, base64, flags, comment) = invalidCase(
                msg: msg, ct: ct, base64: base64, key: group.key, iv: group.iv, aes: aes, rng: &rng)
        }
        return Case(
            tcId: tcId, comment: comment, flags: flags, msg: invalid ? [] : msg, padded: invalid ? [] : padded,
            ct: ct, base64: base64, invalid: invalid)
    }
}

import XiaoaJSON
import XiaoaPrimitives
import XiaoaSigning

/// Generates an `xiaoa_sign_v1` file of `count` cases from a seeded PRNG.
///
/// About 8% of the cases are wrong candidates (`invalid`); a case with an empty domain key is `acceptable`: the sign
/// function is defined for it, but the API never assigns an empty key and every face of xiaoa-crypto refuses one.
public struct SignVectorGenerator: Sendable {
    public let count: Int
    /// The PRNG stream of this kind: files of different kinds from one seed are unrelated.
    public static let stream: UInt64 = 1

    /// The flags this generator can set, in the order of the file's notes.
    public static let flags = [
        "EmptyTimestamp", "EmptyDomainKey", "MillisecondTimestamp", "ShortTimestamp", "NonAsciiDomainKey",
        "SpecialCharacters", "Md5BlockEdge", "LongDomainKey", "UpperCaseSign", "WrongOffset", "WrongLength",
        "SingleMd5", "SwappedConcat", "EmptySign", "WhitespaceSign",
    ]

    public init(count: Int) { self.count = count }

    /// The part of the file before the tests.
    public func header(producer: String, command: String) -> GeneratedFileHeader {
        let lines =
            [
                "Request signature of the Xiao A developer API: "
                    + "sign = substr(md5(md5(timestamp . domain_key)), 8, 10) in PHP.",
                "timestamp and domainKey are hex of the exact bytes; md5First, md5Second and sign are plain strings.",
                "valid: computing the sign gives exactly 'sign' (and md5First, md5Second), and verifying it accepts.",
                "invalid: 'sign' is a wrong candidate that verification must reject; "
                    + "md5First/md5Second are still the true values.",
                "acceptable: as valid for the sign function; an API-facing implementation may refuse the input "
                    + "(see the flag's note).",
            ] + GeneratedFileHeader.generatedHeader
        return GeneratedFileHeader(
            algorithm: "XIAOA-SIGN", schema: "xiaoa_sign_v1", producer: producer, command: command,
            reference: "Xiao A developer API doc, public parameters (seed API.md)", count: count, header: lines,
            notes: FlagVocabulary.notes(schema: "xiaoa_sign_v1", flags: Self.flags))
    }

    /// Writes the whole file, draining `json` to its sink as it goes.
    public func write<S>(header: GeneratedFileHeader, seed: UInt64, into json: inout JSONStreamWriter<S>) throws {
        var rng = Xoshiro256StarStar(seed: seed, stream: Self.stream)
        header.writeOpening(into: &json)
        if count > 0 {
            var tcId = 0
            try GeneratedFileHeader.writeGroup(type: "SignTest", cases: count, into: &json) { json in
                tcId += 1
                Self.makeCase(tcId: tcId, rng: &rng).write(into: &json)
            }
        }
        GeneratedFileHeader.writeClosing(groups: count > 0, into: &json)
        try json.drain()
    }

    /// One test of the file.
    public struct Case: Sendable, Equatable {
        public var tcId: Int
        public var comment: String
        public var flags: [String]
        public var timestamp: [UInt8]
        public var domainKey: [UInt8]
        public var md5First: String
        public var md5Second: String
        public var sign: String
        /// `valid`, `invalid` or `acceptable`.
        public var result: String

        func write<S>(into json: inout JSONStreamWriter<S>) {
            json.beginObject()
            json.key("tcId")
            json.number(tcId)
            json.key("comment")
            json.string(comment)
            json.key("flags")
            json.strings(flags)
            json.key("timestamp")
            json.string(Hex.encode(timestamp))
            json.key("domainKey")
            json.string(Hex.encode(domainKey))
            json.key("md5First")
            json.string(md5First)
            json.key("md5Second")
            json.string(md5Second)
            json.key("sign")
            json.string(sign)
            json.key("result")
            json.string(result)
            json.endObject()
        }
    }
    /// The case `tcId`: the next draws of `rng`.
    public static func makeCase(tcId: Int, rng: inout Xoshiro256StarStar) -> Case {
        var flags: [String] = []
        var timestamp: [UInt8]
        var domainKey: [UInt8]
        var comment: String
        func tenDigits(_ rng: inout Xoshiro256StarStar) -> [UInt8] {
            Array(String(rng.int(in: 1_000_000_000...9_999_999_999)).utf8)
        }
        func thirteenDigits(_ rng: inout Xoshiro256StarStar) -> [UInt8] {
            Array(String(rng.int(in: 1_000_000_000_000...9_999_999_999_999)).utf8)
        }
        let invalid = rng.below(100) < 8
        // typical, ms, short ts, empty ts, empty key, both empty, unicode, special, block edge, long
        let category = rng.weighted([26, 11, 3, 3, 4, 1, 20, 10, 16, 6])
        switch category {
        case 1:
            timestamp = thirteenDigits(&rng)
            domainKey =
                rng.below(2) == 0
                ? TextPieces.ascii(&rng, rng.int(in: 1...40))
                : TextPieces.mixed(&rng, atLeast: rng.int(in: 1...30), pieces: TextPieces.unicode)
            flags.append("MillisecondTimestamp")
            if !domainKey.allSatisfy({ $0 < 0x80 }) { flags.append("NonAsciiDomainKey") }
            comment = "13-digit timestamp"
        case 2:
            timestamp = rng.below(8) == 0 ? Array("0".utf8) : TextPieces.digits(&rng, rng.int(in: 1...9))
            domainKey = TextPieces.ascii(&rng, rng.int(in: 1...32))
            flags.append("ShortTimestamp")
            comment = "\(timestamp.count)-digit timestamp"
        case 3:
            timestamp = []
            domainKey = TextPieces.ascii(&rng, rng.int(in: 1...40))
            flags.append("EmptyTimestamp")
            comment = "empty timestamp"
        case 4:
            timestamp = rng.below(2) == 0 ? tenDigits(&rng) : thirteenDigits(&rng)
            domainKey = []
            flags.append("EmptyDomainKey")
            if timestamp.count == 13 { flags.append("MillisecondTimestamp") }
            comment = "empty domain key"
        case 5:
            timestamp = []
            domainKey = []
            flags += ["EmptyTimestamp", "EmptyDomainKey"]
            comment = "empty timestamp and empty domain key: md5 of nothing"
        case 6:
            timestamp = tenDigits(&rng)
            domainKey = TextPieces.mixed(&rng, atLeast: rng.int(in: 1...48), pieces: TextPieces.unicode, percent: 60)
            flags.append("NonAsciiDomainKey")
            comment = "non-ASCII domain key"
        case 7:
            timestamp = tenDigits(&rng)
            domainKey = TextPieces.mixed(&rng, atLeast: rng.int(in: 1...40), pieces: TextPieces.special, percent: 40)
            flags.append("SpecialCharacters")
            comment = "special characters in the domain key"
        case 8:
            timestamp = rng.below(3) == 0 ? thirteenDigits(&rng) : tenDigits(&rng)
            let total = rng.pick([55, 56, 57, 63, 64, 65, 119, 120, 121, 127, 128, 129])
            let straddle = rng.below(3) == 0
            domainKey = TextPieces.exact(&rng, total - timestamp.count, endingInMultibyte: straddle)
            flags.append("Md5BlockEdge")
            if timestamp.count == 13 { flags.append("MillisecondTimestamp") }
            if straddle { flags.append("NonAsciiDomainKey") }
            comment = "md5 input of \(total) bytes"
        case 9:
            timestamp = tenDigits(&rng)
            domainKey = TextPieces.mixed(
                &rng, atLeast: rng.int(in: 200...1000), pieces: TextPieces.unicode + TextPieces.special, percent: 30)
            flags.append("LongDomainKey")
            comment = "domain key of \(domainKey.count) bytes"
        default:
            timestamp = tenDigits(&rng)
            domainKey = TextPieces.ascii(&rng, rng.int(in: 8...40))
            comment = "10-digit timestamp, ASCII domain key"
        }
        let steps = XiaoaSign.steps(timestamp: timestamp, domainKey: domainKey)
        var candidate = steps.sign
        if invalid {
            let second = Array(steps.md5Second.utf8)
            func cut(_ bytes: [UInt8], _ from: Int, _ length: Int) -> String {
                String(decoding: bytes[from..<(from + length)], as: UTF8.self)
            }
            let kinds = [
                "UpperCaseSign", "WrongOffset", "WrongLength", "SingleMd5", "SwappedConcat", "EmptySign",
                "WhitespaceSign",
            ]
            var kind = rng.pick(kinds)
            var detail: String
            switch kind {
            case "UpperCaseSign":
                candidate = steps.sign.uppercased()
                detail = "the sign in upper case"
            case "WrongOffset":
                let offset = rng.pick([7, 9])
                candidate = cut(second, offset, 10)
                detail = "10 characters at offset \(offset)"
            case "WrongLength":
                let length = rng.pick([9, 11, 32])
                candidate = length == 32 ? steps.md5Second : cut(second, 8, length)
                detail = length == 32 ? "the whole md5Second" : "\(length) characters at offset 8"
            case "SingleMd5":
                candidate = cut(Array(steps.md5First.utf8), 8, 10)
                detail = "md5 applied once"
            case "SwappedConcat":
                candidate = XiaoaSign.sign(timestamp: domainKey, domainKey: timestamp)
                detail = "domain_key . timestamp"
            case "WhitespaceSign":
                let space = rng.pick([" ", "\t", "\n", "\r\n"])
                candidate = rng.below(2) == 0 ? steps.sign + space : space + steps.sign
                detail = "the sign with whitespace around it"
            default:
                candidate = ""
                detail = "an empty sign"
            }
            // A mutation that happens to give the right sign (no hex letters to upper-case, empty parts to
            // swap) would be a false "invalid" case: fall back to the empty sign, which is never right.
            if candidate == steps.sign {
                kind = "EmptySign"
                candidate = ""
                detail = "an empty sign"
            }
            flags.append(kind)
            comment += "; invalid: \(detail)"
        }
        // An empty domain key is never assigned by the API: the sign is the function's value, nothing more.
        let result = invalid ? "invalid" : domainKey.isEmpty ? "acceptable" : "valid"
        return Case(
            tcId: tcId, comment: comment, flags: flags, timestamp: timestamp, domainKey: domainKey,
            md5First: steps.md5First, md5Second: steps.md5Second, sign: candidate, result: result)
    }
}

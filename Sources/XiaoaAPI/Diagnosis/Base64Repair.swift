/// The ways a standard base64 ciphertext gets damaged in transit or by the wrong encoder, each undone.
///
/// Every repair applies only when its trace is in the text (a space, `-` or `_`, a line break, `%XX`, a length
/// that is not a multiple of 4), so a strict base64 text has no repairs and a repaired text is a candidate
/// only: it counts when it then decrypts as asked.
enum Base64Repair {
    /// The given text and every combination of the repairs that apply to it, with the findings they stand
    /// for; the untouched text comes first.
    static func variants(_ text: [UInt8]) -> [(text: [UInt8], findings: [Finding])] {
        var result: [(text: [UInt8], findings: [Finding])] = [(text, [])]
        let repairs: [([UInt8]) -> (text: [UInt8], finding: Finding)?] = [
            percentDecoded, unwrapped, plusRestored, standardAlphabet, padded,
        ]
        for repair in repairs {
            for variant in result {
                if let repaired = repair(variant.text) {
                    result.append((repaired.text, variant.findings + [repaired.finding]))
                }
            }
        }
        return result
    }

    /// `%2B`, `%2F`, `%3D` and other `%XX` escapes decoded once.
    static func percentDecoded(_ text: [UInt8]) -> (text: [UInt8], finding: Finding)? {
        guard text.contains(UInt8(ascii: "%")) else { return nil }
        var out: [UInt8] = []
        var i = 0
        var decodedAny = false
        while i < text.count {
            if text[i] == UInt8(ascii: "%"), i + 2 < text.count,
                let high = hexValue(text[i + 1]), let low = hexValue(text[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
                decodedAny = true
            } else {
                out.append(text[i])
                i += 1
            }
        }
        guard decodedAny else { return nil }
        return (
            out,
            Finding(
                id: FindingID.cipher(.percentEncoded),
                summary:
                    "the value is still URL-encoded (%2B, %2F, %3D): it was percent-encoded once more than it was "
                    + "decoded",
                fix: "URL-decode it once on receipt, or do not URL-encode a value sent inside a JSON body")
        )
    }

    /// Line breaks removed.
    static func unwrapped(_ text: [UInt8]) -> (text: [UInt8], finding: Finding)? {
        guard let firstBreak = text.firstIndex(where: { $0 == 0x0a || $0 == 0x0d }) else { return nil }
        let lineEnd = text.contains(0x0d) ? "\\r\\n" : "\\n"
        return (
            text.filter { $0 != 0x0a && $0 != 0x0d },
            Finding(
                id: FindingID.cipher(.lineWrapped),
                summary:
                    "the base64 is broken into lines (\(firstBreak) characters before the first line break), as MIME "
                    + "encoders do: Python's base64.encodebytes, PHP's chunk_split, openssl enc -a",
                fix: "encode on one line without line breaks: base64.b64encode, base64_encode, openssl enc -A",
                details: ["lineLength": String(firstBreak), "lineEnd": lineEnd])
        )
    }

    /// Spaces turned back into `+`.
    static func plusRestored(_ text: [UInt8]) -> (text: [UInt8], finding: Finding)? {
        guard text.contains(0x20) else { return nil }
        return (
            text.map { $0 == 0x20 ? UInt8(ascii: "+") : $0 },
            Finding(
                id: FindingID.cipher(.plusAsSpace),
                summary:
                    "a space where base64 has '+': the value was form- or URL-decoded "
                    + "(application/x-www-form-urlencoded turns '+' into a space)",
                fix:
                    "put the '+' back, or percent-encode the value ('+' as %2B) when it travels in a form or a URL; "
                    + "the API expects a JSON body"
            )
        )
    }

    /// The URL-safe alphabet's `-` and `_` mapped back to `+` and `/`.
    static func standardAlphabet(_ text: [UInt8]) -> (text: [UInt8], finding: Finding)? {
        guard text.contains(UInt8(ascii: "-")) || text.contains(UInt8(ascii: "_")) else { return nil }
        return (
            text.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "+") : $0 == UInt8(ascii: "_") ? UInt8(ascii: "/") : $0 },
            Finding(
                id: FindingID.cipher(.urlSafeAlphabet),
                summary:
                    "'-' and '_' are the URL-safe base64 alphabet (e.g. Python's base64.urlsafe_b64encode, Node's "
                    + "'base64url'); the API uses standard base64 with '+' and '/'",
                fix: "encode with standard base64: base64.b64encode, base64_encode, Buffer.toString('base64')")
        )
    }

    /// The `=` padding put back.
    static func padded(_ text: [UInt8]) -> (text: [UInt8], finding: Finding)? {
        let data = Array(text.reversed().drop(while: { $0 == UInt8(ascii: "=") }).reversed())
        guard !data.contains(UInt8(ascii: "=")), data.count % 4 == 2 || data.count % 4 == 3 else { return nil }
        let fixed = data + [UInt8](repeating: UInt8(ascii: "="), count: 4 - data.count % 4)
        let missing = fixed.count - text.count
        guard missing > 0 else { return nil }
        return (
            fixed,
            Finding(
                id: FindingID.cipher(.missingPadding),
                summary:
                    "the '=' padding was stripped from the base64 (\(text.count) characters, \(missing) '=' missing)",
                fix: "keep the '=' padding: standard base64 is always a multiple of 4 characters",
                details: ["missing": String(missing)])
        )
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

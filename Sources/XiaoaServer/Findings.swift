internal import XiaoaAPI
internal import XiaoaCipher
internal import XiaoaJSON
internal import XiaoaSigning

/// The findings of a rejected request: the failing check in the server's words, then what the diagnosis
/// module of XiaoaAPI names as the cause (a sign computed with an upper-case inner md5, a '+' turned into a
/// space, a millisecond timestamp, …).
///
/// The single place where the server asks for findings; the log, the `X-Xiaoa-Findings` header and
/// `--explain` all show what this returns.
enum ServerFindings {
    /// Findings for a request the verifier refused (the API module's request diagnosis).
    static func forVerdict(_ verdict: RequestVerdict, body: [UInt8], now: Int64, maxSkew: Int64?) -> [Finding] {
        RequestDiagnosis.findings(for: verdict, body: body, now: now, maxSkew: maxSkew)
    }

    /// A finding for a rejection decided by the server's data (unknown user, binding, password).
    static func server(_ id: String, _ summary: String, fix: String) -> Finding {
        Finding(id: "server.\(id)", summary: summary, fix: fix)
    }

    /// A finding about a password that decrypted fine but is not the stored one: the one mistake the server
    /// can still name without knowing the password is a line break at its end.
    static func wrongPassword(field: String, password: [UInt8], matches: ([UInt8]) -> Bool) -> [Finding] {
        var trimmed = password
        while let last = trimmed.last, last == 0x0a || last == 0x0d { trimmed.removeLast() }
        guard trimmed.count != password.count, matches(trimmed) else { return [] }
        return [Finding(
            id: FindingID.Cipher.trailingNewline,
            summary: "\(field) was encrypted with a line break at its end",
            fix: "strip the trailing newline before encrypting (e.g. read the password without the line terminator)")]
    }

    /// The expected sign steps, for `--explain`: what the server computed from the timestamp and domain key sent.
    static func expectedSign(timestamp: String, domainKey: String, sign: String?) -> JSONValue {
        let steps = XiaoaSign.steps(timestamp: timestamp, domainKey: domainKey)
        var members: [(String, JSONValue)] = [
            ("string_to_sign", .string(String(decoding: steps.input, as: UTF8.self))),
            ("md5_first", .string(steps.md5First)),
            ("md5_second", .string(steps.md5Second)),
            ("cut", .string("characters \(XiaoaSign.offset)..<\(XiaoaSign.offset + XiaoaSign.length) of md5_second")),
            ("sign", .string(steps.sign)),
        ]
        if let sign { members.append(("sign_received", .string(sign))) }
        return .ordered(members)
    }
}

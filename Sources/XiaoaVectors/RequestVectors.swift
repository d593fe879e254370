internal import XiaoaAPI
internal import XiaoaJSON

/// A captured request body and the code the server must answer (schema `xiaoa_request_v1`).
public struct RequestInput: Sendable {
    /// The endpoint, e.g. `assoc/add`.
    public let endpoint: String
    /// The domain keys the server knows.
    public let domainKeys: [String]
    /// The enforced skew in seconds, or nil.
    public let maxSkew: Int64?
    /// The server's clock.
    public let now: Int64
    /// The body bytes as sent.
    public let body: [UInt8]
    /// The code the server answers.
    public let code: Int

    /// Reads a group's fields and returns the parser of its tests.
    static func caseParser(group: inout Fields) throws(VectorError) -> (inout Fields) throws(VectorError) ->
        VectorCase.Input
    {
        let endpoint = try group.string("endpoint")
        guard Endpoint(name: endpoint) != nil else { throw VectorError("unknown endpoint \(endpoint)") }
        let domainKeys = try group.strings("domainKeys")
        let maxSkew: Int64? = try group.value("maxSkew").isNull ? nil : Int64(try group.int("maxSkew"))
        let now = Int64(try group.int("now"))
        return { (test: inout Fields) throws(VectorError) in
            .request(
                RequestInput(
                    endpoint: endpoint, domainKeys: domainKeys, maxSkew: maxSkew, now: now,
                    body: try test.hex("body"), code: try test.int("code")))
        }
    }

    func check(result: VectorCase.Result) -> String? {
        guard let endpoint = Endpoint(name: endpoint) else { return "unknown endpoint \(self.endpoint)" }
        if (result == .valid) != (code == 0) { return "result \(result.rawValue) contradicts code \(code)" }
        let verifier = RequestVerifier(domainKeys: Set(domainKeys), maxSkew: maxSkew)
        let verdict = verifier.verify(body, endpoint: endpoint, now: now)
        guard verdict.code.rawValue == code else {
            return "code is \(verdict.code.rawValue) (\(verdict.failure?.detail ?? "accepted")), expected \(code)"
        }
        return nil
    }
}

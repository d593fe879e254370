import XiaoaAPI
import XiaoaClient
import XiaoaCommandLine
import XiaoaJSON

/// `--verbose`: the request and the answer on stderr, curl-style (`>` sent, `<` received), with the domain key
/// masked and every password field replaced by `***`.
enum Transcript {
    static func request(_ request: XiaoaRequest, domainKey: String) {
        IO.printError("> POST \(request.url)")
        for (name, value) in XiaoaRequest.headers { IO.printError("> \(name): \(value)") }
        IO.printError(">")
        IO.printError("> \(masked(request.body, endpoint: request.endpoint))")
    }

    static func answer(_ answer: XiaoaAnswer) {
        IO.printError("< HTTP \(answer.status)")
        for (name, value) in answer.headers { IO.printError("< \(name): \(value)") }
        IO.printError("<")
        IO.printError("< \(answer.text)")
    }

    /// The body with `domain_key` masked (``XiaoaClient/masked(domainKey:)``) and the password fields `***`.
    static func masked(_ body: [UInt8], endpoint: Endpoint) -> String {
        guard let value = try? JSONParser.parse(body), let object = value.object else { return "(not JSON)" }
        let passwords = Set(endpoint.fields.filter(\.isPassword).map(\.name))
        let members = object.members.map { member -> JSONMember in
            if member.key == "domain_key", let key = member.value.string {
                return JSONMember(key: member.key, value: .string(XiaoaClient.masked(domainKey: key)))
            }
            if passwords.contains(member.key) { return JSONMember(key: member.key, value: .string("***")) }
            return member
        }
        return (try? JCS.canonicalString(.object(JSONObject(members)))) ?? "(not JSON)"
    }
}

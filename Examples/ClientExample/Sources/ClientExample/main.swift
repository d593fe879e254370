// The calls of docs/client.md, each printed with its outcome. Against the stand-in (user xa, password 123456)
// add, login and delete succeed; update is refused with 20002: the binding holds 123456, not "old".
import Foundation
import XiaoaClient

let environment = ProcessInfo.processInfo.environment
let base = environment["XIAOA_BASE_URL"] ?? "http://127.0.0.1:8088"
let key = environment["XIAOA_DOMAIN_KEY"] ?? "demo"

/// Runs `call`, then prints `NAME: ok` (and its result), or the error's code, message and meaning.
func report<T>(_ name: String, _ call: () async throws -> T) async -> Bool {
    do {
        let result = try await call()
        print("\(name): ok" + (result is Void ? "" : " \(result)"))
        return true
    } catch let error as XiaoaAPIError {
        print("\(name): \(error.code) \(error.message) (\(error.meaning))")
    } catch {
        print("\(name): \(error)")
    }
    return false
}

let client = XiaoaClient(baseURL: base, domainKey: key)
let added = await report("add") {
    try await client.add(userName: "xa", password: "123456", cUsername: "c1")
}
let loggedIn = await report("login") {
    let url = try await client.login(cUsername: "c1", redirect: "yxrw")
    return "\(url)"
}
_ = await report("update") {
    try await client.update(userName: "xa", cUsername: "c1", oldPassword: "old", newPassword: "new")
}
let deleted = await report("delete") {
    try await client.delete(userName: "xa", password: "123456", cUsername: "c1")
}
exit(added && loggedIn && deleted ? 0 : 1)

import ArgumentParser

/// `xiaoa-crypto call`: executes the sibling binary `xiaoa-crypto-call` with the remaining arguments.
///
/// The HTTP client (AsyncHTTPClient on SwiftNIO and Foundation) lives in that binary, like the server in
/// `xiaoa-crypto-serve`: linked here it would slow every start of this tool (`sign --batch` in a shell loop).
struct Call: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send one request to the Xiao A API and print the answer (see 'xiaoa-crypto call --help').",
        discussion: """
            Runs xiaoa-crypto-call from the directory of this executable with the same arguments.

            Examples:
              echo 123456 | xiaoa-crypto call assoc/add \\
                  --base-url http://127.0.0.1:8088 --domain-key demo \\
                  --user-name xa --c-username c1
              xiaoa-crypto call assoc/login --base-url http://127.0.0.1:8088 \\
                  --domain-key demo --c-username c1 --redirect yxrw
            """)

    @Argument(parsing: .captureForPassthrough, help: "Arguments for xiaoa-crypto-call.")
    var arguments: [String] = []

    func run() throws {
        try Sibling.exec("xiaoa-crypto-call", arguments: arguments)
    }
}

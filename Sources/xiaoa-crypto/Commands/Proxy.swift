import ArgumentParser

/// `xiaoa-crypto proxy`: executes the sibling binary `xiaoa-crypto-serve proxy` with the remaining arguments.
///
/// The proxy lives in the server binary (Hummingbird, AsyncHTTPClient), so that this tool's start-up stays small;
/// this command only forwards.
struct Proxy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a debugging proxy in front of the API (see 'xiaoa-crypto proxy --help').",
        discussion: """
            Runs 'xiaoa-crypto-serve proxy' from the directory of this executable with the same arguments.

            Examples:
              xiaoa-crypto proxy --upstream http://127.0.0.1:8088 --log -
              xiaoa-crypto proxy --upstream https://api.example.com/v1 --har session.har
            """)

    @Argument(parsing: .captureForPassthrough, help: "Arguments for xiaoa-crypto-serve proxy.")
    var arguments: [String] = []

    func run() throws {
        try Sibling.exec("xiaoa-crypto-serve", arguments: ["proxy"] + arguments)
    }
}

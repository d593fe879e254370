import ArgumentParser

/// `xiaoa-crypto serve`: executes the sibling binary `xiaoa-crypto-serve` with the remaining arguments.
///
/// The server is a binary of its own because Hummingbird, GRDB and Foundation would make every start of this
/// tool slower (`sign --batch` in a shell loop starts it thousands of times); this command only forwards.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a local stand-in for the Xiao A API (see 'xiaoa-crypto serve --help').",
        discussion: """
            Runs xiaoa-crypto-serve from the directory of this executable with the same arguments.

            Examples:
              xiaoa-crypto serve --db xiaoa.sqlite --domain-key abc --log -
              echo 123456 | xiaoa-crypto serve users add xa --db xiaoa.sqlite
              xiaoa-crypto serve users list --db xiaoa.sqlite
            """)

    @Argument(parsing: .captureForPassthrough, help: "Arguments for xiaoa-crypto-serve.")
    var arguments: [String] = []

    func run() throws {
        try Sibling.exec("xiaoa-crypto-serve", arguments: arguments)
    }
}

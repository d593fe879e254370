import ArgumentParser

/// `xiaoa-crypto verify`: check a value and answer with the exit status.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a sign, a password ciphertext, a request or a HAR capture; exit 0 when right, 1 when not.",
        subcommands: [VerifySign.self, VerifyPassword.self, VerifyRequest.self, VerifyHAR.self])
}

import ArgumentParser

/// `xiaoa-crypto verify`: check a value and answer with the exit status.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a sign or a password ciphertext; exit 0 when it is right, 1 when not.",
        subcommands: [VerifySign.self, VerifyPassword.self])
}

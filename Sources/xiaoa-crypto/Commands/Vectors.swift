import ArgumentParser

/// `xiaoa-crypto vectors`: run and make vector files.
struct Vectors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check vector files against this implementation.",
        subcommands: [VectorsCheck.self])
}

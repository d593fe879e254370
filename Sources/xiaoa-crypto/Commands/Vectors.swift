import ArgumentParser

/// `xiaoa-crypto vectors`: run and make vector files.
struct Vectors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check vector files, or generate large ones for other implementations.",
        subcommands: [VectorsCheck.self, VectorsGenerate.self])
}

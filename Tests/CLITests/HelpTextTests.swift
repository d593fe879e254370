import Foundation
import Testing

/// `--help` of every command at 80 columns: prose may reflow, but an example never breaks inside a command.
///
/// swift-argument-parser wraps the discussion to the terminal width and starts the rest of a long line at the left
/// margin, so an example longer than the width would be cut in two. Examples are indented two spaces and kept
/// within 78 columns, continued with ` \` (docs/development.md).
@Suite("Help text at 80 columns")
struct HelpTextTests {
    static let columns = 80

    /// Every command path, found by walking the SUBCOMMANDS sections of the help from the root down.
    static func commandPaths() throws -> [[String]] {
        var paths: [[String]] = []
        var queue: [[String]] = [[]]
        while !queue.isEmpty {
            let path = queue.removeFirst()
            paths.append(path)
            let help = try XiaoaBinary.run(path + ["--help"], environment: ["COLUMNS": "\(columns)"])
            var inSubcommands = false
            for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
                if line == "SUBCOMMANDS:" {
                    inSubcommands = true
                    continue
                }
                guard inSubcommands else { continue }
                // "  name    abstract" or "  name (default)  abstract"; a section ends at a blank line.
                guard line.hasPrefix("  "), !line.hasPrefix("   ") else {
                    if line.isEmpty { inSubcommands = false }
                    continue
                }
                let name = String(line.dropFirst(2).prefix { $0 != " " })
                if !name.isEmpty, name != "help" { queue.append(path + [name]) }
            }
        }
        return paths
    }

    @Test func everyCommandIsFound() throws {
        let paths = try Self.commandPaths().map { $0.joined(separator: " ") }
        for expected in ["sign", "verify request", "diagnose password", "vectors generate", "serve users add"] {
            #expect(paths.contains(expected), "\(expected) is missing from \(paths)")
        }
    }

    @Test func examplesNeverBreakInsideACommand() throws {
        for path in try Self.commandPaths() {
            let name = (["xiaoa-crypto"] + path).joined(separator: " ")
            let help = try XiaoaBinary.run(path + ["--help"], environment: ["COLUMNS": "\(Self.columns)"])
            #expect(help.status == 0, "\(name) --help: \(help)")
            let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let start = lines.firstIndex(of: "Examples:") else { continue }
            var previousContinues = false
            for line in lines[(start + 1)...] {
                if line.isEmpty || line.hasPrefix("USAGE:") { break }
                #expect(line.hasPrefix("  "), "\(name) --help: an example broke at \(Self.columns) columns: \(line)")
                #expect(line.count < Self.columns, "\(name) --help: example line too long for \(Self.columns): \(line)")
                if previousContinues {
                    #expect(line.hasPrefix("    "), "\(name) --help: a continuation line is not indented: \(line)")
                }
                previousContinues = line.hasSuffix("\\")
            }
        }
    }
}

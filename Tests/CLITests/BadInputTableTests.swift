import Foundation
import Testing

/// Runs every row of docs/bad-input.tsv (the bad-input table that docs/cli.md shows) as written, so the table
/// stays true.
@Suite("Bad-input table (docs/bad-input.tsv)")
struct BadInputTableTests {
    struct Row: Sendable, CustomStringConvertible {
        let command: String
        let status: Int32
        let stderrPrefix: String
        var description: String { command }
    }

    static let tablePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/bad-input.tsv").path

    struct TableError: Error, CustomStringConvertible {
        let description: String
    }

    /// The rows of the table: a header line, then `command<TAB>exit<TAB>stderr prefix` per line. A line in any
    /// other shape is an error, never skipped.
    static func rows() throws -> [Row] {
        let text = try String(contentsOfFile: tablePath, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard lines.first == "command\texit\tstderr starts with" else {
            throw TableError(description: "\(tablePath): the header line is not command, exit, stderr starts with")
        }
        return try lines.dropFirst().enumerated().map { index, line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 3, !cells[0].isEmpty, let status = Int32(cells[1]) else {
                throw TableError(description: "\(tablePath):\(index + 2): not command<TAB>exit<TAB>stderr prefix")
            }
            return Row(command: cells[0], status: status, stderrPrefix: cells[2])
        }
    }

    @Test func tableIsThere() throws {
        #expect(try Self.rows().count >= 30)
    }

    /// docs/cli.md shows the table as Markdown between two markers; it must say exactly what the file says.
    @Test func docsShowTheTable() throws {
        let docs = URL(fileURLWithPath: Self.tablePath).deletingLastPathComponent().appendingPathComponent("cli.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "<!-- bad-input-table:start -->\n"), "no start marker in cli.md")
        let end = try #require(text.range(of: "<!-- bad-input-table:end -->"), "no end marker in cli.md")
        let expected =
            "| command | exit | stderr starts with |\n|---|---|---|\n"
            + (try Self.rows()).map {
                "| `\($0.command.replacingOccurrences(of: "|", with: "\\|"))` | \($0.status) | `\($0.stderrPrefix)` |\n"
            }.joined()
        let shown = String(text[start.upperBound..<end.lowerBound])
        #expect(shown == expected, "docs/cli.md's copy of bad-input.tsv differs; the table should read:\n\(expected)")
    }

    @Test(arguments: try rows())
    func row(_ row: Row) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", row.command]
        var environment = ProcessInfo.processInfo.environment
        let binDirectory = URL(fileURLWithPath: XiaoaBinary.path).deletingLastPathComponent().path
        environment["PATH"] = binDirectory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errData, as: UTF8.self)
        #expect(process.terminationStatus == row.status, "\(row.command)\nstderr: \(stderr)")
        #expect(stderr.hasPrefix(row.stderrPrefix), "\(row.command)\nstderr: \(stderr)")
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Stack dump"), "\(row.command)")
    }
}

import Foundation
import Testing

/// Runs every row of README.md's bad-input table as written, so the table stays true.
@Suite("README bad-input table")
struct BadInputTableTests {
    struct Row: Sendable, CustomStringConvertible {
        let command: String
        let status: Int32
        let stderrPrefix: String
        var description: String { command }
    }

    static func rows() throws -> [Row] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let start = text.range(of: "<!-- bad-input-table:start -->"),
              let end = text.range(of: "<!-- bad-input-table:end -->") else { return [] }
        var rows: [Row] = []
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            // | `command` | exit | `stderr prefix` | — the command may contain "\|" for a pipe.
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{1}").split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{1}", with: "|")
            }
            guard cells.count == 3, let status = Int32(cells[1]) else { continue }
            rows.append(Row(command: String(cells[0].dropFirst().dropLast()), status: status,
                            stderrPrefix: String(cells[2].dropFirst().dropLast())))
        }
        return rows
    }

    @Test func tableIsThere() throws {
        #expect(try Self.rows().count >= 30)
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

import Foundation
import Testing
@_exported import XiaoaTestSupport

// Shared helpers: locating vector files, a seeded PRNG, and running node.

// MARK: - Vector files

/// Paths of the files under `Vectors/`, found from this source file (package root = 3 levels up).
enum VectorFiles {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // XiaoaJSONTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    static func url(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent("Vectors").appendingPathComponent(relativePath)
    }

    /// The bytes of `Vectors/<relativePath>`; a missing file is a test failure, not a crash.
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relativePath)))
    }

    /// The file names in `Vectors/<directory>` with the given prefix, sorted. Called while building test
    /// arguments, so a missing directory gives an empty list (and the count test below fails).
    static func names(in directory: String, prefix: String = "", suffix: String = ".json") -> [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: url(directory).path)) ?? []
        return all.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
    }
}

// MARK: - External tools

/// Runs a command found on `PATH` with `input` on stdin; `nil` when the tool is not installed.
///
/// Input and output go through temporary files, so a large output cannot fill a pipe and stall the child.
func runTool(_ name: String, arguments: [String], input: Data) throws -> (status: Int32, stdout: Data, stderr: Data)? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    guard let path = paths.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else { return nil }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xiaoa-json-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("stdin")
    let outURL = dir.appendingPathComponent("stdout")
    let errURL = dir.appendingPathComponent("stderr")
    try input.write(to: inURL)
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardInput = try FileHandle(forReadingFrom: inURL)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try Data(contentsOf: outURL), try Data(contentsOf: errURL))
}

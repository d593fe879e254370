import Foundation
import Testing

/// Results that cannot be written are lost: the run must say so and exit 74 (EX_IOERR), never exit 0.
@Suite("output that cannot be written")
struct OutputFailureTests {
    /// Runs `executable` with stdout on /dev/full (every write fails with ENOSPC) and stdin from `input`.
    static func runIntoFullDisk(_ executable: String, _ arguments: [String], input: String = "") throws -> (
        status: Int32, stderr: String
    ) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xiaoa-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inURL = directory.appendingPathComponent("stdin")
        let errURL = directory.appendingPathComponent("stderr")
        try Data(input.utf8).write(to: inURL)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// 50,000 lines for the batch modes: many chunks, so the failure comes from a worker, not only at the end.
    static let signLines = (0..<50_000).map { "\(1_700_000_000 + $0)\tabc" }.joined(separator: "\n") + "\n"

    /// What goes to stdin, named so that a test case's description stays one short line.
    enum Input: String, Sendable, CustomTestStringConvertible {
        case nothing, password, signLines
        var text: String {
            switch self {
            case .nothing: ""
            case .password: "123456\n"
            case .signLines: OutputFailureTests.signLines
            }
        }
        var testDescription: String { rawValue }
    }

    @Test(arguments: [
        (["sign", "--domain-key", "abc", "--timestamp", "1700000000"], Input.nothing),
        (["sign", "--domain-key", "abc", "--timestamp", "1700000000", "--format", "json"], .nothing),
        (["encrypt"], .password),
        (["codes"], .nothing),
        (["vectors", "generate", "--kinds", "sign", "--count", "5"], .nothing),
        (["sign", "--batch"], .signLines),
        (["sign", "--batch", "--jobs", "2"], .signLines),
    ])
    func exits74(_ arguments: [String], _ input: Input) throws {
        let run = try Self.runIntoFullDisk(XiaoaBinary.path, arguments, input: input.text)
        #expect(run.status == 74, "\(arguments): exit \(run.status), stderr \(run.stderr.prefix(200))")
        #expect(run.stderr.contains("error: cannot write stdout: No space left on device"), "\(run.stderr.prefix(200))")
    }

    @Test func serveUsersListExits74() throws {
        let serve = URL(fileURLWithPath: XiaoaBinary.path).deletingLastPathComponent().appendingPathComponent(
            "xiaoa-crypto-serve"
        ).path
        try #require(FileManager.default.isExecutableFile(atPath: serve), "build xiaoa-crypto-serve first")
        let database = FileManager.default.temporaryDirectory.appendingPathComponent(
            "xiaoa-full-\(UUID().uuidString).sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: database) }
        let add = try Self.runIntoFullDisk(
            serve, ["users", "add", "xa", "--db", database, "--pbkdf2-iterations", "1000"], input: "123456\n")
        try #require(add.status == 0, "\(add.stderr)")
        let list = try Self.runIntoFullDisk(serve, ["users", "list", "--db", database])
        #expect(list.status == 74, "\(list.stderr)")
        #expect(list.stderr.contains("error: cannot write stdout"))
    }
}

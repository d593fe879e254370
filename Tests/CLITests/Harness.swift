import Foundation

/// What one run of the real `xiaoa-crypto` binary produced.
struct Run: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutBytes: Data

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs the built binary, as a user would, and captures everything it printed.
enum XiaoaBinary {
    /// The binary next to the test bundle (both live in `.build/<triple>/debug`), or `$XIAOA_BIN`.
    static let path: String = {
        if let env = ProcessInfo.processInfo.environment["XIAOA_BIN"] { return env }
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return runner.deletingLastPathComponent().appendingPathComponent("xiaoa-crypto").path
    }()

    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = "100"
        // English unless a test asks otherwise, whatever the locale of the machine running the tests.
        env["XIAOA_LANG"] = "en"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let input = Pipe()
        let output = Pipe()
        // stderr goes to a file, so reading stdout to its end cannot deadlock against a full stderr pipe.
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "xiaoa-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errorHandle
        try process.run()
        try errorHandle.close()
        // Feed stdin from another thread so a large input cannot deadlock against a full stdout pipe.
        let writer = Thread {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = try Data(contentsOf: errorURL)
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self),
            stdoutBytes: outData)
    }

    static func run(_ arguments: [String], stdin: String, environment: [String: String] = [:]) throws -> Run {
        try run(arguments, stdin: Data(stdin.utf8), environment: environment)
    }
}

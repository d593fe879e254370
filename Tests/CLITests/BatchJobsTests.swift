import Foundation
import Testing

/// `--batch --jobs n`: several threads take chunks of stdin in turn and write them in input order, so any
/// number of jobs must print exactly what one job prints — stdout, each `error: line N` on stderr, exit status.
@Suite("batch modes with several jobs")
struct BatchJobsTests {
    /// About 2.6 MB of input: ten 256 KiB chunks, so every worker gets several and the turns interleave.
    static let plaintexts = (0..<120_000).map { "pw-\($0)-\(String(repeating: "密", count: $0 % 7))" }

    @Test(arguments: [2, 3, 8])
    func decryptWithBadLinesMatchesOneJob(jobs: Int) throws {
        let encrypted = try XiaoaBinary.run(
            ["encrypt", "--batch", "--jobs", "\(jobs)"], stdin: Self.plaintexts.joined(separator: "\n") + "\n")
        try #require(encrypted.status == 0, "\(encrypted.stderr)")
        // Spoil every 9,973rd ciphertext: those lines must fail, each reported with its own line number.
        var lines = encrypted.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == Self.plaintexts.count)
        let spoiled = Array(stride(from: 17, to: lines.count, by: 9_973))
        for index in spoiled { lines[index] = "not base64!" }
        let input = lines.joined(separator: "\n") + "\n"

        let one = try XiaoaBinary.run(["decrypt", "--batch"], stdin: input)
        let many = try XiaoaBinary.run(["decrypt", "--batch", "--jobs", "\(jobs)"], stdin: input)
        #expect(one.status == 65 && many.status == 65)
        #expect(Self.firstDifference(many.stdout, one.stdout) == nil, "--jobs \(jobs) prints other lines than one job")
        #expect(Self.firstDifference(many.stderr, one.stderr) == nil)
        var expected = Self.plaintexts
        for index in spoiled { expected[index] = "" }
        #expect(Self.firstDifference(many.stdout, expected.joined(separator: "\n") + "\n") == nil)
        let reported = many.stderr.split(separator: "\n").filter { $0.hasPrefix("error: line ") }
        #expect(reported.allSatisfy { $0.contains(": ciphertext is not valid base64") }, "\(reported.prefix(2))")
        #expect(reported.map { Int($0.split(separator: " ")[2].dropLast()) ?? -1 } == spoiled.map { $0 + 1 })
    }

    @Test(arguments: [2, 4])
    func tooLongLineAfterManyChunksMatchesOneJob(jobs: Int) throws {
        // Five chunks of good lines, then a line over the 1 MiB limit, then more good lines.
        let good = Self.plaintexts.prefix(60_000)
        let input = good.joined(separator: "\n") + "\n" + String(repeating: "x", count: (1 << 20) + 1) + "\nlast\n"
        let one = try XiaoaBinary.run(["encrypt", "--batch"], stdin: input)
        let many = try XiaoaBinary.run(["encrypt", "--batch", "--jobs", "\(jobs)"], stdin: input)
        #expect(one.status == 65 && many.status == 65)
        #expect(many.stderr == one.stderr)
        #expect(many.stderr.contains("error: line 60001 is longer than 1048576 bytes"), "\(many.stderr)")
        #expect(Self.firstDifference(many.stdout, one.stdout) == nil)
        // Every line before the long one was encrypted and printed; nothing after it.
        #expect(many.stdout.hasSuffix("\n"))
        #expect(many.stdout.split(separator: "\n").count == good.count)
    }

    /// A long line for the limit test: `count` times `byte`, then `ending`; described briefly, not in full.
    struct LongLine: CustomTestStringConvertible, Sendable {
        var byte: String
        var count: Int
        var ending: String
        var accepted: Bool
        var text: String { String(repeating: byte, count: count) + ending }
        var testDescription: String { "\(count) × \(byte.debugDescription) + \(ending.debugDescription)" }
    }

    /// The 1 MiB limit counts a line without its `\n` or `\r\n`, wherever the line falls in the reads.
    @Test(arguments: [
        LongLine(byte: "x", count: 1 << 20, ending: "\r\n", accepted: true),
        LongLine(byte: "x", count: 1 << 20, ending: "\r", accepted: true),  // the last line, without its \n
        LongLine(byte: "\r", count: (1 << 20) + 1, ending: "\n", accepted: true),
        LongLine(byte: "x", count: (1 << 20) + 1, ending: "\r\n", accepted: false),
        LongLine(byte: "\r", count: (1 << 20) + 2, ending: "\n", accepted: false),
    ])
    func lineLimitIgnoresTheLineEnd(_ line: LongLine) throws {
        for jobs in [1, 2] {
            let input = "a\n" + line.text + (line.ending.hasSuffix("\n") ? "b\n" : "")
            let run = try XiaoaBinary.run(["encrypt", "--batch", "--jobs", "\(jobs)"], stdin: input)
            if line.accepted {
                #expect(run.status == 0, "--jobs \(jobs): \(run.stderr.prefix(200))")
                let lines = run.stdout.split(separator: "\n").count
                #expect(lines == (line.ending.hasSuffix("\n") ? 3 : 2), "--jobs \(jobs): \(lines) lines")
            } else {
                #expect(run.status == 65, "--jobs \(jobs)")
                #expect(
                    run.stderr.hasPrefix("error: line 2 is longer than 1048576 bytes"),
                    "--jobs \(jobs): \(run.stderr.prefix(200))")
            }
        }
    }

    /// A batch mode answers each line as it comes, so a script can keep it running as a coprocess.
    @Test(arguments: [1, 2])
    func answersEachLineBeforeTheInputEnds(jobs: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: XiaoaBinary.path)
        process.arguments = ["sign", "--batch", "--jobs", "\(jobs)"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let answers = LineQueue(output.fileHandleForReading)
        for (timestamp, sign) in [("1700000000", "8119bf02e2"), ("1700000001", nil), ("1700000000", "8119bf02e2")] {
            input.fileHandleForWriting.write(Data("\(timestamp)\tabc\n".utf8))
            let answer = answers.next(timeout: 20)
            #expect(answer != nil, "no answer within 20 s while stdin is still open")
            #expect(answer?.count == 10)
            if let sign { #expect(answer == sign) }
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func signManyJobsMatchesOneJob() throws {
        let input = (0..<100_000).map { "\(1_700_000_000 + $0)\tkey-\($0 % 977)" }.joined(separator: "\n") + "\n"
        let one = try XiaoaBinary.run(["sign", "--batch"], stdin: input)
        try #require(one.status == 0)
        for jobs in [2, 5] {
            let many = try XiaoaBinary.run(["sign", "--batch", "--jobs", "\(jobs)"], stdin: input)
            #expect(many.status == 0)
            #expect(Self.firstDifference(many.stdout, one.stdout) == nil, "--jobs \(jobs)")
        }
    }

    /// The first line where `a` and `b` differ, as a short text; nil when they are equal. (Comparing megabytes
    /// with `#expect(a == b)` would make a failure print, and diff, both in full.)
    static func firstDifference(_ a: String, _ b: String) -> String? {
        guard a != b else { return nil }
        let linesA = a.split(separator: "\n", omittingEmptySubsequences: false)
        let linesB = b.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (x, y)) in zip(linesA, linesB).enumerated() where x != y {
            return "line \(index + 1): \(x.prefix(80)) ≠ \(y.prefix(80))"
        }
        return "\(linesA.count) lines ≠ \(linesB.count) lines"
    }
}

/// Lines read from a pipe on a thread of their own, so a test can wait for the next one with a timeout.
final class LineQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var partial = Data()
    private let arrived = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                lock.lock()
                partial.append(data)
                while let newline = partial.firstIndex(of: 0x0a) {
                    lines.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
                    partial.removeSubrange(partial.startIndex...newline)
                    arrived.signal()
                }
                lock.unlock()
            }
        }.start()
    }

    /// The next line, or nil when none comes within `timeout` seconds.
    func next(timeout: Double) -> String? {
        guard arrived.wait(timeout: .now() + timeout) == .success else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return lines.removeFirst()
    }
}

// The properties the `linereader` fuzz target checks on every input (Fuzz/Sources/FuzzLineReader): the batch
// modes' stdin reader (XiaoaCommandLine's ChunkReader, Lines and LineReader) on any bytes and any chunk size.
// Tests/XiaoaCommandLineTests replays every saved input through them with the input's own chunk size.
//
// Input layout, shared with Tests/CLITests/LineReaderFuzzRegressionTests.swift, which also replays saved inputs
// through the real binary: byte 0 is a control byte, the rest is what stdin holds. The chunk size of the reader is
// (control & 0x3f) + 1 bytes, so that lines cross chunk boundaries even in short inputs. When bit 0x40 of the
// control byte is set, a line that starts with the bytes 0xff L D is stretched: the rest of the line is repeated to
// L * 8192 + D - 128 bytes (0xff 0x80 0x80 is exactly 1 MiB, 0xff 0x80 0x81 one byte over the limit), at most
// 8 MiB in all, so that long lines reach the buffer's growth and its line-length limit anywhere in the input.

import XiaoaCommandLine

#if canImport(Glibc)
    import Glibc
#endif

/// Checks the line reader against the batch contract's definition of lines.
public enum LineReaderFuzzInvariants {
    /// `nil` when the readers hand out exactly the input's lines (or refuse only a line over the limit, after every
    /// line before it), read through `file` in chunks of the input's chunk size; else what went wrong.
    public static func check(_ input: [UInt8], in file: InputFile) -> String? {
        let (data, chunkSize) = decode(input)
        let lengths = ExpectedLines.lengths(data)
        let longest = lengths.max() ?? 0
        let tooLong = lengths.firstIndex { $0 > ChunkReader.maxLineLength }.map { $0 + 1 }  // a line number
        file.load(data)
        return data.withUnsafeBufferPointer {
            checkReaders(data: $0, file: file, chunkSize: chunkSize, longest: longest, tooLong: tooLong)
        }
    }

    /// The stdin bytes and the chunk size an input stands for.
    public static func decode(_ input: [UInt8]) -> (data: [UInt8], chunkSize: Int) {
        guard let control = input.first else { return ([], 64) }
        let data = Array(input.dropFirst())
        return (control & 0x40 == 0 ? data : stretchLines(data), Int(control & 0x3f) + 1)
    }
}

/// A temporary file (already unlinked) that holds one input at a time; the readers read it from offset 0.
public final class InputFile {
    let fd: Int32

    public init() {
        var template = Array("/tmp/xiaoa-fuzz-linereader-XXXXXX".utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        precondition(fd >= 0, "mkstemp failed")
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    deinit { close(fd) }

    func load(_ data: [UInt8]) {
        precondition(ftruncate(fd, 0) == 0)
        var offset = 0
        data.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let n = pwrite(fd, bytes.baseAddress! + offset, bytes.count - offset, off_t(offset))
                precondition(n > 0, "pwrite failed")
                offset += n
            }
        }
        rewind()
    }

    func rewind() { precondition(lseek(fd, 0, SEEK_SET) == 0) }
}

/// `data` with every line `0xff L D rest` replaced by `rest` repeated to `L * 8192 + D - 128` bytes.
func stretchLines(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var budget = 8 << 20
    var start = 0
    while start < data.count {
        let newline = data[start...].firstIndex(of: 0x0a) ?? data.count
        let line = data[start..<newline]
        let length = line.count > 3 ? Int(line[start + 1]) * 8192 + Int(line[start + 2]) - 128 : 0
        if line.first == 0xff, length > 0, length <= budget {
            let unit = line.dropFirst(3)
            var long = Array(unit)
            long.reserveCapacity(2 * length)
            while long.count < length { long += long }
            out += long[..<length]
            budget -= length
        } else {
            out += line
        }
        if newline < data.count { out.append(0x0a) }
        start = newline + 1
    }
    return out
}

/// The lines of `data` by the batch contract, one at a time: split at `\n`, one `\r` before it dropped, a last line
/// without `\n` counts, an empty input has none. Works on ranges so that megabytes of lines cost no allocations.
struct ExpectedLines {
    /// The input; the caller keeps its array alive while this is used.
    let data: UnsafeBufferPointer<UInt8>
    var start = 0

    /// The byte range of the next line, without its line end.
    mutating func next() -> Range<Int>? {
        guard start < data.count else { return nil }
        var newline = data.count
        if let p = memchr(data.baseAddress! + start, 0x0a, data.count - start) {
            newline = data.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
        var end = newline
        if end > start, data[end - 1] == 0x0d { end -= 1 }
        defer { start = newline + 1 }
        return start..<end
    }

    /// Each line's length as the batch contract counts it: without its `\n` or `\r\n`.
    static func lengths(_ data: [UInt8]) -> [Int] {
        data.withUnsafeBufferPointer { data in
            var lines = ExpectedLines(data: data)
            var lengths: [Int] = []
            while let line = lines.next() { lengths.append(line.count) }
            return lengths
        }
    }
}

/// Checks the lines a reader hands out, as they come.
struct LineChecker {
    var expected: ExpectedLines
    var count = 0
    var problem: String?

    init(_ data: UnsafeBufferPointer<UInt8>) { expected = ExpectedLines(data: data) }

    mutating func take(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        guard problem == nil else { return }
        count += 1
        guard number == count else {
            problem = "line number \(number) where \(count) was next"
            return
        }
        guard let range = expected.next() else {
            problem = "more lines than the input's"
            return
        }
        let same =
            range.count == line.count
            && (line.isEmpty
                || memcmp(expected.data.baseAddress! + range.lowerBound, line.baseAddress!, line.count) == 0)
        if !same {
            problem = "line \(count) is \(Array(line.prefix(40))), expected \(Array(expected.data[range].prefix(40)))"
        }
    }

    /// Whether every line was handed out.
    mutating func finished() -> Bool { expected.next() == nil }
}

func checkReaders(
    data: UnsafeBufferPointer<UInt8>, file: InputFile, chunkSize: Int, longest: Int, tooLong: Int?
) -> String? {
    // LineReader, as the batch modes' line-at-a-time callers use it (not for megabyte lines: the ChunkReader run
    // below is the same code, and the scan of a long line is the slowest part of the target).
    var checker = LineChecker(data)
    var failure: Failure?
    if data.count < 1 << 20 {
        do {
            try LineReader(fd: file.fd).forEachLine { line, number throws(Failure) in checker.take(line, number: number)
            }
        } catch {
            failure = error
        }
        if let problem = verdict(&checker, failure, longest: longest, tooLong: tooLong) {
            return "LineReader: \(problem)"
        }
        file.rewind()
    }

    // ChunkReader with a tiny chunk size, and Lines over each chunk, as Batch uses them.
    checker = LineChecker(data)
    failure = nil
    var offset = 0
    var chunkProblem: String?
    do {
        var linesSoFar = 0
        var lastEndedWithNewline = true
        try ChunkReader(fd: file.fd, chunkSize: chunkSize).forEachChunk { chunk, linesBefore throws(Failure) in
            if chunkProblem != nil { return }
            if !lastEndedWithNewline { chunkProblem = "a chunk other than the last does not end with a newline" }
            if chunk.isEmpty { chunkProblem = "an empty chunk" }
            if linesBefore != linesSoFar {
                chunkProblem = "linesBefore \(linesBefore), but \(linesSoFar) lines came before"
            }
            let same =
                offset + chunk.count <= data.count
                && (chunk.isEmpty || memcmp(data.baseAddress! + offset, chunk.baseAddress!, chunk.count) == 0)
            if !same { chunkProblem = "the chunk at offset \(offset) is not the input's bytes there" }
            offset += chunk.count
            lastEndedWithNewline = chunk.last == 0x0a
            var count = 0
            try Lines.forEach(in: chunk) { line, index throws(Failure) in
                if index != count { chunkProblem = "line index \(index) where \(count) was next" }
                checker.take(line, number: linesBefore + index + 1)
                count += 1
            }
            if count != Lines.count(in: chunk) {
                chunkProblem = "Lines.count says \(Lines.count(in: chunk)), forEach gave \(count)"
            }
            linesSoFar += count
        }
    } catch {
        failure = error
    }
    if let chunkProblem { return "ChunkReader(chunkSize: \(chunkSize)): \(chunkProblem)" }
    if failure == nil, offset != data.count {
        return "ChunkReader(chunkSize: \(chunkSize)): the chunks hold \(offset) of \(data.count) bytes"
    }
    if let problem = verdict(&checker, failure, longest: longest, tooLong: tooLong) {
        return "ChunkReader(chunkSize: \(chunkSize)): \(problem)"
    }
    return nil
}

/// Whether a reader's run was right: every line, in order, or a refusal exactly when a line is over the limit,
/// naming the first such line after handing out every line before it.
func verdict(_ checker: inout LineChecker, _ failure: Failure?, longest: Int, tooLong: Int?) -> String? {
    if let problem = checker.problem { return problem }
    if let failure {
        guard failure.status == .badData, let tooLong else {
            return "refused input whose longest line is \(longest) bytes: \(failure.message)"
        }
        guard failure.message.hasPrefix("line \(tooLong) is longer than") else {
            return "refused with \"\(failure.message)\", but line \(tooLong) is the first over the limit"
        }
        guard checker.count == tooLong - 1 else {
            return "handed out \(checker.count) lines before refusing line \(tooLong)"
        }
        return nil
    }
    guard longest <= ChunkReader.maxLineLength else {
        return "accepted a line of \(longest) bytes, over the limit of \(ChunkReader.maxLineLength)"
    }
    guard checker.finished() else { return "only \(checker.count) lines of the input were handed out" }
    return nil
}

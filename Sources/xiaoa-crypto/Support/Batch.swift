import ArgumentParser
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// What a batch mode does to one line. Each worker thread owns one value (libcrypto contexts are per thread).
protocol LineOperation {
    /// Appends the result for `line` (without a newline) to `output`; returns an error message for a bad line
    /// and appends nothing then.
    mutating func process(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> String?
}

/// Options shared by the batch modes.
struct BatchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Worker threads for --batch; output order is kept.", valueName: "n"))
    var jobs: Int = 1

    @Flag(help: "Show progress on stderr during --batch (default: only when stderr is a terminal).")
    var progress = false

    func validate() throws {
        if jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be between 1 and 256") }
    }
}

/// Streams stdin to stdout through a ``LineOperation``: large buffered I/O, constant memory, order kept.
///
/// A bad line prints an empty line on stdout (so output line n still belongs to input line n) and an
/// `error: line N: …` line on stderr; the run goes on and ends with exit status 65.
enum Batch {
    static func run<Operation: LineOperation>(
        options: BatchOptions, makeOperation: () throws(Failure) -> Operation
    ) throws(Failure) {
        var operations: [Operation] = []
        for _ in 0..<options.jobs { operations.append(try makeOperation()) }
        let progress = Progress(enabled: options.progress || isatty(2) == 1)
        var errors = BatchErrors()
        let reader = ChunkReader(chunkSize: options.jobs == 1 ? 1 << 18 : 1 << 17)
        if options.jobs == 1 {
            var output = [UInt8]()
            output.reserveCapacity(1 << 19)
            try reader.forEachChunk { chunk, linesBefore throws(Failure) in
                let failures = process(chunk, with: &operations[0], into: &output)
                write(&output)
                errors.report(failures, linesBefore: linesBefore)
                progress.advance(by: Lines.count(in: chunk))
            }
        } else {
            try pipeline(reader: reader, operations: operations, progress: progress, errors: &errors)
        }
        progress.finish()
        try errors.finish()
    }

    /// One chunk in flight: its bytes, its worker's operation, its output and the signal that it is done.
    ///
    /// A slot is touched by one thread at a time: the reader fills it, one worker processes it, then the reader
    /// (after waiting on `done`) writes it out; the semaphore orders these hand-overs.
    final class Slot<Operation: LineOperation>: @unchecked Sendable {
        var operation: Operation
        var input: [UInt8] = []
        var linesBefore = 0
        var lines = 0
        var output: [UInt8] = []
        var failures: [(index: Int, message: String)] = []
        let done = DispatchSemaphore(value: 0)

        init(_ operation: Operation) { self.operation = operation }

        func process() {
            output.removeAll(keepingCapacity: true)
            failures = input.withUnsafeBufferPointer { chunk in Batch.process(chunk, with: &operation, into: &output) }
            done.signal()
        }
    }

    /// Several workers: chunk k goes to worker k mod n (a serial queue each), and the reading thread writes
    /// finished chunks in input order while the workers compute, so reading, computing and writing overlap.
    static func pipeline<Operation: LineOperation>(
        reader: ChunkReader, operations: [Operation], progress: Progress, errors: inout BatchErrors
    ) throws(Failure) {
        let workers = operations.count
        let queues = (0..<workers).map { DispatchQueue(label: "xiaoa-crypto.batch.\($0)") }
        // Two slots per worker: one being computed while the next is filled.
        let slots = (0..<(2 * workers)).map { Slot(operations[$0 % workers]) }
        var next = 0    // the slot the next chunk goes into
        var oldest = 0  // the slot to write next
        var inFlight = 0
        func writeOldest() {
            let slot = slots[oldest]
            slot.done.wait()
            write(&slot.output)
            errors.report(slot.failures, linesBefore: slot.linesBefore)
            progress.advance(by: slot.lines)
            oldest = (oldest + 1) % slots.count
            inFlight -= 1
        }
        try reader.forEachChunk { chunk, linesBefore throws(Failure) in
            if inFlight == slots.count { writeOldest() }
            let slot = slots[next]
            slot.input.removeAll(keepingCapacity: true)
            slot.input.append(contentsOf: chunk)
            slot.linesBefore = linesBefore
            slot.lines = Lines.count(in: chunk)
            queues[next % workers].async { slot.process() }
            next = (next + 1) % slots.count
            inFlight += 1
        }
        while inFlight > 0 { writeOldest() }
    }

    /// Runs `operation` over every line of `chunk`; returns the failing lines' indexes and messages.
    static func process<Operation: LineOperation>(
        _ chunk: UnsafeBufferPointer<UInt8>, with operation: inout Operation, into output: inout [UInt8]
    ) -> [(index: Int, message: String)] {
        var failures: [(index: Int, message: String)] = []
        // Lines.forEach only rethrows the body's errors, and this body throws none.
        try? Lines.forEach(in: chunk) { line, index in
            if let message = operation.process(line, into: &output) { failures.append((index, message)) }
            output.append(UInt8(ascii: "\n"))
        }
        return failures
    }

    static func write(_ output: inout [UInt8]) {
        guard !output.isEmpty else { return }
        output.withUnsafeBytes { _ = IO.writeAll(1, $0) }
        output.removeAll(keepingCapacity: true)
    }
}

/// Per-line failures of a batch, reported on stderr as they happen.
struct BatchErrors {
    private(set) var count = 0
    private(set) var firstLine = 0

    mutating func report(_ failures: [(index: Int, message: String)], linesBefore: Int) {
        for failure in failures {
            let line = linesBefore + failure.index + 1
            count += 1
            if firstLine == 0 { firstLine = line }
            IO.printError("error: line \(line): \(failure.message)")
        }
    }

    func finish() throws(Failure) {
        guard count > 0 else { return }
        throw Failure.badData(
            "\(count) line\(count == 1 ? "" : "s") failed (first: line \(firstLine)); each printed an empty line on stdout")
    }
}

/// Progress on stderr: count, rate, elapsed; at most four updates a second.
final class Progress {
    private let enabled: Bool
    private let start: Double
    private var lastPrint: Double
    private var lines = 0

    init(enabled: Bool) {
        self.enabled = enabled
        start = Progress.now()
        lastPrint = start
    }

    func advance(by count: Int) {
        lines += count
        guard enabled else { return }
        let now = Progress.now()
        if now - lastPrint >= 0.25 {
            lastPrint = now
            print(now: now, final: false)
        }
    }

    func finish() {
        guard enabled else { return }
        print(now: Progress.now(), final: true)
    }

    private func print(now: Double, final: Bool) {
        let elapsed = max(now - start, 1e-9)
        let rate = Int(Double(lines) / elapsed)
        let text = "\r\(lines) lines  \(rate) lines/s  \(Int(elapsed * 10) / 10).\(Int(elapsed * 10) % 10) s" + (final ? "\n" : "")
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = IO.writeAll(2, $0) }
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

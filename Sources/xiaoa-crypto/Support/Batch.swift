import ArgumentParser
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// What a batch mode does to one line. Each worker thread owns one value (libcrypto contexts are per thread).
protocol LineOperation: SendableMetatype {
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
///
/// With `--jobs n`, n threads (the calling one and n − 1 more) each run the whole loop: take the next chunk of
/// stdin into their own buffer (one reader at a time, so chunks are numbered in input order), compute it, and
/// write it when the chunk before it has been written. There is no separate reading or writing thread: on a
/// machine with as many cores as jobs, every core computes, and reading and writing happen on whichever thread
/// is not computing at that moment. One job is the same loop on the calling thread alone.
enum Batch {
    static func run<Operation: LineOperation>(
        options: BatchOptions, makeOperation: () throws(Failure) -> Operation
    ) throws(Failure) {
        var workers: [Worker<Operation>] = []
        for _ in 0..<options.jobs { workers.append(Worker(try makeOperation())) }
        let shared = Shared(progress: Progress(enabled: options.progress || isatty(2) == 1))
        if workers.count == 1 {
            shared.work(workers[0])
        } else {
            let group = DispatchGroup()
            for worker in workers.dropFirst() {
                // A queue of its own for each: each is a thread that stays busy for the whole run.
                DispatchQueue(label: "xiaoa-crypto.batch").async(group: group) { shared.work(worker) }
            }
            shared.work(workers[0])
            group.wait()
        }
        shared.progress.finish()
        if let problem = shared.readProblem {
            // Every chunk before the unreadable one has been written: the failure comes after them, as with one job.
            throw problem.failure(linesBefore: shared.linesWritten)
        }
        try shared.errors.finish()
    }

    /// One thread's operation and buffers; only that thread touches them.
    final class Worker<Operation: LineOperation>: @unchecked Sendable {
        var operation: Operation
        var input: [UInt8] = []
        var output: [UInt8] = []

        init(_ operation: Operation) {
            self.operation = operation
            output.reserveCapacity(1 << 20)
        }
    }

    /// What the workers share: the reader (behind `readLock`) and the output side (behind `turn`).
    final class Shared: @unchecked Sendable {
        // Guarded by readLock.
        private let readLock = DispatchSemaphore(value: 1)
        private var reader = ChunkReader(chunkSize: 1 << 18)
        private var chunksRead = 0
        private var finished = false
        private(set) var readProblem: ChunkReader.Problem?

        // Guarded by turn: touched only by the thread whose chunk is due.
        private let turn = Turnstile()
        private(set) var linesWritten = 0
        private(set) var errors = BatchErrors()
        let progress: Progress

        init(progress: Progress) { self.progress = progress }

        /// Takes chunks until the input ends (or cannot be read), computing each with `worker` and writing it
        /// in its turn.
        func work<Operation: LineOperation>(_ worker: Worker<Operation>) {
            while true {
                readLock.wait()
                let ticket = chunksRead
                var count: Int?
                if !finished {
                    do { count = try reader.next(into: &worker.input) } catch { readProblem = error }
                }
                if count == nil { finished = true } else { chunksRead += 1 }
                readLock.signal()
                guard let count else { return }

                worker.output.removeAll(keepingCapacity: true)
                let (lines, failures) = worker.input.withUnsafeBufferPointer { buffer in
                    Batch.process(UnsafeBufferPointer(rebasing: buffer[0..<count]), with: &worker.operation, into: &worker.output)
                }

                turn.wait(for: ticket)
                Batch.write(&worker.output)
                errors.report(failures, linesBefore: linesWritten)
                linesWritten += lines
                progress.advance(by: lines)
                turn.pass()
            }
        }
    }

    /// Runs `operation` over every line of `chunk`; returns the number of lines and the failing lines' indexes
    /// and messages.
    static func process<Operation: LineOperation>(
        _ chunk: UnsafeBufferPointer<UInt8>, with operation: inout Operation, into output: inout [UInt8]
    ) -> (lines: Int, failures: [(index: Int, message: String)]) {
        var failures: [(index: Int, message: String)] = []
        var lines = 0
        // Lines.forEach only rethrows the body's errors, and this body throws none.
        try? Lines.forEach(in: chunk) { line, index in
            if let message = operation.process(line, into: &output) { failures.append((index, message)) }
            output.append(UInt8(ascii: "\n"))
            lines = index + 1
        }
        return (lines, failures)
    }

    static func write(_ output: inout [UInt8]) {
        guard !output.isEmpty else { return }
        output.withUnsafeBytes { IO.writeOrExit(1, $0, what: "stdout") }
        output.removeAll(keepingCapacity: true)
    }
}

/// Lets threads take their turns in ticket order: ticket 0 first, then 1, and so on.
final class Turnstile: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var current = 0  // guarded by mutex

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Blocks until every ticket before `ticket` has passed.
    func wait(for ticket: Int) {
        pthread_mutex_lock(mutex)
        while current != ticket { pthread_cond_wait(condition, mutex) }
        pthread_mutex_unlock(mutex)
    }

    /// Ends the current turn and wakes the holder of the next ticket.
    func pass() {
        pthread_mutex_lock(mutex)
        current += 1
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
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

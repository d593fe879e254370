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
/// stdin into their own buffer (one reader at a time, so chunks are numbered in input order), compute it into a
/// result slot, and hand the slot in. Whoever hands in the chunk that is due writes it, and every later chunk
/// that is already done, in order. There is no separate reading or writing thread, and no thread waits for
/// another's chunk: a job that runs faster (a busy neighbour on the other core) simply takes more chunks, up to
/// two results per job ahead of the output. One job is the same loop on the calling thread alone.
enum Batch {
    static func run<Operation: LineOperation>(
        options: BatchOptions, makeOperation: () throws(Failure) -> Operation
    ) throws(Failure) {
        var workers: [Worker<Operation>] = []
        for _ in 0..<options.jobs { workers.append(Worker(try makeOperation())) }
        let shared = Shared(slots: 2 * options.jobs, progress: Progress(enabled: options.progress || isatty(2) == 1))
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

    /// One thread's operation and input buffer; only that thread touches them.
    final class Worker<Operation: LineOperation>: @unchecked Sendable {
        var operation: Operation
        var input: [UInt8] = []

        init(_ operation: Operation) { self.operation = operation }
    }

    /// One computed chunk waiting to be written.
    final class Result {
        var output: [UInt8] = []
        var lines = 0
        var failures: [(index: Int, message: String)] = []
    }

    /// What the workers share: the reader (behind `readLock`) and the results (behind `mutex`).
    final class Shared: @unchecked Sendable {
        // Guarded by readLock.
        private let readLock = DispatchSemaphore(value: 1)
        private var reader = ChunkReader(chunkSize: 1 << 18)
        private var chunksRead = 0
        private var finished = false
        private(set) var readProblem: ChunkReader.Problem?

        // Guarded by mutex.
        private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let slotFreed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        private var free: [Result]
        private var done: [Int: Result] = [:]  // computed chunks by number, not yet written
        private var due = 0                    // the number of the next chunk to write

        // Touched only by the thread writing chunk `due`, which the mutex hands from writer to writer.
        private(set) var linesWritten = 0
        private(set) var errors = BatchErrors()
        let progress: Progress

        init(slots: Int, progress: Progress) {
            free = (0..<slots).map { _ in Result() }
            self.progress = progress
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(slotFreed, nil)
        }

        deinit {
            pthread_cond_destroy(slotFreed)
            pthread_mutex_destroy(mutex)
            mutex.deallocate()
            slotFreed.deallocate()
        }

        /// Takes chunks until the input ends (or cannot be read), computing each with `worker`.
        func work<Operation: LineOperation>(_ worker: Worker<Operation>) {
            while true {
                let result = takeFreeSlot()
                readLock.wait()
                let number = chunksRead
                var count: Int?
                if !finished {
                    do { count = try reader.next(into: &worker.input) } catch { readProblem = error }
                }
                if count == nil { finished = true } else { chunksRead += 1 }
                readLock.signal()
                guard let count else {
                    handIn(result, number: nil)
                    return
                }
                result.output.removeAll(keepingCapacity: true)
                (result.lines, result.failures) = worker.input.withUnsafeBufferPointer { buffer in
                    Batch.process(UnsafeBufferPointer(rebasing: buffer[0..<count]), with: &worker.operation, into: &result.output)
                }
                handIn(result, number: number)
            }
        }

        /// A result slot to compute into; waits while every slot holds a chunk not yet written (there is always a
        /// job computing the chunk that is due then, and writing it frees slots).
        private func takeFreeSlot() -> Result {
            pthread_mutex_lock(mutex)
            while free.isEmpty { pthread_cond_wait(slotFreed, mutex) }
            let result = free.removeLast()
            pthread_mutex_unlock(mutex)
            return result
        }

        /// Files `result` as chunk `number` (nil: there was no chunk, the slot goes back) and, when that chunk is
        /// due, writes it and every following chunk already done, in order.
        private func handIn(_ result: Result, number: Int?) {
            pthread_mutex_lock(mutex)
            guard let number else {
                free.append(result)
                pthread_cond_signal(slotFreed)
                pthread_mutex_unlock(mutex)
                return
            }
            done[number] = result
            // Only the thread handing in chunk `due` finds it here; it stays the writer while the next is done.
            while let next = done.removeValue(forKey: due) {
                pthread_mutex_unlock(mutex)
                Batch.write(&next.output)
                errors.report(next.failures, linesBefore: linesWritten)
                linesWritten += next.lines
                progress.advance(by: next.lines)
                pthread_mutex_lock(mutex)
                due += 1
                free.append(next)
                pthread_cond_signal(slotFreed)
            }
            pthread_mutex_unlock(mutex)
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

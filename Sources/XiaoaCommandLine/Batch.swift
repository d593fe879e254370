import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a batch mode does to one line. Each worker thread owns one value (libcrypto contexts are per thread).
public protocol LineOperation: SendableMetatype {
    /// Appends the result for `line` (without a newline) to `output`; returns an error message for a bad line
    /// and appends nothing then.
    mutating func process(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> String?
}

/// Streams stdin to stdout through a ``LineOperation``: large buffered I/O, constant memory, order kept.
///
/// A bad line prints an empty line on stdout (so output line n still belongs to input line n) and an
/// `error: line N: …` line on stderr; the run goes on and ends with exit status 65.
///
/// With `jobs` n, n threads (the calling one and n − 1 more) each run the whole loop: take the next chunk of
/// stdin into their own buffer (one reader at a time, so chunks are numbered in input order), compute it into a
/// result slot, and hand the slot in. Whoever hands in the chunk that is due writes it, and every later chunk
/// that is already done, in order. There is no separate reading or writing thread, and no thread waits for
/// another's chunk: a job that runs faster (a busy neighbour on the other core) simply takes more chunks, up to
/// two results per job ahead of the output. One job is the same loop on the calling thread alone.
///
/// A write that fails stops the pipeline: every job sees the stop before its next chunk, and ``run(jobs:progress:
/// makeOperation:)`` throws the failure (exit 74) once they have all returned.
public enum Batch {
    /// Runs the pipeline with `jobs` threads, each with an operation from `makeOperation`.
    ///
    /// Inlinable so that the per-line loop is specialized for the caller's operation (a generic call across
    /// modules would cost a large part of the batch).
    @inlinable
    public static func run<Operation: LineOperation>(
        jobs: Int, progress: Bool, makeOperation: () throws(Failure) -> Operation
    ) throws(Failure) {
        var workers: [Worker] = []
        for _ in 0..<jobs {
            let operation = OperationBox(try makeOperation())
            workers.append(Worker { chunk, output in Batch.process(chunk, with: &operation.value, into: &output) })
        }
        try run(workers, progress: progress)
    }

    /// Holds one worker's operation for the closure that computes with it.
    @usableFromInline
    final class OperationBox<Operation: LineOperation> {
        @usableFromInline var value: Operation

        @inlinable init(_ value: Operation) { self.value = value }
    }

    /// One thread's computation and input buffer; only that thread touches them.
    @usableFromInline
    final class Worker: @unchecked Sendable {
        /// Computes the lines of a chunk into the output; returns the number of lines and the failing ones.
        @usableFromInline typealias Compute = (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> ChunkOutcome

        let compute: Compute
        var input: [UInt8] = []

        @usableFromInline init(_ compute: @escaping Compute) { self.compute = compute }
    }

    /// The lines of one chunk and its failing lines' indexes and messages.
    public typealias ChunkOutcome = (lines: Int, failures: [(index: Int, message: String)])

    @usableFromInline
    static func run(_ workers: [Worker], progress: Bool) throws(Failure) {
        let shared = Shared(slots: 2 * workers.count, progress: Progress(enabled: progress || isatty(2) == 1))
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
        if let failure = shared.writeFailure { throw failure }
        shared.progress.finish()
        if let problem = shared.readProblem {
            // Every chunk before the unreadable one has been written: the failure comes after them, as with one job.
            throw problem.failure(linesBefore: shared.linesWritten)
        }
        try shared.errors.finish()
    }

    /// One computed chunk waiting to be written.
    final class Result {
        var output: [UInt8] = []
        var outcome: ChunkOutcome = (0, [])
    }

    /// What the workers share: the reader (behind `readLock`) and the results (behind `slots`).
    final class Shared: @unchecked Sendable {
        // Guarded by readLock.
        private let readLock = ConditionLock()
        private var reader = ChunkReader(chunkSize: 1 << 18)
        private var chunksRead = 0
        private var finished = false
        private(set) var readProblem: ChunkReader.Problem?

        // Guarded by slots, which is signalled when a slot is freed or the pipeline stops.
        private let slots = ConditionLock()
        private var free: [Result]
        private var done: [Int: Result] = [:]  // computed chunks by number, not yet written
        private var due = 0  // the number of the next chunk to write
        private var stopped = false  // a write failed: no job takes another chunk
        private(set) var writeFailure: Failure?

        // Touched only by the thread writing chunk `due`, which the lock hands from writer to writer.
        private(set) var linesWritten = 0
        private(set) var errors = BatchErrors()
        let progress: Progress

        init(slots count: Int, progress: Progress) {
            free = (0..<count).map { _ in Result() }
            self.progress = progress
        }

        /// Takes chunks until the input ends (or cannot be read, or a write failed), computing each with `worker`.
        func work(_ worker: Worker) {
            while let result = takeFreeSlot() {
                readLock.lock()
                let number = chunksRead
                var count: Int?
                if !finished {
                    do { count = try reader.next(into: &worker.input) } catch { readProblem = error }
                }
                if count == nil { finished = true } else { chunksRead += 1 }
                readLock.unlock()
                guard let count else {
                    handIn(result, number: nil)
                    return
                }
                result.output.removeAll(keepingCapacity: true)
                result.outcome = worker.input.withUnsafeBufferPointer { buffer in
                    worker.compute(UnsafeBufferPointer(rebasing: buffer[0..<count]), &result.output)
                }
                handIn(result, number: number)
            }
        }

        /// A result slot to compute into, or nil once the pipeline has stopped; waits while every slot holds a
        /// chunk not yet written (there is always a job computing the chunk that is due then, and writing it frees
        /// slots).
        private func takeFreeSlot() -> Result? {
            slots.withLock {
                while free.isEmpty && !stopped { slots.wait() }
                return stopped ? nil : free.removeLast()
            }
        }

        /// Files `result` as chunk `number` (nil: there was no chunk, the slot goes back) and, when that chunk is
        /// due, writes it and every following chunk already done, in order.
        private func handIn(_ result: Result, number: Int?) {
            slots.lock()
            guard let number, !stopped else {
                free.append(result)
                slots.signal()
                slots.unlock()
                return
            }
            done[number] = result
            // Only the thread handing in chunk `due` finds it here; it stays the writer while the next is done.
            while let next = done.removeValue(forKey: due) {
                slots.unlock()
                let failure = write(next)
                slots.lock()
                due += 1
                free.append(next)
                if let failure {
                    writeFailure = failure
                    stopped = true
                    slots.broadcast()
                    break
                }
                slots.signal()
            }
            slots.unlock()
        }

        /// Writes a result and reports its failed lines; returns the write's failure.
        private func write(_ result: Result) -> Failure? {
            defer { result.output.removeAll(keepingCapacity: true) }
            if !result.output.isEmpty && !result.output.withUnsafeBytes({ IO.writeAll(1, $0) }) {
                return Failure.cannotWrite("stdout", errno: errno)
            }
            errors.report(result.outcome.failures, linesBefore: linesWritten)
            linesWritten += result.outcome.lines
            progress.advance(by: result.outcome.lines)
            return nil
        }
    }

    /// Runs `operation` over every line of `chunk`; returns the number of lines and the failing lines' indexes
    /// and messages.
    @inlinable
    public static func process<Operation: LineOperation>(
        _ chunk: UnsafeBufferPointer<UInt8>, with operation: inout Operation, into output: inout [UInt8]
    ) -> ChunkOutcome {
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
            "\(count) line\(count == 1 ? "" : "s") failed (first: line \(firstLine)); each printed an empty line on "
                + "stdout"
        )
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
        let text =
            "\r\(lines) lines  \(rate) lines/s  \(Int(elapsed * 10) / 10).\(Int(elapsed * 10) % 10) s"
            + (final ? "\n" : "")
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = IO.writeAll(2, $0) }
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

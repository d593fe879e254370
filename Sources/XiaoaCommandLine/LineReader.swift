#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor in large chunks that end at a line end, so batch modes never split a line.
///
/// ``next(into:)`` reads straight into the caller's buffer (the batch workers each own one, so no chunk is
/// copied on its way to a worker); only the unfinished last line of a read is kept here for the next call.
/// It hands out what one `read(2)` brought as soon as that holds a whole line, so a batch mode fed one line
/// at a time (a coprocess, `tail -f`) answers each line when it comes; from a file, chunks are `chunkSize`.
public struct ChunkReader {
    /// Lines longer than this (their `\n` or `\r\n` not counted) are refused rather than buffered without bound.
    public static let maxLineLength = 1 << 20

    /// Why the input cannot be read as lines.
    public enum Problem: Error {
        /// `read(2)` failed with this `errno`.
        case unreadable(errno: Int32)
        /// The next line is longer than ``ChunkReader/maxLineLength``; every line before it was handed out.
        case lineTooLong

        /// The failure to report, given how many lines were handed out before it.
        public func failure(linesBefore: Int) -> Failure {
            switch self {
            case .unreadable(let code):
                return Failure(.noInput, "cannot read stdin: \(IO.describe(errno: code))")
            case .lineTooLong:
                return Failure.badData(
                    "line \(linesBefore + 1) is longer than \(ChunkReader.maxLineLength) bytes",
                    hints: ["batch modes read one value per line; is this the right input?"])
            }
        }
    }

    private let fd: Int32
    private let chunkSize: Int
    private var carry: [UInt8] = []  // the unfinished line after the last chunk handed out
    private var atEOF = false
    private var problem: Problem?  // found while reading; thrown once the lines before it are handed out

    public init(fd: Int32 = 0, chunkSize: Int = 1 << 18) {
        self.fd = fd
        self.chunkSize = chunkSize
    }

    /// Fills `buffer` with the next complete lines of the input and returns how many of its bytes they take,
    /// or nil at the end of the input.
    ///
    /// The chunk ends with `\n`, except the input's last, which holds whatever follows the final `\n` (a line
    /// without its newline). A line over ``maxLineLength`` is thrown as ``Problem/lineTooLong`` after the lines
    /// before it have been handed out. `buffer` may be any array and is resized as needed; memory stays bounded
    /// by `chunkSize` plus twice the longest line allowed.
    public mutating func next(into buffer: inout [UInt8]) throws(Problem) -> Int? {
        if let problem { throw problem }
        if buffer.count < Swift.max(chunkSize, 2 * carry.count) {
            buffer = [UInt8](repeating: 0, count: Swift.max(chunkSize, 2 * carry.count))
        }
        var end = carry.count
        if end > 0 {
            buffer.withUnsafeMutableBufferPointer { buf in
                _ = carry.withUnsafeBufferPointer { memcpy(buf.baseAddress!, $0.baseAddress!, end) }
            }
            carry.removeAll(keepingCapacity: true)
        }
        var scanned = end  // bytes known to hold no newline (a carry has none)
        var lastNewline: Int?
        while true {
            // One read(2); keep reading only while no whole line has come.
            while !atEOF && end < buffer.count {
                let n = buffer.withUnsafeMutableBufferPointer { buf in read(fd, buf.baseAddress! + end, buf.count - end)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .unreadable(errno: errno)
                }
                if n == 0 { atEOF = true } else { end += n }
                break
            }
            if end == 0 { return nil }
            lastNewline =
                buffer.withUnsafeBufferPointer { buf in Self.lastNewline(in: buf, from: scanned, to: end) }
                ?? lastNewline
            scanned = end
            let complete = lastNewline.map { $0 + 1 } ?? 0  // bytes of complete lines
            // Only a buffer larger than a line may be (grown, or handed a long carry) can hold a whole line that
            // is too long; the unfinished tail is checked as it grows.
            if buffer.count > Swift.min(chunkSize, Self.maxLineLength),
                let offset = buffer.withUnsafeBufferPointer({
                    Self.firstLongLine(in: UnsafeBufferPointer(rebasing: $0[0..<complete]))
                })
            {
                return try handOut(offset, thenThrow: .lineTooLong)
            }
            // The unfinished tail is a line without its end yet: a last `\r` may be the start of `\r\n`, and the
            // input's last line drops one too, so it does not count (as ``firstLongLine(in:)`` does not count it).
            let tailEndsWithCR = end > complete && buffer[end - 1] == 0x0d
            if end - complete - (tailEndsWithCR ? 1 : 0) > Self.maxLineLength {
                return try handOut(complete, thenThrow: .lineTooLong)
            }
            if atEOF { return end }
            if complete > 0 {
                carry.append(contentsOf: buffer[complete..<end])
                return complete
            }
            // No whole line yet: wait for more, growing a full buffer (bounded by the check above).
            if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        }
    }

    /// Returns `count` (the lines before a problem) and keeps `problem` for the next call, or throws it now when
    /// there is nothing to hand out.
    private mutating func handOut(_ count: Int, thenThrow problem: Problem) throws(Problem) -> Int {
        self.problem = problem
        if count == 0 { throw problem }
        return count
    }

    /// Calls `body` with consecutive chunks of the input and the number of lines before each chunk.
    ///
    /// Chunks are as ``next(into:)`` hands them out; the buffer is valid only during the call.
    public consuming func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>, _ linesBefore: Int) throws(Failure) -> Void)
        throws(Failure)
    {
        var buffer: [UInt8] = []
        var linesBefore = 0
        while true {
            let count: Int?
            do { count = try next(into: &buffer) } catch { throw error.failure(linesBefore: linesBefore) }
            guard let count else { return }
            linesBefore += try buffer.withUnsafeBufferPointer { buf throws(Failure) -> Int in
                let chunk = UnsafeBufferPointer(rebasing: buf[0..<count])
                try body(chunk, linesBefore)
                return Lines.count(in: chunk)
            }
        }
    }
}

/// Splitting a chunk into lines: a line ends at `\n`, a `\r` before it is dropped, and a final line without a
/// newline still counts.
public enum Lines {
    /// Calls `body` with each line of `chunk` (without its line end) and its 0-based index in the chunk.
    @inlinable
    public static func forEach(
        in chunk: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws(Failure) -> Void
    ) throws(Failure) {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        var index = 0
        while start < chunk.count {
            let newline: Int
            if let p = memchr(base + start, 0x0a, chunk.count - start) {
                newline = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            } else {
                newline = chunk.count
            }
            var lineEnd = newline
            if lineEnd > start && chunk[lineEnd - 1] == 0x0d { lineEnd -= 1 }
            try body(UnsafeBufferPointer(rebasing: chunk[start..<lineEnd]), index)
            index += 1
            start = newline + 1
        }
    }

    /// The number of lines in `chunk` as ``forEach(in:_:)`` counts them.
    public static func count(in chunk: UnsafeBufferPointer<UInt8>) -> Int {
        guard !chunk.isEmpty else { return 0 }
        var count = 0
        for byte in chunk where byte == 0x0a { count += 1 }
        return chunk.last == 0x0a ? count : count + 1
    }
}

extension ChunkReader {
    /// The offset of the first line of `lines` (complete lines, each ending with `\n`) longer than
    /// ``maxLineLength`` (its line end not counted), or nil.
    static func firstLongLine(in lines: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = lines.baseAddress else { return nil }
        var start = 0
        while start < lines.count, let p = memchr(base + start, 0x0a, lines.count - start) {
            let newline = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            var length = newline - start
            if length > 0 && lines[newline - 1] == 0x0d { length -= 1 }
            if length > maxLineLength { return start }
            start = newline + 1
        }
        return nil
    }

    /// The index of the last `\n` in `buffer[from..<to]`, or nil.
    static func lastNewline(in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        // Scanning back from the end: the last newline is usually within the last line's length.
        var index = to - 1
        while index >= from {
            if buffer[index] == 0x0a { return index }
            index -= 1
        }
        return nil
    }
}

/// Reads stdin line by line: ``ChunkReader`` and ``Lines`` together, for code that wants one line at a time.
public struct LineReader {
    private let reader: ChunkReader

    public init(fd: Int32 = 0, chunkSize: Int = 1 << 18) { reader = ChunkReader(fd: fd, chunkSize: chunkSize) }

    /// Calls `body` with each line (without its line end) and its 1-based number.
    ///
    /// The buffer passed to `body` is valid only during the call. A final line without a newline is
    /// still a line; an empty input has no lines.
    public func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws(Failure) -> Void) throws(Failure) {
        try reader.forEachChunk { chunk, linesBefore throws(Failure) in
            try Lines.forEach(in: chunk) { line, index throws(Failure) in try body(line, linesBefore + index + 1) }
        }
    }
}

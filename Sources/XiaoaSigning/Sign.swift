internal import XiaoaPrimitives

/// The request sign of the Xiao A API: `substr(md5(md5(timestamp . domain_key)), 8, 10)`.
///
/// In PHP, the vendor's language: `md5()` returns 32 lowercase hex characters, so the outer md5 hashes
/// that hex *text*, and the sign is the 10 characters starting at offset 8 (the 9th character).
public enum XiaoaSign {
    /// Where the sign starts inside the second md5's hex text.
    public static let offset = 8
    /// How many hex characters the sign has.
    public static let length = 10

    /// The sign for `timestamp` and `domainKey`, as 10 lowercase hex characters.
    ///
    /// ```swift
    /// XiaoaSign.sign(timestamp: "1700000000", domainKey: "abc")  // "8119bf02e2"
    /// ```
    public static func sign(timestamp: String, domainKey: String) -> String {
        sign(timestamp: Array(timestamp.utf8), domainKey: Array(domainKey.utf8))
    }

    /// The sign for the raw bytes of a timestamp and a domain key (PHP concatenates bytes, not characters).
    public static func sign(timestamp: some Collection<UInt8>, domainKey: some Collection<UInt8>) -> String {
        var input = [UInt8]()
        input.reserveCapacity(timestamp.count + domainKey.count)
        input.append(contentsOf: timestamp)
        input.append(contentsOf: domainKey)
        return input.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: length) { out in
                sign(concatenated: bytes, into: out)
                return length
            }
        }
    }

    /// Writes the 10 sign characters for the already concatenated `timestamp . domain_key` into `output`.
    ///
    /// The allocation-free form for batch loops.
    public static func sign(concatenated input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>)
    {
        Signer().sign(concatenated: input, into: output)
    }

    /// Every step of the computation, for `--explain` and for diagnosis.
    public static func steps(timestamp: some Collection<UInt8>, domainKey: some Collection<UInt8>) -> SignSteps {
        let input = Array(timestamp) + Array(domainKey)
        let first = MD5.hexDigest(input)
        let second = MD5.hexDigest(Array(first.utf8))
        let start = second.utf8.index(second.utf8.startIndex, offsetBy: offset)
        let end = second.utf8.index(start, offsetBy: length)
        return SignSteps(
            input: input, md5First: first, md5Second: second, sign: String(second[start..<end]))
    }

    /// Every step of the computation for text inputs.
    public static func steps(timestamp: String, domainKey: String) -> SignSteps {
        steps(timestamp: Array(timestamp.utf8), domainKey: Array(domainKey.utf8))
    }

    /// Whether `candidate` is the sign of `timestamp` and `domainKey`, compared in constant time.
    ///
    /// The comparison is exact: an upper-case sign is not the vendor's sign.
    public static func isValid(_ candidate: some StringProtocol, timestamp: String, domainKey: String) -> Bool {
        ConstantTime.equals(Array(candidate.utf8), Array(sign(timestamp: timestamp, domainKey: domainKey).utf8))
    }

    /// Whether `candidate` is the sign of the raw `timestamp` and `domainKey` bytes, in constant time.
    public static func isValid(
        _ candidate: some Collection<UInt8>, timestamp: some Collection<UInt8>, domainKey: some Collection<UInt8>
    ) -> Bool {
        ConstantTime.equals(candidate, Array(sign(timestamp: timestamp, domainKey: domainKey).utf8))
    }
}

/// Computes many signs with one reusable MD5 context: the form for batch loops (one value per thread).
public struct Signer {
    private let md5 = MD5Hasher()

    public init() {}

    /// Writes the 10 sign characters for the already concatenated `timestamp . domain_key` into `output`.
    public func sign(concatenated input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) {
        precondition(output.count >= XiaoaSign.length)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { hex in
            let first = UnsafeMutableBufferPointer(rebasing: hex[0..<32])
            let second = UnsafeMutableBufferPointer(rebasing: hex[32..<64])
            md5.hexDigest(input, into: first)
            md5.hexDigest(UnsafeRawBufferPointer(first), into: second)
            for i in 0..<XiaoaSign.length { output[i] = second[XiaoaSign.offset + i] }
        }
    }
}

/// The intermediate values of one sign computation.
public struct SignSteps: Sendable, Equatable {
    /// The bytes of `timestamp . domain_key`.
    public let input: [UInt8]
    /// md5 #1: the lowercase hex md5 of ``input``.
    public let md5First: String
    /// md5 #2: the lowercase hex md5 of the text ``md5First``.
    public let md5Second: String
    /// The cut: ``XiaoaSign/length`` characters of ``md5Second`` from ``XiaoaSign/offset``.
    public let sign: String
}

/// PKCS#7 padding for 16-byte blocks.
public enum PKCS7 {
    /// `bytes` followed by 1...16 bytes each equal to the pad length.
    public static func padded(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let pad = 16 - bytes.count % 16
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + pad)
        out.append(contentsOf: bytes)
        out.append(contentsOf: repeatElement(UInt8(pad), count: pad))
        return out
    }

    /// `padded` without its PKCS#7 padding, or nil when the padding is not valid.
    ///
    /// Runs in time that depends only on the length of `padded`, not on where the padding is wrong, and
    /// every failure is the same `nil`: a caller that answered differently for different padding faults
    /// would be a padding oracle that decrypts any ciphertext byte by byte.
    public static func removingPaddingConstantTime(_ padded: [UInt8]) -> [UInt8]? {
        guard let count = padded.withUnsafeBufferPointer({ unpaddedCountConstantTime($0) }) else { return nil }
        return Array(padded[0..<count])
    }

    /// The length of `padded` without its PKCS#7 padding, or nil when the padding is not valid.
    ///
    /// The same constant-time check as ``removingPaddingConstantTime(_:)``, without copying.
    public static func unpaddedCountConstantTime(_ padded: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !padded.isEmpty, padded.count % 16 == 0 else { return nil }
        let pad = padded[padded.count - 1]
        // good stays 0xff while every check passes; each check folds in without branching on secret bytes.
        var good = constantTimeMask(lessOrEqual: 1, pad) & constantTimeMask(lessOrEqual: pad, 16)
        let lastBlock = padded.count - 16
        for i in 0..<16 {
            let byte = padded[lastBlock + i]
            // Position counted from the end (1...16); inside the padding when position <= pad.
            let position = UInt8(16 - i)
            let inPadding = constantTimeMask(lessOrEqual: position, pad)
            good &= ~inPadding | ~(byte ^ pad).nonZeroMask
        }
        guard good == 0xff else { return nil }
        return padded.count - Int(pad)
    }

    /// 0xff when `a <= b`, else 0x00, without a branch.
    @inline(__always)
    static func constantTimeMask(lessOrEqual a: UInt8, _ b: UInt8) -> UInt8 {
        // b - a wraps around (bit 15 set in the wider type) exactly when a > b.
        let difference = UInt16(b) &- UInt16(a)
        return UInt8(truncatingIfNeeded: (difference >> 15) &- 1)
    }
}

extension UInt8 {
    /// 0xff when non-zero, else 0x00, without a branch.
    @inline(__always)
    var nonZeroMask: UInt8 {
        let wide = UInt16(self)
        return UInt8(truncatingIfNeeded: 0 &- ((wide | (0 &- wide)) >> 15))
    }
}

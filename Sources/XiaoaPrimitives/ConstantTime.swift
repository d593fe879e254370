/// Comparisons whose running time does not depend on where the inputs differ.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes, in time that depends only on their lengths.
    ///
    /// Used for signs and other secrets derived from a key, so that a caller timing the answer learns
    /// nothing about how many leading characters of a guess were right.
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        // Walk the longer input entirely so the loop length does not reveal the shorter one's content.
        var ia = a.makeIterator()
        var ib = b.makeIterator()
        for _ in 0..<max(a.count, b.count) {
            let x = ia.next() ?? 0
            let y = ib.next() ?? 0
            difference |= x ^ y
        }
        return difference == 0
    }
}

#if canImport(Glibc)
    import Glibc
#endif

extension VectorFile {
    /// Reads and parses the vector file at `path`.
    public static func load(contentsOf path: String) throws(VectorError) -> VectorFile {
        try parse(try readBytes(path))
    }

    /// The package's `Vectors/` folder, found from a source file's `#filePath` (for tests).
    ///
    /// `filePath` is a file two folders below the package root, such as `Tests/<Target>/<File>.swift`.
    public static func repositoryDirectory(fromTestFile filePath: String = #filePath) -> String {
        var parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Vectors"
    }

    static func readBytes(_ path: String) throws(VectorError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw VectorError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        if ferror(file) != 0 { throw VectorError("cannot read \(path)") }
        return bytes
    }
}

extension VectorFile {
    /// The cases of the file `name` in the package's `Vectors/` folder (for tests; see
    /// ``repositoryDirectory(fromTestFile:)``).
    public static func repositoryCases(_ name: String, fromTestFile filePath: String = #filePath) throws(VectorError)
        -> [VectorCase]
    {
        try load(contentsOf: repositoryDirectory(fromTestFile: filePath) + "/" + name).cases
    }
}

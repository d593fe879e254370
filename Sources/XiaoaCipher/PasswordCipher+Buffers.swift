internal import ExtrasBase64
internal import XiaoaPrimitives

// MARK: - Allocation-free forms for batch loops

extension PasswordCipher {
    /// Encrypts `plaintext` and appends its standard base64 ciphertext to `output`.
    ///
    /// The same bytes as ``encrypt(_:)`` followed by base64, without intermediate arrays: batch modes call this
    /// millions of times, and per-call allocations would cost more than AES itself.
    public func encryptBase64(_ plaintext: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        let paddedCount = (plaintext.count / AES128CBC.blockSize + 1) * AES128CBC.blockSize
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: paddedCount) { block in
            let raw = UnsafeMutableRawBufferPointer(block)
            if let base = plaintext.baseAddress, plaintext.count > 0 {
                raw.baseAddress!.copyMemory(from: base, byteCount: plaintext.count)
            }
            let pad = UInt8(paddedCount - plaintext.count)
            for i in plaintext.count..<paddedCount { block[i] = pad }
            do {
                // In place: EVP allows it when whole blocks are processed.
                try aes.crypt(UnsafeRawBufferPointer(raw), into: raw, key: keyBytes, iv: ivBytes, encrypt: true)
            } catch {
                preconditionFailure("AES-128-CBC encryption failed: \(error)")
            }
            let start = output.count
            let encodedCount = Base64.encodedLength(bytesCount: paddedCount)
            output.append(contentsOf: repeatElement(0, count: encodedCount))
            output.withUnsafeMutableBufferPointer { out in
                var span = UnsafeMutableBufferPointer(rebasing: out[start..<(start + encodedCount)]).mutableSpan
                _ = Base64.encode(bytes: UnsafeBufferPointer(block).span, into: &span)
            }
        }
    }

    /// Decrypts strict standard base64 `text` and appends the plaintext to `output`.
    ///
    /// - Returns: the number of plaintext bytes appended.
    /// - Throws: the errors of ``decrypt(base64:)``; on error `output` is left as it was.
    @discardableResult
    public func decrypt(base64 text: UnsafeRawBufferPointer, appendingTo output: inout [UInt8])
        throws(PasswordCipherError) -> Int
    {
        let input = text.bindMemory(to: UInt8.self)
        try Base64Strict.validate(input)
        let decodedCapacity = Base64.decodedLength(bytesCount: input.count)
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(decodedCapacity, 1)) {
            buffer throws(PasswordCipherError) -> Int in
            var count = 0
            if !input.isEmpty {
                do {
                    var span = buffer.mutableSpan
                    count = try Base64.decode(bytes: input.span, into: &span)
                } catch {
                    throw PasswordCipherError(.invalidBase64, detail: "\(error)")
                }
            }
            guard count > 0, count % AES128CBC.blockSize == 0 else {
                throw PasswordCipherError(.invalidLength, detail: "\(count) bytes")
            }
            let blocks = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<count])
            do throws(PrimitiveError) {
                try aes.crypt(UnsafeRawBufferPointer(blocks), into: blocks, key: keyBytes, iv: ivBytes, encrypt: false)
            } catch {
                throw PasswordCipherError(.libcrypto, detail: error.reason)
            }
            guard let plaintextCount = PKCS7.unpaddedCountConstantTime(UnsafeBufferPointer(rebasing: buffer[0..<count]))
            else {
                throw PasswordCipherError(.decryptionFailed)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<plaintextCount]))
            return plaintextCount
        }
    }
}

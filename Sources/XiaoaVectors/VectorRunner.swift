internal import XiaoaCipher
internal import XiaoaPrimitives
internal import XiaoaSigning

/// The outcome of checking one vector case against the library.
public struct VectorOutcome: Sendable {
    public let tcId: Int
    public let comment: String
    /// nil when the case passed; otherwise what differed.
    public let failure: String?

    public var passed: Bool { failure == nil }
}

/// Checks vector cases against the xiaoa-crypto libraries.
public enum VectorRunner {
    /// Checks every case of `file`.
    public static func run(_ file: VectorFile) -> [VectorOutcome] {
        file.cases.map { check($0) }
    }

    /// Checks one case; the failure text names the field that differed.
    public static func check(_ test: VectorCase) -> VectorOutcome {
        VectorOutcome(tcId: test.tcId, comment: test.comment, failure: failure(of: test))
    }

    static func failure(of test: VectorCase) -> String? {
        switch test.input {
        case .sign(let v): return checkSign(v, result: test.result)
        case .password(let v): return checkPassword(v, result: test.result)
        case .md5(let v):
            let md = MD5.hash(v.msg)
            return md == v.md ? nil : "md5 is \(Hex.encode(md)), expected \(Hex.encode(v.md))"
        case .aesCBC(let v): return checkAES(v)
        case .request(let v): return v.check(result: test.result)
        case .signDiagnosis(let v): return v.check(result: test.result)
        case .passwordDiagnosis(let v): return v.check(result: test.result)
        }
    }

    static func checkSign(_ v: SignInput, result: VectorCase.Result) -> String? {
        let steps = XiaoaSign.steps(timestamp: v.timestamp, domainKey: v.domainKey)
        if steps.md5First != v.md5First { return "md5 #1 is \(steps.md5First), expected \(v.md5First)" }
        if steps.md5Second != v.md5Second { return "md5 #2 is \(steps.md5Second), expected \(v.md5Second)" }
        let accepted = XiaoaSign.isValid(Array(v.sign.utf8), timestamp: v.timestamp, domainKey: v.domainKey)
        switch result {
        case .valid:
            if steps.sign != v.sign { return "sign is \(steps.sign), expected \(v.sign)" }
            if !accepted { return "verify rejected the right sign \(v.sign)" }
        case .invalid:
            if accepted { return "verify accepted the wrong sign \"\(v.sign)\"" }
        case .acceptable:
            // The math only: the sign function's value. Whether a verifier takes the key is the face's rule.
            if steps.sign != v.sign { return "sign is \(steps.sign), expected \(v.sign)" }
        }
        return nil
    }

    static func checkPassword(_ v: PasswordInput, result: VectorCase.Result) -> String? {
        if let keyText = v.keyText, KeyMaterial.phpPadded(keyText) != v.key {
            return "key text pads to \(Hex.encode(KeyMaterial.phpPadded(keyText))), expected \(Hex.encode(v.key))"
        }
        let cipher: PasswordCipher
        do { cipher = try PasswordCipher(key: .bytes(v.key), iv: .bytes(v.iv)) } catch { return "\(error)" }
        switch result {
        case .valid:
            let padded = PKCS7.padded(v.msg)
            if padded != v.padded { return "padded block is \(Hex.encode(padded)), expected \(Hex.encode(v.padded))" }
            let ct = cipher.encrypt(v.msg)
            if ct != v.ct { return "ciphertext is \(Hex.encode(ct)), expected \(Hex.encode(v.ct))" }
            let base64 = Base64Strict.encode(ct)
            if base64 != v.base64 { return "base64 is \(base64), expected \(v.base64)" }
            do {
                let msg = try cipher.decrypt(base64: v.base64)
                if msg != v.msg { return "decrypts to \(Hex.encode(msg)), expected \(Hex.encode(v.msg))" }
            } catch {
                return "decrypt failed: \(error)"
            }
        case .invalid:
            if let msg = try? cipher.decrypt(base64: v.base64) {
                return "decrypt accepted an invalid ciphertext (gave \(msg.count) bytes)"
            }
        case .acceptable:
            return "a password test cannot be acceptable"
        }
        return nil
    }

    static func checkAES(_ v: AESCBCInput) -> String? {
        do {
            let aes = try AES128CBC()
            let ct = try aes.encrypt(v.msg, key: v.key, iv: v.iv)
            if ct != v.ct { return "ciphertext is \(Hex.encode(ct)), expected \(Hex.encode(v.ct))" }
            let msg = try aes.decrypt(v.ct, key: v.key, iv: v.iv)
            if msg != v.msg { return "plaintext is \(Hex.encode(msg)), expected \(Hex.encode(v.msg))" }
        } catch {
            return "\(error)"
        }
        return nil
    }
}

import Testing
import XiaoaPrimitives

@testable import XiaoaServer

@Suite("PBKDF2, HMAC-SHA-256 and random bytes on libcrypto")
struct PrimitivesTests {
    // RFC 7914 §11 (PBKDF2-HMAC-SHA256 test vectors), independent of our code.
    @Test func pbkdf2RFC7914() throws {
        #expect(
            Hex.encode(
                try PBKDF2.sha256(
                    password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, byteCount: 64))
                == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
        )
        #expect(
            Hex.encode(
                try PBKDF2.sha256(
                    password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 80000, byteCount: 64))
                == "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"
        )
    }

    @Test func pbkdf2RefusesBadParameters() {
        #expect(throws: PrimitiveError.self) {
            try PBKDF2.sha256(password: [UInt8](), salt: [UInt8](), iterations: 0, byteCount: 32)
        }
        #expect(throws: PrimitiveError.self) {
            try PBKDF2.sha256(password: [UInt8](), salt: [UInt8](), iterations: 1, byteCount: 0)
        }
        #expect(throws: PrimitiveError.self) {
            try PBKDF2.sha256(password: [UInt8](), salt: [UInt8](), iterations: 1, byteCount: 4096)
        }
    }

    // RFC 4231 §4.2 and §4.3 (HMAC-SHA-256 test cases 1 and 2).
    @Test func hmacRFC4231() throws {
        let key1 = [UInt8](repeating: 0x0b, count: 20)
        #expect(
            Hex.encode(try HMACSHA256.authenticationCode(for: Array("Hi There".utf8), key: key1))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        let code2 = try HMACSHA256.authenticationCode(
            for: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
        #expect(Hex.encode(code2) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(HMACSHA256.isValid(code2, for: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8)))
        #expect(!HMACSHA256.isValid(code2, for: Array("what do ya want for nothing!".utf8), key: Array("Jefe".utf8)))
    }

    @Test func randomBytesDiffer() throws {
        let a = try SecureRandom.bytes(count: 32)
        let b = try SecureRandom.bytes(count: 32)
        #expect(a.count == 32 && a != b)
        #expect(try SecureRandom.bytes(count: 0).isEmpty)
    }
}

@Suite("Stored password hashes")
struct PasswordHashTests {
    @Test func roundTripAndFormat() throws {
        let stored = try PasswordHash.make(password: Array("123456".utf8), iterations: 1000)
        let parts = stored.split(separator: "$")
        #expect(parts.count == 4 && parts[0] == "pbkdf2-sha256" && parts[1] == "1000")
        #expect(!stored.contains("123456"))
        #expect(PasswordHash.verify(password: Array("123456".utf8), against: stored))
        #expect(!PasswordHash.verify(password: Array("1234567".utf8), against: stored))
        #expect(!PasswordHash.verify(password: Array("123456\n".utf8), against: stored))
    }

    @Test func saltsAreRandom() throws {
        #expect(try PasswordHash.make(password: [1], iterations: 1) != PasswordHash.make(password: [1], iterations: 1))
    }

    @Test(
        "malformed stored values never match",
        arguments: [
            "", "123456", "pbkdf2-sha256$0$AA==$AA==", "pbkdf2-sha256$1$!!$AA==", "md5$1$AA==$AA==",
            "pbkdf2-sha256$1$AA==$",
        ])
    func malformed(_ stored: String) {
        #expect(!PasswordHash.verify(password: Array("123456".utf8), against: stored))
    }
}

@Suite("Login tokens")
struct LoginTokenTests {
    let tokens = try! LoginTokens(secret: Array(repeating: 7, count: 32), lifetime: 600)

    @Test func issuedTokensCheckAndAreURLSafe() async throws {
        let token = try tokens.issue(cUsername: "客户 c1/+", userName: "xa", now: testNow)
        #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        #expect(
            await tokens.check(token, userName: { _ in "xa" }, now: testNow + 600)
                == .valid(cUsername: "客户 c1/+", expires: testNow + 600))
        #expect(
            await tokens.check(token, userName: { _ in "xa" }, now: testNow + 601)
                == .expired(cUsername: "客户 c1/+", secondsAgo: 1))
        // Bound to another Xiao A user since: the MAC no longer holds.
        #expect(await tokens.check(token, userName: { _ in "other" }, now: testNow) == .badMAC)
        #expect(await tokens.check(token, userName: { _ in nil }, now: testNow) == .noBinding(cUsername: "客户 c1/+"))
    }

    @Test func forgedAndMalformedTokensFail() async throws {
        let token = try tokens.issue(cUsername: "c1", userName: "xa", now: testNow)
        let other = try LoginTokens(secret: Array(repeating: 8, count: 32), lifetime: 600)
        #expect(await other.check(token, userName: { _ in "xa" }, now: testNow) == .badMAC)
        var parts = token.split(separator: ".").map(String.init)
        parts[0] = String(testNow + 10_000)
        #expect(await tokens.check(parts.joined(separator: "."), userName: { _ in "xa" }, now: testNow) == .badMAC)
        for bad in ["", "a.b", "1.YzE.", "x.YzE.AAAA", token + "=", token.replacingOccurrences(of: ".", with: "!")] {
            #expect(await tokens.check(bad, userName: { _ in "xa" }, now: testNow) == .malformed, "\(bad)")
        }
    }
}

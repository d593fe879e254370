import Testing
import XiaoaAPI

@Suite("The vendor's result codes")
struct APICodeTests {
    @Test func tableMatchesTheSeed() {
        #expect(APICode.tableOrder.count == 11)
        #expect(APICode.signatureFailed.rawValue == 10001)
        #expect(APICode.signatureFailed.message == "签名验证失败")
        #expect(APICode.unknownDomainKey.message == "请求验证失败-域名 key 不存在")
        #expect(Set(APICode.tableOrder) == Set(APICode.allCases))
    }
}

import Hummingbird
import Testing

@testable import XiaoaServer

@Suite("Header names")
struct HeaderNameTests {
    /// Each name the server spells itself is a valid token and keeps its spelling on the wire.
    @Test func headerNamesAreValidTokens() {
        #expect(HTTPFields.Element.Name.xiaoaFindings.rawName == "X-Xiaoa-Findings")
        #expect(HTTPFields.Element.Name.secFetchSite.canonicalName == "sec-fetch-site")
        #expect(HTTPFields.Element.Name.referrerPolicy.rawName == "Referrer-Policy")
        #expect(HTTPFields.Element.Name.xFrameOptions.rawName == "X-Frame-Options")
    }
}

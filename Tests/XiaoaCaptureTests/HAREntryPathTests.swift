import Testing
import XiaoaAPI
import XiaoaCapture

/// Which entries are API calls: the URL's path (after scheme and host, before `?` and `#`) and the endpoint it
/// ends in, for URLs as devtools, mitmproxy and the proxy record them.
@Suite("HAR entry path and endpoint")
struct HAREntryPathTests {
    static func entry(_ url: String) -> HAREntry {
        HAREntry(
            index: 0, started: "", method: "POST", url: url, contentType: nil, postData: nil, status: 0,
            responseContent: nil)
    }

    @Test(arguments: [
        ("https://api.example.com/v1/assoc/add", "/v1/assoc/add", Endpoint.add as Endpoint?),
        ("http://127.0.0.1:8088/assoc/login?y=%2B&z=1", "/assoc/login", .login),
        ("http://h/assoc/update#frag", "/assoc/update", .update),
        ("http://h/assoc/delete?next=http://x/assoc/add", "/assoc/delete", .delete),
        ("http://例子.测试/基础/assoc/add", "/基础/assoc/add", .add),
        ("http://h/assoc/add/", "/assoc/add/", nil),
        ("http://h/xassoc/login", "/xassoc/login", nil),
        ("http://h/assoc/logins", "/assoc/logins", nil),
        ("http://h", "", nil),
        ("http://h?q=/assoc/add", "", nil),
        ("http://h#/assoc/add", "", nil),
        ("/assoc/login?x", "/assoc/login", .login),
        ("assoc/add", "assoc/add", nil),
        ("", "", nil),
        ("mailto:someone", "mailto:someone", nil),
        ("http:/h/assoc/add", "http:/h/assoc/add", .add),
    ])
    func pathAndEndpoint(url: String, path: String, endpoint: Endpoint?) {
        let entry = Self.entry(url)
        #expect(entry.path == path[...], "\(url)")
        #expect(entry.endpoint == endpoint, "\(url)")
    }
}

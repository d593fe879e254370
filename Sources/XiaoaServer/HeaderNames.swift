package import Hummingbird

/// The header names this server sends or reads that swift-http-types does not predefine, spelled once.
///
/// `HTTPField.Name(_:)` returns nil only for a name with characters outside HTTP's token set; these literals
/// are tokens, so the unwrap cannot fail (a test reads each one back). Names the package predefines
/// (`.origin`, `.contentSecurityPolicy`, `.xContentTypeOptions`) are used as they are.
extension HTTPFields.Element.Name {
    /// Why a request was rejected, or warnings about an accepted one (`id: summary | …`).
    package static let xiaoaFindings = HTTPFields.Element.Name("X-Xiaoa-Findings")!
    /// Where a browser says a request came from (same-origin, same-site, cross-site, none).
    static let secFetchSite = HTTPFields.Element.Name("Sec-Fetch-Site")!
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPFields.Element.Name("X-Frame-Options")!
}

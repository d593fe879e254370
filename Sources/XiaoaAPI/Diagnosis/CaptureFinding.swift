/// The sentences of the findings about a recorded exchange (ids `request.formEncoded` and `capture.*`): how a
/// request was sent, and what a recorded answer means where it disagrees with the code the request alone earns.
///
/// The one catalogue of these texts: `verify har` (and the faces that judge captured traffic) take them from here.
public enum CaptureFinding {
    /// The request was sent as a form (`application/x-www-form-urlencoded` or `multipart/form-data`).
    public static func formEncoded(contentType: String) -> Finding {
        Finding(
            id: .capture(.formEncoded),
            summary: "sent as \(contentType); the API reads a JSON body",
            fix: "send the fields as one JSON object with Content-Type: application/json")
    }

    /// Answered 10002 although the domain key sent is one of those given: the server does not know it.
    public static func otherDomainKey() -> Finding {
        Finding(
            id: .capture(.otherDomainKey),
            summary: "answered 10002 although the domain key sent is one of those given: the server does not know it "
                + "(the app used another key, or this key belongs to another environment)",
            fix: "use the domain key registered with the server that answered")
    }

    /// Answered 10001 although the sign checks out (and the timestamp was fresh when a skew was given).
    public static func vendorClockOrKey() -> Finding {
        Finding(
            id: .capture(.vendorClockOrKey),
            summary: "answered 10001 although the sign checks out for the timestamp and domain key sent: the server's "
                + "clock or its copy of the key differs",
            fix: "compare the server's clock with the sender's and the key registered with the server")
    }

    /// Any other disagreement between the code the request earns and the recorded answer.
    public static func answerDiffers(predicted: APICode, actual: Int) -> Finding {
        let why =
            if actual == APICode.ok.rawValue {
                "the server accepted what these checks refuse (other domain keys or another skew than those given)"
            } else if predicted == .unknownDomainKey {
                "the server knows the domain key sent although it is not one of those given"
            } else {
                "the server judged the request otherwise than these checks"
            }
        return Finding(
            id: .capture(.answerDiffers),
            summary: "answered \(actual) where the request alone earns \(predicted.rawValue): \(why)",
            fix: "give the domain keys and --max-skew the server uses, then compare again",
            details: ["predicted": String(predicted.rawValue), "actual": String(actual)])
    }
}

public import XiaoaAPI
internal import XiaoaCipher
public import XiaoaJSON

/// A HAR 1.2 file as browsers' devtools, mitmproxy, Charles, Proxyman and Postman write it: the entries, each with
/// what this package needs of its request and answer.
///
/// Only what the rules need is read (method, URL, start time, request headers and body, the answer's status and
/// body); every other member is ignored, so the dialects of the different tools read alike. Bodies stay as the
/// recorded text until asked for (``HARContent/bytes``): a devtools HAR is mostly base64 images nobody decodes.
///
/// ```swift
/// let har = try HARFile.parse(bytes)
/// for entry in har.entries where entry.endpoint != nil { … }
/// ```
public struct HARFile: Sendable {
    /// The entries, in the file's order.
    public let entries: [HAREntry]

    /// The parser's limits for a HAR: no size limit (a devtools HAR of hundreds of megabytes is normal), shallow
    /// nesting (HAR is six levels deep), and a repeated key tolerated (the first one counts): the file is a
    /// tool's record, not a request, and a tool's quirk must not hide the requests in it.
    public static let parserOptions = JSONParser.Options(maxDepth: 64, rejectDuplicateKeys: false, maxBytes: nil)

    public init(entries: [HAREntry]) { self.entries = entries }

    /// Reads a HAR from its bytes; a text that is not JSON, or JSON that is not HAR, throws where and why.
    public static func parse(_ bytes: some Collection<UInt8>) throws(HARError) -> HARFile {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, options: parserOptions)
        } catch {
            throw HARError(
                reason: "not valid JSON at line \(error.line), column \(error.column): \(error.reason)",
                line: error.line, column: error.column)
        }
        return try parse(value)
    }

    /// Reads a HAR from a parsed JSON value.
    public static func parse(_ value: JSONValue) throws(HARError) -> HARFile {
        guard let log = value["log"]?.object else { throw HARError(reason: "not HAR: no \"log\" object") }
        guard let list = log["entries"]?.array else { throw HARError(reason: "not HAR: no \"log.entries\" array") }
        var entries: [HAREntry] = []
        entries.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            entries.append(try HAREntry(index: index, item))
        }
        return HARFile(entries: entries)
    }
}

/// A HAR that could not be read: where and why, in one sentence (`not valid JSON at line 3, column 14: …`).
public struct HARError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where and why.
    public let reason: String
    /// The 1-based line and column of a JSON syntax error.
    public let line: Int?
    public let column: Int?

    public init(reason: String, line: Int? = nil, column: Int? = nil) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    public var description: String { reason }
}

/// One recorded exchange: the request as sent and, when the tool recorded one, the answer.
public struct HAREntry: Sendable {
    /// The position in `log.entries`, from 0.
    public let index: Int
    /// `startedDateTime` as recorded (ISO 8601).
    public let started: String
    /// `startedDateTime` in Unix seconds, or nil when it is not an ISO 8601 date and time.
    public let startedUnix: Int64?
    public let method: String
    public let url: String
    /// The request's `Content-Type`: `postData.mimeType`, else the header.
    public let contentType: String?
    /// `postData`, when the request had a body.
    public let postData: HARContent?
    /// `response.status`; 0 where the tool recorded no answer (devtools write 0 for a blocked request).
    public let status: Int
    /// `response.content`, when it has a text.
    public let responseContent: HARContent?

    public init(
        index: Int, started: String, method: String, url: String, contentType: String? = nil,
        postData: HARContent? = nil, status: Int = 0, responseContent: HARContent? = nil
    ) {
        self.index = index
        self.started = started
        startedUnix = ISO8601Time.unixSeconds(started)
        self.method = method
        self.url = url
        self.contentType = contentType
        self.postData = postData
        self.status = status
        self.responseContent = responseContent
    }

    init(index: Int, _ value: JSONValue) throws(HARError) {
        let at = "log.entries[\(index)]"
        guard let request = value["request"]?.object else { throw HARError(reason: "not HAR: \(at) has no request") }
        guard let method = request["method"]?.string, let url = request["url"]?.string else {
            throw HARError(reason: "not HAR: \(at).request has no method or url string")
        }
        let headerType = request["headers"]?.array?.first {
            $0["name"]?.string?.lowercased() == "content-type"
        }?["value"]?.string
        let post = request["postData"]?.object.flatMap(HARContent.init(postData:))
        let response = value["response"]
        self.init(
            index: index, started: value["startedDateTime"]?.string ?? "", method: method, url: url,
            contentType: post?.mimeType.flatMap { $0.isEmpty ? nil : $0 } ?? headerType, postData: post,
            status: response?["status"]?.int ?? 0,
            responseContent: response?["content"]?.object.flatMap(HARContent.init(content:)))
    }

    /// The URL's path: after the scheme and host, before `?` and `#` (the whole text when it has no scheme;
    /// empty when the host is followed by a query or fragment, not a path).
    /// Scanned as UTF-8 bytes (the delimiters are ASCII): the proxy asks it of every request and `verify har` of
    /// every entry.
    public var path: Substring {
        let bytes = url.utf8
        var start = bytes.startIndex
        if let scheme = bytes.firstRange(of: "://".utf8) {
            // The host ends at the first '/', '?' or '#'; only a '/' starts a path.
            guard
                let slash = bytes[scheme.upperBound...].firstIndex(where: {
                    $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
                }), bytes[slash] == UInt8(ascii: "/")
            else { return "" }
            start = slash
        }
        let end =
            bytes[start...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        return url[start..<end]
    }

    /// The endpoint whose path the URL's path ends in (any host, any base path), or nil for other requests.
    public var endpoint: Endpoint? { Endpoint(endOfPath: path) }
}

/// A recorded body: its text as the tool wrote it and how to get the bytes back.
public struct HARContent: Sendable {
    /// `mimeType`, when recorded.
    public let mimeType: String?
    /// The text as recorded, or the form's `params` joined as `name=value&…` when there is no text.
    public let text: String
    /// `encoding` (`base64` for bytes that are not text), when recorded.
    public let encoding: String?

    public init(mimeType: String?, text: String, encoding: String? = nil) {
        self.mimeType = mimeType
        self.text = text
        self.encoding = encoding
    }

    /// Bytes as HAR keeps them: their UTF-8 text, or base64 of bytes that are not UTF-8 (`encoding: "base64"`).
    public init(bytes: [UInt8], mimeType: String?) {
        if let text = String(validating: bytes, as: UTF8.self) {
            self.init(mimeType: mimeType, text: text)
        } else {
            self.init(mimeType: mimeType, text: Base64Strict.encode(bytes), encoding: "base64")
        }
    }

    /// `request.postData`: `text`, else `params` joined as the form was sent.
    init?(postData: JSONObject) {
        let mimeType = postData["mimeType"]?.string
        let encoding = postData["encoding"]?.string
        if let text = postData["text"]?.string {
            self.init(mimeType: mimeType, text: text, encoding: encoding)
        } else if let params = postData["params"]?.array {
            let pairs = params.map { param in
                let name = param["name"]?.string ?? ""
                return param["value"]?.string.map { name + "=" + $0 } ?? name
            }
            self.init(mimeType: mimeType, text: pairs.joined(separator: "&"))
        } else {
            self.init(mimeType: mimeType, text: "", encoding: encoding)
        }
    }

    /// `response.content`, when it has a text (devtools leave it out for bodies they did not keep).
    init?(content: JSONObject) {
        guard let text = content["text"]?.string else { return nil }
        self.init(mimeType: content["mimeType"]?.string, text: text, encoding: content["encoding"]?.string)
    }

    /// The bytes: the text's UTF-8, or the base64 text decoded; nil for base64 that does not decode.
    public var bytes: [UInt8]? {
        guard encoding?.lowercased() == "base64" else { return Array(text.utf8) }
        // Tools write standard base64, some with line breaks.
        return try? Base64Strict.decode(text.filter { !$0.isWhitespace })
    }
}

internal import HTTPTypes
internal import NIOCore
internal import NIOHTTP1
internal import NIOHTTPTypes

/// Answers a request head larger than the decoder's limit (80 KiB, Hummingbird's default) with HTTP 431 and
/// closes the connection.
///
/// Hummingbird 2.28.1 answers every parse error with a bare 400; RFC 6585 gives an over-large head its own
/// status, so that a client can tell "too big" from "malformed". Sits after the HTTP codec, where the decoder's
/// error passes by on its way to the connection's task; any other error, or one while a request is being
/// answered, is passed on unchanged.
final class HeaderTooLargeHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Request heads passed on whose answers have not ended yet.
    private var answering = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { answering += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { answering -= 1 }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard answering == 0, case .headerOverflow? = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        let head = HTTPResponse(
            status: .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
            headerFields: [.connection: "close", .contentLength: "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }
}

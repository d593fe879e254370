internal import NIOCore
internal import NIOPosix

/// Where the server binary's Swift tasks run.
public enum ServerExecutor {
    /// Makes the event loops that serve connections (NIO's singleton group, which Hummingbird and the proxy's
    /// AsyncHTTPClient use) run Swift Concurrency's tasks too, instead of a pool of their own. A request then no
    /// longer wakes a second thread to run its handler and another to write its answer: fewer thread switches per
    /// request, which is most of the proxy's cost on a small machine. Call once, first thing in `main`; returns
    /// whether the executor was installed (false where NIO does not support it).
    @discardableResult
    public static func useEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}

// swift-tools-version:6.1
// A package outside xiaoa-crypto that depends on it by path and uses the XiaoaClient library exactly as
// docs/client.md shows. scripts/test-call builds it and runs it against the stand-in server:
//
//   XIAOA_BASE_URL=http://127.0.0.1:8088 XIAOA_DOMAIN_KEY=demo swift run --package-path Examples/ClientExample
import PackageDescription

let package = Package(
    name: "ClientExample",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "xiaoa-crypto", path: "../..")],
    targets: [
        .executableTarget(
            name: "ClientExample",
            dependencies: [.product(name: "XiaoaClient", package: "xiaoa-crypto")]
        )
    ],
    swiftLanguageModes: [.v6]
)

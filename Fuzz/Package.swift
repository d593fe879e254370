// swift-tools-version:5.4
// (5.4, not 6.x: from 5.5 on SwiftPM links an executable's entry point under a renamed `main`, which a fuzz binary,
// whose `main` is libFuzzer's, does not have.)
// The fuzz targets of xiaoa-crypto: a package of its own (after swift-protobuf's FuzzTesting/) that depends on the
// main package by path, so that its binaries and every module they use are built with libFuzzer's coverage and
// AddressSanitizer while the main build stays as it is. The properties each target checks are the main package's
// XiaoaPropertyChecks library, which the regression tests run too. scripts/fuzz builds and runs them:
//
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let checks: Target.Dependency = .product(name: "XiaoaPropertyChecks", package: "xiaoa-crypto")

let package = Package(
    name: "xiaoa-crypto-fuzz",
    dependencies: [.package(name: "xiaoa-crypto", path: "..")],
    targets: [
        // One executable per target; libFuzzer supplies main and calls LLVMFuzzerTestOneInput.
        .executableTarget(name: "FuzzDecrypt", dependencies: [checks]),
        .executableTarget(name: "FuzzJSON", dependencies: [checks]),
        .executableTarget(name: "FuzzVerifier", dependencies: [checks]),
        .executableTarget(name: "FuzzLineReader", dependencies: [checks]),
    ]
)

// swift-tools-version:5.9
// The Swift package of the HappyFox client: the Swift sources UniFFI generates
// (`cargo xtask bindings`, then copy target/bindings/swift/HappyFox.swift into
// Sources/HappyFox/) over the Rust library, shipped as the XCFramework HappyFoxFFI
// (build steps in the repository's README, "Swift").
import PackageDescription

let package = Package(
    name: "HappyFox",
    platforms: [.macOS(.v12), .iOS(.v15)],
    products: [
        .library(name: "HappyFox", targets: ["HappyFox"]),
    ],
    targets: [
        .binaryTarget(name: "HappyFoxFFI", path: "HappyFoxFFI.xcframework"),
        .target(name: "HappyFox", dependencies: ["HappyFoxFFI"], path: "Sources/HappyFox"),
    ]
)

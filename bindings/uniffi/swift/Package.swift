// swift-tools-version:5.9
// The Swift package of the HappyFox client: the Swift sources UniFFI generates over the Rust
// library, shipped as the XCFramework HappyFoxFFI. On a Mac, `scripts/build-xcframework.sh`
// builds both: HappyFoxFFI.xcframework here and Sources/HappyFox/HappyFox.swift (neither is
// committed). `scripts/build-xcframework.sh --with-emulator`, then `swift test`, runs the
// README's Swift example against the emulator (Tests/HappyFoxTests).
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
        .testTarget(name: "HappyFoxTests", dependencies: ["HappyFox"], path: "Tests/HappyFoxTests"),
    ]
)

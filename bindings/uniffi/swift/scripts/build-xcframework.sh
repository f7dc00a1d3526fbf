#!/usr/bin/env bash
# Builds bindings/uniffi/swift/HappyFoxFFI.xcframework (the Rust library for macOS, iOS and
# the iOS simulator) and writes the Swift sources UniFFI generates into
# bindings/uniffi/swift/Sources/HappyFox/HappyFox.swift, so that the Swift package in
# bindings/uniffi/swift builds. Runs on a Mac with Xcode and the five Apple targets installed:
#
#   rustup target add aarch64-apple-darwin x86_64-apple-darwin \
#     aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
#   bindings/uniffi/swift/scripts/build-xcframework.sh [--with-emulator]
#
# The XCFramework ships without the emulator (happyfox-uniffi's cargo feature `emulator`,
# on by default, is turned off); --with-emulator keeps it, for `swift test` (the tests run
# the README's example against the emulator). Works from any directory; respects
# CARGO_TARGET_DIR (and any target directory cargo's configuration names).
set -euo pipefail

usage() {
    echo "usage: $0 [--with-emulator]" >&2
}

features=(--no-default-features)
for arg in "$@"; do
    case "$arg" in
        --with-emulator) features=() ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            echo "unknown argument: $arg" >&2
            usage
            exit 2
            ;;
    esac
done

# The repository's root: this script lives in bindings/uniffi/swift/scripts/.
cd "$(dirname "${BASH_SOURCE[0]}")/../../../.."
root="$(pwd)"
swift_dir="$root/bindings/uniffi/swift"
xcframework="$swift_dir/HappyFoxFFI.xcframework"
library=libhappyfox_uniffi

target_dir="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json,sys;print(json.load(sys.stdin)["target_directory"])')"

targets=(
    aarch64-apple-darwin
    x86_64-apple-darwin
    aarch64-apple-ios
    aarch64-apple-ios-sim
    x86_64-apple-ios
)
for target in "${targets[@]}"; do
    echo "==> cargo build --release -p happyfox-uniffi --target $target ${features[*]-}"
    # ${features[@]+...}: an empty array under `set -u` on macOS's bash 3.2.
    cargo build --release -p happyfox-uniffi --target "$target" ${features[@]+"${features[@]}"}
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "==> uniffi-bindgen generate --language swift"
cargo run --quiet -p uniffi-bindgen -- generate \
    "$target_dir/aarch64-apple-darwin/release/$library.dylib" \
    --language swift --no-format --out-dir "$work/generated"

cp "$work/generated/HappyFox.swift" "$swift_dir/Sources/HappyFox/HappyFox.swift"

headers="$work/headers"
mkdir -p "$headers"
cp "$work/generated/HappyFoxFFI.h" "$headers/"
cp "$work/generated/HappyFoxFFI.modulemap" "$headers/module.modulemap"

echo "==> lipo: one macOS library (arm64, x86_64), one simulator library (arm64, x86_64)"
mkdir -p "$work/macos" "$work/ios-simulator"
lipo -create \
    "$target_dir/aarch64-apple-darwin/release/$library.a" \
    "$target_dir/x86_64-apple-darwin/release/$library.a" \
    -output "$work/macos/$library.a"
lipo -create \
    "$target_dir/aarch64-apple-ios-sim/release/$library.a" \
    "$target_dir/x86_64-apple-ios/release/$library.a" \
    -output "$work/ios-simulator/$library.a"

echo "==> xcodebuild -create-xcframework"
rm -rf "$xcframework"
xcodebuild -create-xcframework \
    -library "$work/macos/$library.a" -headers "$headers" \
    -library "$target_dir/aarch64-apple-ios/release/$library.a" -headers "$headers" \
    -library "$work/ios-simulator/$library.a" -headers "$headers" \
    -output "$xcframework"

if [[ "${#features[@]}" -eq 0 ]]; then
    flavour="with the emulator"
else
    flavour="without the emulator"
fi
echo "wrote $xcframework ($flavour)"
echo "wrote $swift_dir/Sources/HappyFox/HappyFox.swift"

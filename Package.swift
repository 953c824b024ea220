// swift-tools-version:6.0
import PackageDescription
import Foundation

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SiteKit", targets: ["SiteKit"]),
        .library(name: "CompiledMustache", targets: ["CompiledMustache"]),
        // The engine benchmark's page and timing, shared with Benchmarks/mustache-compare.
        .library(name: "MustacheBench", targets: ["MustacheBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev), found through pkg-config.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libvips from the system (Debian: libvips-dev), for images; and a few lines of C over
        // it, since Swift cannot call its variadic functions. Swift imports only the shim.
        // Only libvips' headers are used at build time (GLib's paths, from pkg-config, find theirs):
        // the shim opens the library itself when a photo first needs it (see vips_shim.c).
        .systemLibrary(
            name: "CVips",
            pkgConfig: "glib-2.0",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(name: "CVipsShim", dependencies: ["CVips"]),
        // libcrypto (OpenSSL, Debian: libssl-dev) for the deploy's digests: SHA-256, HMAC, MD5.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The template engine: Mustache compiled once per theme, rendered to bytes without casts.
        .target(name: "CompiledMustache"),
        .target(
            name: "SiteKit",
            dependencies: [
                "CCmark",
                "CVipsShim",
                "CompiledMustache",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The preview server: serves the output folder, rebuilds on save, reloads the browser.
        .target(
            name: "SiteServer",
            dependencies: [
                "SiteKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Deploying the output: a plan (what to upload and delete, in what order) and transports
        // (folder, rsync over SSH, S3). Its own target, so that SiteKit carries no network code.
        .target(
            name: "SiteDeploy",
            dependencies: [
                "SiteKit",
                "COpenSSL",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SiteKit",
                "SiteServer",
                "SiteDeploy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Writes a deterministic generated archive for the benchmark (Benchmarks/run.sh).
        .executableTarget(
            name: "sitegen-corpus",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The engine alone on the theme's article page (see Benchmarks/README.md); swift-mustache's
        // figure beside it comes from the package Benchmarks/mustache-compare.
        .target(name: "MustacheBench", dependencies: ["CompiledMustache"]),
        .executableTarget(name: "mustache-bench", dependencies: ["CompiledMustache", "MustacheBench"]),
        .testTarget(
            name: "CompiledMustacheTests",
            dependencies: ["CompiledMustache"]
        ),
        .testTarget(
            name: "SiteKitTests",
            dependencies: ["SiteKit"]
        ),
        .testTarget(
            name: "SiteDeployTests",
            dependencies: ["SiteDeploy", "SiteKit"]
        ),
        .testTarget(
            name: "SiteServerTests",
            dependencies: [
                "SiteServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)

// libFuzzer targets (Fuzz/run.sh): only when asked for, since they link libFuzzer's own `main`
// and are built with `-sanitize=fuzzer,address` in a build folder of their own.
if ProcessInfo.processInfo.environment["SITEGEN_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "sitegen-fuzz", dependencies: ["SiteKit", "CompiledMustache"], path: "Fuzz", exclude: ["run.sh", "seeds"]))
}

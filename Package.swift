// swift-tools-version:6.0
import PackageDescription

/// One system-library target per C library; each names its pkg-config module and Debian package.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let package = Package(
    name: "qrdesk",
    // Linux only (Debian 12 is what CI and `make demo` run on): the printer and server code use Glibc sockets.
    // No `platforms` entry: SwiftPM has none for Linux, and claiming macOS would be untrue.
    products: [
        .executable(name: "qrdesk", targets: ["qrdesk"]),
        .library(name: "QRDesk", targets: ["QRDesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
    ],
    targets: [
        // The thin C layer: module maps only.
        systemLibrary("CQRencode", pkgConfig: "libqrencode", apt: "libqrencode-dev"),
        systemLibrary("CCairo", pkgConfig: "cairo", apt: "libcairo2-dev"),
        systemLibrary("CPangoCairo", pkgConfig: "pangocairo", apt: "libpango1.0-dev"),
        systemLibrary("CZBar", pkgConfig: "zbar", apt: "libzbar-dev"),
        systemLibrary("CLibz", pkgConfig: "zlib", apt: "zlib1g-dev"),
        // Independent readers of the bytes qrdesk writes: poppler for PDF, librsvg for SVG, and
        // librsvg's gdk-pixbuf for JPEG photos.
        systemLibrary("CPoppler", pkgConfig: "poppler-glib", apt: "libpoppler-glib-dev"),
        systemLibrary("CRsvg", pkgConfig: "librsvg-2.0", apt: "librsvg2-dev"),
        // Press files: LittleCMS turns accent colours into the press's CMYK; qpdf reads any PDF for preflight.
        systemLibrary("CLCMS2", pkgConfig: "lcms2", apt: "liblcms2-dev"),
        systemLibrary("CQPDF", pkgConfig: "libqpdf", apt: "libqpdf-dev"),

        // Pure Swift: links, matrices, lengths, templates, layout, documents, receipts. Imports no C.
        .target(name: "QRDeskCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        // The only Swift that touches the C libraries: encoder, painter, text shaper, decoder, PNG writer, PDF/SVG/JPEG
        // readers. (POSIX calls for files, sockets and locks live with the engine code that uses them.)
        .target(name: "QRDeskNative", dependencies: ["QRDeskCore", "CQRencode", "CCairo", "CPangoCairo", "CZBar", "CLibz",
                                                     "CPoppler", "CRsvg", "CLCMS2", "CQPDF"]),
        // The engine: pipelines that join the pure core to the native layer and write files.
        .target(name: "QRDesk", dependencies: [
            "QRDeskCore", "QRDeskNative",
            .product(name: "CSV", package: "CSV.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // `qrdesk serve`: the same engine over HTTP (Hummingbird 2), rendering on a bounded pool off the event loop.
        .target(name: "QRDeskServer", dependencies: [
            "QRDesk", "QRDeskCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "MultipartKit", package: "multipart-kit"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // The command line: one file per subcommand.
        .executableTarget(name: "qrdesk", dependencies: ["QRDesk", "QRDeskServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                                         .product(name: "Logging", package: "swift-log")]),

        // `make bench`: per-artifact timings from a release build.
        .executableTarget(name: "qrdesk-bench", dependencies: ["QRDesk"]),

        .target(name: "TestSupport", dependencies: ["QRDesk", "QRDeskNative", "QRDeskCore"], path: "Tests/TestSupport"),
        .testTarget(name: "QRDeskCoreTests", dependencies: ["QRDeskCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "QRDeskTests", dependencies: ["QRDesk", "QRDeskNative", "QRDeskCore", "TestSupport"], exclude: ["Goldens", "Fixtures"]),
        .testTarget(name: "QRDeskServerTests", dependencies: [
            "QRDeskServer", "QRDesk", "QRDeskNative", "QRDeskCore", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

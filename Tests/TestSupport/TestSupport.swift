import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative

/// Shared helpers for the test targets: the bundled templates, external renderers and the built CLI.
public enum TestSupport {
    /// The package root, found from this file's location.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let templatesDirectory = packageRoot.appendingPathComponent("templates")

    public static func library() throws -> TemplateLibrary {
        try TemplateLibrary.load(from: [templatesDirectory])
    }

    public static let sampleLink = "https://pay.example.com/p/Xk9fA2mQ7t"

    /// A PNG that is only a header: it claims `width` × `height` pixels (a logo bomb when large) in 57 bytes.
    public static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func be(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        let body = Array("IHDR".utf8) + be(width) + be(height) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + body + be(0) + be(0) + Array("IEND".utf8)
            + be(0)
    }

    /// A fresh empty folder under the system temporary directory.
    public static func temporaryDirectory(_ name: String = "qrdesk-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    public struct ProcessResult: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        public let stdoutBytes: [UInt8]
    }

    /// Runs a program to completion; stdout and stderr are captured through files, so large output cannot block it.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], currentDirectory: URL? = nil,
        environment: [String: String]? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : try which(executable))
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        if let environment { process.environment = environment }
        let folder = try temporaryDirectory("qrdesk-proc")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stdoutData = try Data(contentsOf: out)
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self), stdoutBytes: [UInt8](stdoutData))
    }

    static func which(_ name: String) throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw TestSupportError("\(name) is not installed; run scripts/install-deps.sh")
    }

    /// The built `qrdesk` binary beside the test bundle (`make test` builds it first).
    public static func qrdeskBinary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("qrdesk"),
            packageRoot.appendingPathComponent(".build/debug/qrdesk"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestSupportError(
                "the qrdesk binary is not built; run `swift build --product qrdesk` (make test does)")
        }
        return found.path
    }

    /// Runs the built `qrdesk` in `folder` with the bundled templates, as a user would.
    public static func qrdesk(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["QRDESK_TEMPLATES"] = templatesDirectory.path
        return try run(try qrdeskBinary(), arguments, currentDirectory: folder, environment: environment)
    }

    /// Rasterizes page 1 of a PDF with poppler's pdftoppm, as 8-bit grey.
    public static func rasterizePDF(
        _ pdf: [UInt8], dpi: Int = 150, antialias: Bool = true, page: Int = 1
    ) throws -> GreyImage {
        let folder = try temporaryDirectory("qrdesk-pdf")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        try Data(pdf).write(to: input)
        var arguments = ["-r", "\(dpi)", "-gray", "-singlefile", "-f", "\(page)", "-l", "\(page)"]
        if !antialias { arguments += ["-aa", "no", "-aaVector", "no"] }
        let result = try run("pdftoppm", arguments + [input.path, folder.appendingPathComponent("page").path])
        guard result.status == 0 else { throw TestSupportError("pdftoppm failed: \(result.stderr)") }
        return try parsePGM([UInt8](try Data(contentsOf: folder.appendingPathComponent("page.pgm"))))
    }

    /// Rasterizes an SVG with librsvg's rsvg-convert.
    public static func rasterizeSVG(_ svg: [UInt8], dpi: Int = 150) throws -> GreyImage {
        let folder = try temporaryDirectory("qrdesk-svg")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.svg"), output = folder.appendingPathComponent("out.png")
        try Data(svg).write(to: input)
        let result = try run(
            "rsvg-convert", ["--dpi-x", "\(dpi)", "--dpi-y", "\(dpi)", "-b", "white", "-o", output.path, input.path])
        guard result.status == 0 else { throw TestSupportError("rsvg-convert failed: \(result.stderr)") }
        return try PNGDecoder.greyImage([UInt8](try Data(contentsOf: output)))
    }

    /// Parses binary PGM (P5, maxval 255).
    public static func parsePGM(_ bytes: [UInt8]) throws -> GreyImage {
        var fields: [String] = []
        var index = 0
        while fields.count < 4 && index < bytes.count {
            while index < bytes.count, bytes[index] == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != 10 { index += 1 }
                index += 1
            }
            var token = ""
            while index < bytes.count,
                !(bytes[index] == 32 || bytes[index] == 10 || bytes[index] == 13 || bytes[index] == 9)
            {
                token.append(Character(UnicodeScalar(bytes[index]))); index += 1
            }
            index += 1
            if !token.isEmpty { fields.append(token) }
        }
        guard fields.count == 4, fields[0] == "P5", let width = Int(fields[1]), let height = Int(fields[2]),
            fields[3] == "255"
        else {
            throw TestSupportError("not a P5 PGM: \(fields)")
        }
        return GreyImage(width: width, height: height, pixels: Array(bytes[index..<(index + width * height)]))
    }

    /// PNG chunk types in order, and the pHYs pixels-per-metre when present.
    public static func pngChunks(_ png: [UInt8]) -> [(type: String, body: [UInt8])] {
        var chunks: [(String, [UInt8])] = []
        var offset = 8
        while offset + 8 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            chunks.append((type, Array(png[offset + 8..<min(png.count, offset + 8 + length)])))
            offset += 12 + length
        }
        return chunks
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Golden files, compared byte for byte. A golden is written only when `QRDESK_RECORD_GOLDENS=1` is set, and the
/// test still fails then, so a person reviews the new file (`git diff`) before committing it. A mismatch says
/// where the images or texts differ and leaves the actual file beside the test run for a look.
public enum Golden {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["QRDESK_RECORD_GOLDENS"] == "1" }

    /// Nil when `actual` matches the golden at `url`; otherwise what a person needs to judge the difference.
    public static func mismatch(_ actual: [UInt8], golden url: URL) throws -> String? {
        guard let expected = FileManager.default.contents(atPath: url.path).map({ [UInt8]($0) }) else {
            if isRecording {
                try Data(actual).write(to: url)
                return
                    "recorded \(url.lastPathComponent); review it (git diff, or open it) and commit it, then run "
                    + "again without QRDESK_RECORD_GOLDENS"
            }
            return
                "\(url.lastPathComponent) has no golden; run with QRDESK_RECORD_GOLDENS=1 to record it, then review it"
        }
        guard expected != actual else { return nil }
        let difference = describe(expected: expected, actual: actual, name: url.lastPathComponent)
        let kept = FileManager.default.temporaryDirectory.appendingPathComponent(
            "qrdesk-actual-\(url.lastPathComponent)")
        try Data(actual).write(to: kept)
        if isRecording {
            try Data(actual).write(to: url)
            return
                "re-recorded \(url.lastPathComponent) (\(difference)); review the change with git diff before "
                + "committing"
        }
        return
            "\(url.lastPathComponent) differs from its golden: \(difference); the actual file is at \(kept.path). If "
            + "the change is intended, re-record with QRDESK_RECORD_GOLDENS=1 and review it"
    }

    private static func describe(expected: [UInt8], actual: [UInt8], name: String) -> String {
        if name.hasSuffix(".png"), let old = try? PNGDecoder.greyImage(expected),
            let new = try? PNGDecoder.greyImage(actual)
        {
            guard old.width == new.width, old.height == new.height else {
                return "size \(old.width) × \(old.height) became \(new.width) × \(new.height) pixels"
            }
            var count = 0, minX = Int.max, maxX = -1, minY = Int.max, maxY = -1
            for y in 0..<old.height {
                for x in 0..<old.width where old[x, y] != new[x, y] {
                    count += 1; minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                }
            }
            return count == 0
                ? "same pixels, other bytes (metadata or compression)"
                : "\(count) of \(old.width * old.height) pixels differ, in columns \(minX)–\(maxX), rows "
                    + "\(minY)–\(maxY)"
        }
        let oldLines = String(decoding: expected, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        let newLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (old, new)) in zip(oldLines, newLines).enumerated() where old != new {
            let common = zip(old, new).prefix { $0 == $1 }.count
            func around(_ line: Substring) -> Substring { line.dropFirst(max(0, common - 30)).prefix(80) }
            return
                "first difference at line \(index + 1), column \(common + 1): \"…\(around(old))\" became "
                + "\"…\(around(new))\""
        }
        return "\(oldLines.count) lines became \(newLines.count)"
    }
}

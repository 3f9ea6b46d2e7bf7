import Foundation
import Testing
import QRDesk
import QRDeskCore
import QRDeskNative
import TestSupport

/// The module reader under `verify` and the read-back check: it must read libqrencode's own symbols exactly.
@Suite("QR reading: modules, format, capacity")
struct QRReadingTests {
    /// A symbol drawn at whole pixels per module on white, with `quiet` light modules around it.
    static func image(_ matrix: QRMatrix, pixelsPerModule: Int = 5, quiet: Int = 4) -> GreyImage {
        let side = (matrix.width + 2 * quiet) * pixelsPerModule
        var pixels = [UInt8](repeating: 255, count: side * side)
        for y in 0..<matrix.width {
            for x in 0..<matrix.width where matrix[x, y] {
                for dy in 0..<pixelsPerModule {
                    for dx in 0..<pixelsPerModule {
                        pixels[((y + quiet) * pixelsPerModule + dy) * side + (x + quiet) * pixelsPerModule + dx] = 0
                    }
                }
            }
        }
        return GreyImage(width: side, height: side, pixels: pixels)
    }

    @Test(arguments: ErrorCorrectionLevel.allCases)
    func formatInformationReadsLibqrencodesLevel(level: ErrorCorrectionLevel) throws {
        for bytes in [5, 40, 300] {
            let matrix = try QREncoder().encode(bytes: [UInt8](repeating: 0x41, count: bytes), level: level)
            let format = FormatInformation.read(width: matrix.width) { matrix[$0, $1] }
            #expect(format?.level == level, "\(bytes) bytes at \(level)")
        }
    }
}

extension QRReadingTests {
    /// The byte capacities qrdesk sizes codes with are libqrencode's: at every version and level, the stated
    /// capacity encodes at that version and one byte more does not.
    @Test func capacityTableIsLibqrencodes() throws {
        for level in ErrorCorrectionLevel.allCases {
            for version in 1...40 {
                let capacity = QRCapacity.bytes(version: version, level: level)
                let fits = try QREncoder().encode(bytes: [UInt8](repeating: 0x61, count: capacity), level: level)
                #expect(fits.version == version, "\(level) v\(version)")
                if version < 40 {
                    #expect(
                        try QREncoder().encode(bytes: [UInt8](repeating: 0x61, count: capacity + 1), level: level)
                            .version == version + 1)
                }
            }
        }
    }

    /// zbar's corners, in whatever order and orientation, lead to the same modules: each quarter turn and the
    /// mirror image of a symbol read back exactly, with its version and level.
    @Test func locateReadsEveryOrientation() throws {
        let matrix = try QREncoder().encode(TestSupport.sampleLink, level: .quartile)
        let upright = Self.image(matrix)
        func turned(_ image: GreyImage, _ quarterTurns: Int, mirrored: Bool) -> GreyImage {
            var result = image
            for _ in 0..<quarterTurns {
                var pixels = result.pixels
                for y in 0..<result.height {
                    for x in 0..<result.width { pixels[x * result.height + (result.height - 1 - y)] = result[x, y] }
                }
                result = GreyImage(width: result.height, height: result.width, pixels: pixels)
            }
            if mirrored {
                var pixels = result.pixels
                for y in 0..<result.height {
                    for x in 0..<result.width { pixels[y * result.width + (result.width - 1 - x)] = result[x, y] }
                }
                result = GreyImage(width: result.width, height: result.height, pixels: pixels)
            }
            return result
        }
        for turns in 0..<4 {
            for mirrored in [false, true] {
                let image = turned(upright, turns, mirrored: mirrored)
                let symbols = try ZBarDecoder().symbols(in: image)
                #expect(symbols.map(\.payload) == [TestSupport.sampleLink], "\(turns) turns, mirrored \(mirrored)")
                let reading = try #require(QRGridReader.locate(image, corners: symbols.first?.corners ?? []))
                #expect(
                    reading.version == matrix.version && reading.format?.level == .quartile && reading.quietZone == 4)
                if turns == 0 && !mirrored { #expect(reading.mismatches(with: matrix).isEmpty) }
            }
        }
    }
}

extension QRReadingTests {
    /// The outlines the writers draw cover exactly the dark modules: every module centre is inside an odd number
    /// of loops if and only if it is dark, for symbols of every size; and they need far fewer points than runs.
    @Test(arguments: [1, 40, 300, 1200])
    func outlinesCoverExactlyTheDarkModules(bytes: Int) throws {
        let matrix = try QREncoder().encode(bytes: (0..<bytes).map { UInt8(0x41 + $0 % 26) }, level: .medium)
        let outline = QROutline(matrix)
        func inside(_ x: Double, _ y: Double) -> Bool {
            var crossings = 0
            for loop in outline.loops {
                for (index, a) in loop.enumerated() {
                    let b = loop[(index + 1) % loop.count]
                    // Vertical edges only cross a horizontal ray to the right.
                    guard a.x == b.x, Double(a.x) > x else { continue }
                    if (Double(a.y) < y) != (Double(b.y) < y) { crossings += 1 }
                }
            }
            return crossings % 2 == 1
        }
        for y in 0..<matrix.width {
            for x in 0..<matrix.width {
                #expect(
                    inside(Double(x) + 0.5, Double(y) + 0.5) == matrix[x, y],
                    "module (\(x), \(y)) of version \(matrix.version)")
            }
        }
        let runs = (0..<matrix.width).map { matrix.darkRuns(inRow: $0).count }.reduce(0, +)
        #expect(
            outline.loops.map(\.count).reduce(0, +) < 4 * runs,
            "corners \(outline.loops.map(\.count).reduce(0, +)), run corners \(4 * runs)")
    }
}

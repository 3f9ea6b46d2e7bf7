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
                    for dx in 0..<pixelsPerModule { pixels[((y + quiet) * pixelsPerModule + dy) * side + (x + quiet) * pixelsPerModule + dx] = 0 }
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

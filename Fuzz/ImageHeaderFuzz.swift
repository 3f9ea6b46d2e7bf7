import QRDeskCore
import QRDeskNative

/// A logo as every front door takes it (chunks checked, decoded to the last pixel, re-encoded); and
/// what `qrdesk verify` reads before any decoder runs: the file-kind sniffing and the PNG, JPEG and SVG headers;
/// then the same bytes as a small grey image with four corner points, for the module reader, the timing
/// measurement and the codeword rebuild; and as the modules of a symbol of any version, for the rebuild alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let header = ImageHeader(bytes) { _ = header.isWithinBudget }
    _ = try? LogoImage.reencoded(bytes)
    // The strict ESC/POS reader every printer stream is read back through.
    _ = try? ESCPOSStream(bytes).greyImage
    guard size > 17 else { return 0 }
    let side = Int(bytes[0] % 96) + 1
    var pixels = Array(bytes.dropFirst(17).prefix(side * side))
    pixels += [UInt8](repeating: 255, count: side * side - pixels.count)
    let corners = (0..<4).map { index in
        Point(
            x: Double(Int8(bitPattern: bytes[1 + 2 * index])) + Double(side) / 2,
            y: Double(Int8(bitPattern: bytes[2 + 2 * index])) + Double(side) / 2)
    }
    let image = GreyImage(width: side, height: side, pixels: pixels)
    if let reading = QRGridReader.locate(image, corners: corners) {
        _ = reading.contrastRatio
        // The verify path on whatever was read: the timing patterns measured, the codewords corrected and rebuilt.
        _ = TimingMeasurement.measure(
            image, quad: reading.quad, width: reading.width, dark: reading.darkLevel, light: reading.lightLevel)
        _ = try? QRSymbolRebuild(width: reading.width, format: reading.format) { reading[$0, $1] }
    }
    // Any modules at all, for every version a byte picks: the codeword reader must never trap.
    let version = Int(bytes[9] % 40) + 1, width = QRCapacity.width(version: version)
    let level = ErrorCorrectionLevel.allCases[Int(bytes[10] % 4)]
    _ = try? QRSymbolRebuild(width: width, format: FormatInformation(level: level, mask: Int(bytes[11] % 8))) { x, y in
        bytes[(y &* width &+ x) % bytes.count] & 1 == 1
    }
    return 0
}

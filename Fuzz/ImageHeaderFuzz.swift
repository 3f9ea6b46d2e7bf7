import QRDeskCore

/// What `qrdesk verify` reads before any decoder runs: the file-kind sniffing and the PNG, JPEG and SVG headers;
/// then the same bytes as a small grey image with four corner points, for the module reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let header = ImageHeader(bytes) { _ = header.isWithinBudget }
    guard size > 17 else { return 0 }
    let side = Int(bytes[0] % 96) + 1
    var pixels = Array(bytes.dropFirst(17).prefix(side * side))
    pixels += [UInt8](repeating: 255, count: side * side - pixels.count)
    let corners = (0..<4).map { index in
        Point(x: Double(Int8(bitPattern: bytes[1 + 2 * index])) + Double(side) / 2,
              y: Double(Int8(bitPattern: bytes[2 + 2 * index])) + Double(side) / 2)
    }
    let image = GreyImage(width: side, height: side, pixels: pixels)
    if let reading = QRGridReader.locate(image, corners: corners) { _ = reading.contrastRatio }
    _ = PhoneCapture().capture(image, sourcePixelsPerModule: Double(bytes[9] % 8) + 1, moduleMillimetres: Double(bytes[10]) / 50,
                               distance: ScanDistance(metres: Double(bytes[11] % 100 + 5) / 100), maximumSide: 256)
    return 0
}

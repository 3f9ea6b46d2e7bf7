import QRDeskCore
internal import CZBar

/// Decodes QR codes in an 8-bit grey image with zbar. One scanner per call: zbar objects are never shared across
/// threads.
public struct ZBarDecoder: Sendable {
    public init() {}

    /// Every QR payload found, as the raw bytes zbar read, decoded as UTF-8.
    public func decode(_ image: GreyImage) throws(NativeError) -> [String] {
        try symbols(in: image).map(\.payload)
    }

    /// A QR code zbar found: its payload and the four corners it located, in the symbol's own order.
    public struct Symbol: Sendable {
        public let payload: String
        public let payloadBytes: [UInt8]
        /// Top-left, bottom-left, bottom-right, top-right as zbar lists them (counter-clockwise); `QRGridReader.locate`
        /// finds the turn and the direction.
        public let corners: [Point]
    }

    /// Every QR code found, with where zbar found it.
    public func symbols(in image: GreyImage) throws(NativeError) -> [Symbol] {
        guard image.width > 0, image.height > 0 else { return [] }
        guard let scanner = zbar_image_scanner_create() else {
            throw NativeError(library: "zbar", operation: "zbar_image_scanner_create", detail: "out of memory")
        }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        // Binary mode: hand back the bytes as encoded instead of guessing a text encoding.
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)
        guard let zimage = zbar_image_create() else {
            throw NativeError(library: "zbar", operation: "zbar_image_create", detail: "out of memory")
        }
        defer { zbar_image_destroy(zimage) }
        zbar_image_set_format(zimage, qrdesk_zbar_y800())
        zbar_image_set_size(zimage, UInt32(image.width), UInt32(image.height))
        return try image.pixels.withUnsafeBufferPointer { buffer throws(NativeError) -> [Symbol] in
            // No cleanup handler: the buffer belongs to Swift and outlives the scan.
            zbar_image_set_data(zimage, buffer.baseAddress, UInt(buffer.count), nil)
            let found = zbar_scan_image(scanner, zimage)
            guard found >= 0 else {
                throw NativeError(library: "zbar", operation: "zbar_scan_image", detail: "status \(found)")
            }
            var symbols: [Symbol] = []
            var symbol = zbar_image_first_symbol(zimage)
            while let current = symbol {
                if let data = zbar_symbol_get_data(current) {
                    let length = Int(zbar_symbol_get_data_length(current))
                    let bytes = data.withMemoryRebound(to: UInt8.self, capacity: length) {
                        Array(UnsafeBufferPointer(start: $0, count: length))
                    }
                    let corners = (0..<zbar_symbol_get_loc_size(current)).map { index in
                        Point(
                            x: Double(zbar_symbol_get_loc_x(current, index)),
                            y: Double(zbar_symbol_get_loc_y(current, index)))
                    }
                    symbols.append(
                        Symbol(payload: String(decoding: bytes, as: UTF8.self), payloadBytes: bytes, corners: corners))
                }
                symbol = zbar_symbol_next(current)
            }
            zbar_image_set_data(zimage, nil, 0, nil)
            return symbols
        }
    }
}

/// A receipt as the bytes an ESC/POS printer takes: initialise, the receipt as raster graphics in bands of
/// `GS v 0`, feed, cut (`GS V`), and optionally the cash-drawer kick (`ESC p`). Text is already dots (drawn
/// by Pango), so code pages never matter and every script prints.
public struct ESCPOSEncoder {
    public let profile: PrinterProfile
    public let openDrawer: Bool

    public init(profile: PrinterProfile, openDrawer: Bool = false) {
        self.profile = profile
        self.openDrawer = openDrawer
    }

    public enum Command {
        /// ESC @: clear the buffer and reset modes.
        public static let initialize: [UInt8] = [0x1B, 0x40]
        /// GS V 65 0 / GS V 66 0: feed to the cutter and cut, fully or leaving a hinge.
        public static let fullCut: [UInt8] = [0x1D, 0x56, 0x41, 0x00]
        public static let partialCut: [UInt8] = [0x1D, 0x56, 0x42, 0x00]
        /// ESC p 0 t1 t2: a 50 ms pulse on drawer pin 2, then 500 ms off.
        public static let drawerKick: [UInt8] = [0x1B, 0x70, 0x00, 0x19, 0xFA]
        /// DLE EOT n: real-time status (2: offline cause, 4: paper sensor); the printer answers one byte.
        public static func status(_ n: UInt8) -> [UInt8] { [0x10, 0x04, n] }
        /// ESC d n: print and feed n lines.
        public static func feed(_ lines: Int) -> [UInt8] { [0x1B, 0x64, UInt8(clamping: lines)] }
        /// ESC a n: justification of what follows (0 left, 1 centre).
        public static func justify(centre: Bool) -> [UInt8] { [0x1B, 0x61, centre ? 1 : 0] }

        /// GS ( k, symbol 49 (QR): model 2, `moduleDots` dots per module, level M, the payload, then print it.
        public static func qrCode(_ payload: [UInt8], moduleDots: Int) -> [UInt8] {
            func function(_ code: UInt8, _ data: [UInt8]) -> [UInt8] {
                let length = data.count + 2  // cn and fn
                return [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), 0x31, code] + data
            }
            return function(0x41, [0x32, 0x00])  // 165: model 2
                + function(0x43, [UInt8(clamping: moduleDots)])  // 167: module size in dots
                + function(0x45, [0x31])  // 169: error correction M
                + function(0x50, [0x30] + payload)  // 180: store the data
                + function(0x51, [0x30])  // 181: print the symbol
        }
    }

    /// A QR the printer draws itself, in place of the raster rows `rows` (the symbol without its quiet zone).
    public struct NativeQR: Hashable, Sendable {
        public let rows: Range<Int>
        public let payload: String
        public let moduleDots: Int

        public init(rows: Range<Int>, payload: String, moduleDots: Int) {
            self.rows = rows
            self.payload = payload
            self.moduleDots = moduleDots
        }
    }

    public enum EncodeError: Error, Hashable, Sendable, CustomStringConvertible {
        case widthMismatch(bitmap: Int, printer: Int, profile: String)
        public var description: String {
            switch self {
            case let .widthMismatch(bitmap, printer, profile):
                "the receipt is \(bitmap) dots wide but printer profile \"\(profile)\" prints \(printer); choose the "
                    + "receipt template for that paper (receipt-80mm: 576, receipt-58mm: 384) or another "
                    + "--printer-profile"
            }
        }
    }

    /// The receipt's dots; rows covered by `nativeQRs` (in order, not overlapping) are replaced by the printer's
    /// own QR command, centred as the raster had it.
    public func encode(_ bitmap: MonochromeBitmap, nativeQRs: [NativeQR] = []) throws(EncodeError) -> [UInt8] {
        guard bitmap.width == profile.dotsPerLine else {
            throw .widthMismatch(bitmap: bitmap.width, printer: profile.dotsPerLine, profile: profile.id)
        }
        var bytes = Command.initialize
        bytes.reserveCapacity(bitmap.bits.count + bitmap.height / max(1, profile.bandHeight) * 8 + 32)
        var row = 0
        for qr in nativeQRs where qr.rows.lowerBound >= row && qr.rows.upperBound <= bitmap.height {
            appendRaster(bitmap, rows: row..<qr.rows.lowerBound, to: &bytes)
            bytes +=
                Command.justify(centre: true) + Command.qrCode(Array(qr.payload.utf8), moduleDots: qr.moduleDots)
                + Command.justify(centre: false)
            row = qr.rows.upperBound
        }
        appendRaster(bitmap, rows: row..<bitmap.height, to: &bytes)
        bytes += Command.feed(profile.feedLines)
        switch profile.cut {
        case .full: bytes += Command.fullCut
        case .partial: bytes += Command.partialCut
        case .none: break
        }
        if openDrawer, profile.drawer { bytes += Command.drawerKick }
        return bytes
    }

    /// `GS v 0` bands of at most the profile's band height.
    private func appendRaster(_ bitmap: MonochromeBitmap, rows: Range<Int>, to bytes: inout [UInt8]) {
        var row = rows.lowerBound
        while row < rows.upperBound {
            let band = min(profile.bandHeight, rows.upperBound - row)
            // GS v 0 m xL xH yL yH: m = 0 (normal density), x in bytes, y in dots; both little-endian.
            bytes += [
                0x1D, 0x76, 0x30, 0x00,
                UInt8(bitmap.rowBytes & 0xFF), UInt8(bitmap.rowBytes >> 8), UInt8(band & 0xFF), UInt8(band >> 8),
            ]
            bytes += bitmap.bits[row * bitmap.rowBytes..<(row + band) * bitmap.rowBytes]
            row += band
        }
    }
}

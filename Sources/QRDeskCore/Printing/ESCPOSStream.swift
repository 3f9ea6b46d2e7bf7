/// A strict reader of the ESC/POS subset qrdesk sends: every byte must belong to a known command, the raster
/// bands must share one width, and the image is rebuilt from them. The read-back of every stream qrdesk writes
/// (`ESCPOSReadBack`), the fake printer and the tests read streams through it.
public struct ESCPOSStream {
    public enum Command: Equatable, Sendable {
        case initialize
        case raster(widthBytes: Int, rows: Int)
        case feed(lines: Int)
        case cut(partial: Bool)
        case drawerKick
        case status(Int)
        case justify(Int)
        /// GS ( k for QR (cn 49): the function number and its data.
        case qr(function: UInt8, data: [UInt8])
    }

    public struct MalformedStream: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    public let commands: [Command]
    public let bitmap: MonochromeBitmap

    public init(_ bytes: [UInt8]) throws(MalformedStream) {
        var commands: [Command] = [], bits: [UInt8] = [], width: Int?, height = 0
        var index = 0
        func need(_ count: Int, _ what: String) throws(MalformedStream) {
            guard index + count <= bytes.count else {
                throw MalformedStream(description: "\(what) at offset \(index) is cut short")
            }
        }
        while index < bytes.count {
            switch (bytes[index], index + 1 < bytes.count ? bytes[index + 1] : nil) {
            case (0x1B, 0x40): commands.append(.initialize); index += 2
            case (0x1B, 0x64): try need(3, "ESC d"); commands.append(.feed(lines: Int(bytes[index + 2]))); index += 3
            case (0x1B, 0x70): try need(5, "ESC p"); commands.append(.drawerKick); index += 5
            case (0x10, 0x04): try need(3, "DLE EOT"); commands.append(.status(Int(bytes[index + 2]))); index += 3
            case (0x1B, 0x61): try need(3, "ESC a"); commands.append(.justify(Int(bytes[index + 2]))); index += 3
            case (0x1D, 0x28):
                try need(7, "GS ( k")
                let length = Int(bytes[index + 3]) | Int(bytes[index + 4]) << 8
                guard bytes[index + 2] == 0x6B, bytes[index + 5] == 0x31, length >= 2 else {
                    throw MalformedStream(description: "GS ( other than k for QR at offset \(index)")
                }
                try need(5 + length, "GS ( k")
                commands.append(.qr(function: bytes[index + 6], data: Array(bytes[(index + 7)..<(index + 5 + length)])))
                index += 5 + length
            case (0x1D, 0x56):
                try need(4, "GS V")
                guard [0x41, 0x42].contains(bytes[index + 2]) else {
                    throw MalformedStream(description: "GS V with mode \(bytes[index + 2]) at offset \(index)")
                }
                commands.append(.cut(partial: bytes[index + 2] == 0x42)); index += 4
            case (0x1D, 0x76):
                try need(8, "GS v 0")
                guard bytes[index + 2] == 0x30, bytes[index + 3] == 0 else {
                    throw MalformedStream(description: "GS v with m=\(bytes[index + 3]) at offset \(index)")
                }
                let x = Int(bytes[index + 4]) | Int(bytes[index + 5]) << 8,
                    y = Int(bytes[index + 6]) | Int(bytes[index + 7]) << 8
                guard x > 0, y > 0 else {
                    throw MalformedStream(description: "an empty raster band at offset \(index)")
                }
                if let width, width != x {
                    throw MalformedStream(
                        description: "a band \(x) bytes wide after bands \(width) wide, at offset \(index)")
                }
                width = x
                try need(8 + x * y, "a raster band of \(x) × \(y)")
                bits += bytes[(index + 8)..<(index + 8 + x * y)]
                height += y
                commands.append(.raster(widthBytes: x, rows: y))
                index += 8 + x * y
            default:
                throw MalformedStream(
                    description: "unknown byte 0x\(String(bytes[index], radix: 16)) at offset \(index)")
            }
        }
        self.commands = commands
        self.bitmap = MonochromeBitmap(width: (width ?? 0) * 8, height: height, bits: bits)
    }

    /// The rebuilt image as grey pixels, for decoding and comparing with a PNG.
    public var greyImage: GreyImage {
        var pixels = [UInt8](repeating: 255, count: bitmap.width * bitmap.height)
        for y in 0..<bitmap.height { for x in 0..<bitmap.width where bitmap[x, y] { pixels[y * bitmap.width + x] = 0 } }
        return GreyImage(width: bitmap.width, height: bitmap.height, pixels: pixels)
    }
}

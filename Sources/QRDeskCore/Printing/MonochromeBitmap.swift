/// A 1-bit image as thermal printers take it: rows of bytes, most significant bit first, 1 = a black dot.
/// The receipt's 1-bit PNG and its ESC/POS raster are both written from one of these, so they are the same dots.
public struct MonochromeBitmap: Hashable, Sendable {
    public let width: Int
    public private(set) var height: Int
    /// Bytes per row: `(width + 7) / 8`; the padding bits at the end of a row are white (0).
    public let rowBytes: Int
    public private(set) var bits: [UInt8]

    public init(width: Int, height: Int, bits: [UInt8]) {
        self.width = width
        self.height = height
        self.rowBytes = (width + 7) / 8
        self.bits = bits
    }

    /// A white bitmap.
    public init(width: Int, height: Int) {
        self.init(width: width, height: height, bits: [UInt8](repeating: 0, count: (width + 7) / 8 * height))
    }

    /// Whether the dot at (x, y) is black.
    public subscript(x: Int, y: Int) -> Bool {
        get { bits[y * rowBytes + x >> 3] & (0x80 >> UInt8(x & 7)) != 0 }
        set {
            let mask: UInt8 = 0x80 >> UInt8(x & 7)
            if newValue { bits[y * rowBytes + x >> 3] |= mask } else { bits[y * rowBytes + x >> 3] &= ~mask }
        }
    }

    /// Rows `range` as their own bitmap.
    public func rows(_ range: Range<Int>) -> MonochromeBitmap {
        MonochromeBitmap(
            width: width, height: range.count,
            bits: Array(bits[range.lowerBound * rowBytes..<range.upperBound * rowBytes]))
    }

    /// Adds `other` (of the same width) below: the pages of a long roll, as one strip of paper.
    public mutating func append(_ other: MonochromeBitmap) {
        precondition(other.width == width, "bitmaps of one strip share their width")
        bits += other.bits
        height += other.height
    }
}

/// What a file to verify is, and what its header says before anything decodes it: pixel size (for the budget)
/// and physical resolution (for module sizes in millimetres).
public struct ImageHeader: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case pdf, svg, png, jpeg }

    public let kind: Kind
    /// Pixel size for PNG and JPEG; nil for the vector formats, whose size the reader reports.
    public let width: Int?
    public let height: Int?
    /// Pixels per millimetre when the file records a physical resolution (PNG pHYs in metres, JFIF in dpi or dpcm).
    public let pixelsPerMillimetre: Double?

    /// Decoded images larger than this are refused before decoding: a 12 MP phone photo is well inside it.
    public static let maximumPixels = 64_000_000

    /// Sniffs the kind from the first bytes; nil for anything else.
    public init?(_ bytes: [UInt8]) {
        if bytes.starts(with: Array("%PDF-".utf8)) {
            self.init(kind: .pdf, width: nil, height: nil, pixelsPerMillimetre: nil)
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            guard let png = Self.png(bytes) else { return nil }
            self = png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            guard let jpeg = Self.jpeg(bytes) else { return nil }
            self = jpeg
        } else if Self.looksLikeSVG(bytes) {
            self.init(kind: .svg, width: nil, height: nil, pixelsPerMillimetre: nil)
        } else {
            return nil
        }
    }

    init(kind: Kind, width: Int?, height: Int?, pixelsPerMillimetre: Double?) {
        self.kind = kind
        self.width = width
        self.height = height
        self.pixelsPerMillimetre = pixelsPerMillimetre
    }

    /// Whether decoding stays within the pixel budget (exact arithmetic: each side is below 2^32).
    public var isWithinBudget: Bool {
        guard let width, let height else { return true }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        return !overflow && pixels <= Self.maximumPixels
    }

    private static func be(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= bytes.count else { return nil }
        return bytes[at..<at + count].reduce(0) { $0 << 8 | Int($1) }
    }

    /// IHDR for the size; pHYs (unit 1 = metre) for the resolution. Chunks are walked with bounds checks.
    static func png(_ bytes: [UInt8]) -> ImageHeader? {
        guard bytes.count >= 24, bytes[12...15].elementsEqual("IHDR".utf8), let width = be(bytes, 16, 4),
            let height = be(bytes, 20, 4),
            width > 0, height > 0
        else { return nil }
        var offset = 8, perMillimetre: Double?
        while let length = be(bytes, offset, 4), offset + 12 + length <= bytes.count {
            let type = bytes[(offset + 4)..<(offset + 8)]
            if type.elementsEqual("pHYs".utf8), length == 9, let x = be(bytes, offset + 8, 4), bytes[offset + 16] == 1,
                x > 0
            {
                perMillimetre = Double(x) / 1000
            }
            if type.elementsEqual("IDAT".utf8) || type.elementsEqual("IEND".utf8) { break }
            offset += 12 + length
        }
        return ImageHeader(kind: .png, width: width, height: height, pixelsPerMillimetre: perMillimetre)
    }

    /// The frame header (SOFn) for the size; JFIF's APP0 for the density when it is in dpi (1) or dots per cm (2).
    static func jpeg(_ bytes: [UInt8]) -> ImageHeader? {
        var offset = 2, perMillimetre: Double?
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }
            guard let length = be(bytes, offset + 2, 2), length >= 2 else { return nil }
            let body = offset + 4
            if marker == 0xE0, length >= 14, bytes.count >= body + 12,
                bytes[body..<body + 5].elementsEqual([0x4A, 0x46, 0x49, 0x46, 0]),
                let density = be(bytes, body + 8, 2), density > 0
            {
                switch bytes[body + 7] {
                case 1: perMillimetre = Double(density) / 25.4
                case 2: perMillimetre = Double(density) / 10
                default: break
                }
            }
            // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = be(bytes, body + 1, 2), let width = be(bytes, body + 3, 2), width > 0, height > 0
                else { return nil }
                return ImageHeader(kind: .jpeg, width: width, height: height, pixelsPerMillimetre: perMillimetre)
            }
            offset += 2 + length
        }
        return nil
    }

    /// An `<svg` element near the start, after an optional XML declaration, comments or a BOM.
    static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let trimmed = head.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        return
            (trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<svg") || trimmed.hasPrefix("<!--")
            || trimmed.hasPrefix("<!DOCTYPE svg"))
            && head.contains("<svg")
    }
}

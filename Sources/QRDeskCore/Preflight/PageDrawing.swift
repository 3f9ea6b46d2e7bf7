/// An affine map of PDF space (`[a b c d e f]`, as `cm` and `/Matrix` give it).
public struct AffineTransform: Hashable, Sendable {
    public var a, b, c, d, e, f: Double

    public static let identity = AffineTransform(a: 1, b: 0, c: 0, d: 1, e: 0, f: 0)

    public init(a: Double, b: Double, c: Double, d: Double, e: Double, f: Double) {
        (self.a, self.b, self.c, self.d, self.e, self.f) = (a, b, c, d, e, f)
    }

    init?(_ values: [PDFValue]) {
        let numbers = values.compactMap(\.number)
        guard numbers.count == 6 else { return nil }
        self.init(a: numbers[0], b: numbers[1], c: numbers[2], d: numbers[3], e: numbers[4], f: numbers[5])
    }

    /// `self` applied first, then `other`.
    public func then(_ other: AffineTransform) -> AffineTransform {
        AffineTransform(
            a: a * other.a + b * other.c, b: a * other.b + b * other.d,
            c: c * other.a + d * other.c, d: c * other.b + d * other.d,
            e: e * other.a + f * other.c + other.e, f: e * other.b + f * other.d + other.f)
    }

    public func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// How much a unit length grows, whatever its direction (the geometric mean of the axes' scales).
    public var scale: Double { abs(a * d - b * c).squareRoot() }
}

/// A colour space as preflight judges it.
public enum ColourSpaceFamily: Hashable, Sendable, CustomStringConvertible {
    case gray, rgb, cmyk, calGray, calRGB, lab
    case iccBased(components: Int)
    case separation(String)
    case deviceN([String])
    indirect case indexed(ColourSpaceFamily)
    case pattern
    case unknown(String)

    public var description: String {
        switch self {
        case .gray: "DeviceGray"
        case .rgb: "DeviceRGB"
        case .cmyk: "DeviceCMYK"
        case .calGray: "CalGray"
        case .calRGB: "CalRGB"
        case .lab: "Lab"
        case let .iccBased(components): "ICCBased (\(components) components)"
        case let .separation(name): "Separation /\(name)"
        case let .deviceN(names): "DeviceN [\(names.joined(separator: " "))]"
        case let .indexed(base): "Indexed on \(base)"
        case .pattern: "Pattern"
        case let .unknown(name): name
        }
    }

    /// The spaces a PDF/X-1a file may print with: process CMYK and grey, indexed on them, and registration.
    public var isProcessOrGrey: Bool {
        switch self {
        case .gray, .cmyk, .pattern: true
        case let .separation(name): name == "All" || name == "None"
        case let .deviceN(names): names.allSatisfy { ["Cyan", "Magenta", "Yellow", "Black", "None"].contains($0) }
        case let .indexed(base): base.isProcessOrGrey
        default: false
        }
    }

    /// A die line's separation (`CutContour`): a path for the shop's cutter, printing no ink.
    public var isDieLine: Bool {
        if case let .separation(name) = self { name == DieCut.separation } else { false }
    }

    /// Device RGB, directly or as an indexed base: what PDF/X-4 still refuses.
    public var isDeviceRGB: Bool {
        switch self {
        case .rgb: true
        case let .indexed(base): base.isDeviceRGB
        default: false
        }
    }
}

/// The colour something is painted in.
public struct PaintColour: Hashable, Sendable {
    public var space: ColourSpaceFamily
    public var components: [Double]

    public static let initial = PaintColour(space: .gray, components: [0])

    public init(space: ColourSpaceFamily, components: [Double]) {
        self.space = space
        self.components = components
    }

    /// How many process plates it puts ink on; nil when that cannot be told (RGB, ICC, Lab: the RIP decides).
    public var plates: Int? {
        switch space {
        case .gray: return components.first.map { $0 < 1 ? 1 : 0 }
        case .cmyk: return components.prefix(4).filter { $0 > 0.001 }.count
        case .separation: return components.first.map { $0 > 0.001 ? 1 : 0 }
        default: return nil
        }
    }

    /// Dark enough to be read as black: K at least half, or grey at most half.
    public var isBlackish: Bool {
        switch space {
        case .gray: return (components.first ?? 1) <= 0.5
        case .cmyk:
            return components.count == 4 && (components[3] >= 0.5 || components.prefix(3).allSatisfy { $0 >= 0.6 })
        case .rgb: return components.count == 3 && components.allSatisfy { $0 <= 0.3 }
        default: return false
        }
    }

    /// Paints no ink: white in its space.
    public var isPaper: Bool {
        switch space {
        case .gray: return (components.first ?? 0) >= 0.999
        case .cmyk: return components.allSatisfy { $0 <= 0.001 }
        case .rgb: return components.allSatisfy { $0 >= 0.999 }
        default: return false
        }
    }
}

/// A rectangle in PDF page space (origin bottom-left, y up, points).
public struct PDFRect: Hashable, Sendable, CustomStringConvertible {
    public var minX, minY, maxX, maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        (self.minX, self.minY, self.maxX, self.maxY) = (
            min(minX, maxX), min(minY, maxY), max(minX, maxX), max(minY, maxY)
        )
    }

    /// A box entry (`[x0 y0 x1 y1]`, corners in either order); nil when it is not four numbers.
    public init?(box value: PDFValue?) {
        guard let numbers = value?.array?.compactMap(\.number), numbers.count == 4 else { return nil }
        self.init(minX: numbers[0], minY: numbers[1], maxX: numbers[2], maxY: numbers[3])
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }

    public func contains(_ other: PDFRect, tolerance: Double = 0.01) -> Bool {
        other.minX >= minX - tolerance && other.minY >= minY - tolerance && other.maxX <= maxX + tolerance
            && other.maxY <= maxY + tolerance
    }

    public func intersects(_ other: PDFRect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    public func union(_ other: PDFRect) -> PDFRect {
        PDFRect(
            minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX),
            maxY: max(maxY, other.maxY))
    }

    /// Grown by `amount` on every side (shrunk when negative).
    public func inset(by amount: Double) -> PDFRect {
        PDFRect(minX: minX + amount, minY: minY + amount, maxX: maxX - amount, maxY: maxY - amount)
    }

    public var description: String {
        "[\([minX, minY, maxX, maxY].map { formatDecimal($0, digits: 2) }.joined(separator: " "))]"
    }
}

/// Something painted on a page, as preflight sees it: where, in what colour, by which operator, in which object.
public struct PageMark: Sendable {
    public enum Kind: Sendable {
        case fill
        /// A stroke, with its line width in page space (points).
        case stroke(width: Double)
        /// Text shown with a font resource, at its size in page space (points).
        case text(font: String, size: Double)
        case image(ImageFacts)
        case shading
    }

    public var kind: Kind
    /// The painted area in page space; nil where it cannot be told (a shading fills its clip).
    public var bounds: PDFRect?
    public var colour: PaintColour?
    public var operatorName: String
    /// The form or image object it is drawn in; nil for the page's own content.
    public var object: Int?
}

public struct ImageFacts: Sendable {
    public var pixelsWide: Int
    public var pixelsHigh: Int
    public var bitsPerComponent: Int
    public var isStencilMask: Bool
    public var colourSpace: ColourSpaceFamily?
    /// Effective resolution at its placed size, pixels per inch (the lower of the two directions).
    public var pixelsPerInch: Double
}

/// A font a page's text uses.
public struct FontUse: Hashable, Sendable {
    public var resource: String
    public var baseFont: String
    public var embedded: Bool
    public var object: Int?
}

/// All a page draws: its marks, the fonts its text uses and any transparency it asks for.
public struct PageDrawing: Sendable {
    public var marks: [PageMark] = []
    public var fonts: [FontUse] = []
    /// What asks for transparency, each as words with its object (`soft mask in ExtGState /GS1`).
    public var transparency: [(what: String, object: Int?)] = []
    /// The stream was cut at the operation budget.
    public var truncated = false

    public init() {}
}

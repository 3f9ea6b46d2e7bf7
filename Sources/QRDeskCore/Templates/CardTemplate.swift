/// A counter-card layout read from a file in `templates/`: page, palettes per variant and elements in boxes.
public struct CardTemplate: Sendable {
    public let id: String
    public let title: String
    public let source: String
    public let pageSize: Size
    public let fontFamily: String
    /// The accent used when the user gives none.
    public let defaultAccent: RGBColor
    /// That accent as the designer gave it in CMYK, printed exactly in press files (`accentCMYK`).
    public var defaultAccentCMYK: CMYKColor?
    public let palettes: [Variant: [String: ColorReference]]
    public let elements: [CardElement]
    /// How far clients stand from the printed card; the QR's modules must read from there.
    public let scanDistance: ScanDistance

    /// A card template that declares no `scanDistance` is read from a metre: a counter or a wall.
    public static let defaultScanDistance = ScanDistance(metres: 1)

    public init(
        id: String, title: String, source: String, pageSize: Size, fontFamily: String, defaultAccent: RGBColor,
        palettes: [Variant: [String: ColorReference]], elements: [CardElement],
        scanDistance: ScanDistance = defaultScanDistance
    ) {
        self.id = id
        self.title = title
        self.source = source
        self.pageSize = pageSize
        self.fontFamily = fontFamily
        self.defaultAccent = defaultAccent
        self.palettes = palettes
        self.elements = elements
        self.scanDistance = scanDistance
    }

    /// The QR element's frame; every template has exactly one.
    public var qrElement: CardElement.QR? {
        for element in elements { if case let .qr(qr) = element.kind { return qr } }
        return nil
    }
}

public struct CardElement: Sendable {
    public let name: String
    public let kind: Kind

    public enum Kind: Sendable {
        case band(frame: Rect, color: String, cornerRadius: Double)
        case frame(frame: Rect, color: String, lineWidth: Double, cornerRadius: Double)
        case text(Text)
        case qr(QR)
        case logo(frame: Rect)
    }

    public struct Text: Sendable {
        public let content: String
        public let frame: Rect
        public let size: Double
        public let minSize: Double
        public let weight: FontWeight
        public let alignment: TextAlignment
        public let color: String
    }

    public struct QR: Sendable {
        public let frame: Rect
        public let quietZone: Int
        public let dark: String
        public let light: String
    }

    public var frame: Rect {
        switch kind {
        case let .band(frame, _, _), let .frame(frame, _, _, _), let .logo(frame): frame
        case let .text(text): text.frame
        case let .qr(qr): qr.frame
        }
    }
}

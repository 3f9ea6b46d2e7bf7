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
    /// Set when the card reflows (`flow:`): rows close up around what is absent and share the page's height.
    public var flow: CardFlow?
    /// Set for a folded table tent's panel (`fold:`): the sheet holds two panels folded at their top edges, the
    /// back one printed upside down (`TableTent`), and nothing is drawn within this many points of the fold.
    public var foldMargin: Double?
    /// Set for a card printed on a receipt printer's roll (a pay-here slip): modules on whole dots, PNG and `escpos`
    /// at the printer's resolution.
    public var printer: RollPrinter?
    /// Set for a die-cut sticker (`cut:`): its shape and the bleed its press file runs past the line.
    public var cut: DieCut?
    /// Set for a two-sided card (`front:`): its first page; `elements`, with the code, are the back.
    public var front: CardSide?
    /// `modern` for the templates in a folder, `classic` for those in its `classic/` folder (`--style classic`).
    public var style: CardStyle = .modern

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

/// A reflowing card's vertical rhythm: the first row stays where the template puts it, the last ends `bottom`
/// above the page's foot, and the gaps between rows grow or shrink in proportion to the template's. Room beyond
/// `gap` per gap goes to the code, which grows (keeping `side` from the page's edges) before the gaps do.
public struct CardFlow: Sendable {
    public let bottom: Double
    public let gap: Double
    public let side: Double
}

/// One side of a two-sided card: what it prints, and how its rows reflow.
public struct CardSide: Sendable {
    public let elements: [CardElement]
    public let flow: CardFlow?
}

/// The look of a card template: today's design, or the earlier one kept selectable (`--style classic`).
public enum CardStyle: String, CaseIterable, Hashable, Sendable {
    case modern, classic
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
        /// The lines keep their alignment inside a block as wide as the longest, centred in the box
        /// (`block: center`): numbered steps that start together and sit on the card's centre line.
        public var centredBlock = false
    }

    public struct QR: Sendable {
        public let frame: Rect
        public let quietZone: Int
        public let dark: String
        public let light: String
        /// A labelled frame around the quiet zone, or nil for a bare code.
        public var labelledFrame: QRFrame?
    }

    /// The line drawn around a code's quiet zone — never inside it, so a reader still finds every light module
    /// there — with a tab on its top edge carrying a call to action ("Scan to pay").
    public struct QRFrame: Sendable {
        public let color: String
        public let lineWidth: Double
        public let cornerRadius: Double
        public let label: String
        public let labelSize: Double
        public let labelMinSize: Double
        public let labelColor: String

        /// How far the frame's inside stands off the quiet zone: enough that its rounded inner corners stay out
        /// of the quiet zone's corners.
        public var gap: Double { max(0, cornerRadius - lineWidth) * (1 - 1 / 2.0.squareRoot()) }

        /// The frame's outer edge around a quiet-zone box.
        public func outerFrame(around box: Rect) -> Rect { box.insetBy(-(gap + lineWidth)) }

        /// The label's line: Noto Sans sets 1.36 em per line; a little more keeps any script's marks inside.
        public var labelLineHeight: Double { labelSize * 1.4 }

        /// The tab: the label's line with a quarter of it as padding above and below.
        public var tabHeight: Double { labelLineHeight * 1.5 }

        /// The tab's box on the frame's top edge, overlapping the line, `width` wide and centred on the code.
        public func tab(around box: Rect, width: Double) -> Rect {
            let outer = outerFrame(around: box)
            let bottom = outer.y + lineWidth
            return Rect(x: box.x + (box.width - width) / 2, y: bottom - tabHeight, width: width, height: tabHeight)
        }
    }

    /// What the element covers: its box, and for a framed code also the frame and the tab above it.
    public var extent: Rect {
        guard case let .qr(qr) = kind, let labelled = qr.labelledFrame else { return frame }
        let outer = labelled.outerFrame(around: qr.frame)
        // A frame without a label has no tab.
        guard !labelled.label.isEmpty else { return outer }
        let tabTop = labelled.tab(around: qr.frame, width: 0).y
        return Rect(x: outer.x, y: min(outer.y, tabTop), width: outer.width, height: outer.maxY - min(outer.y, tabTop))
    }

    public var frame: Rect {
        switch kind {
        case let .band(frame, _, _), let .frame(frame, _, _, _), let .logo(frame): frame
        case let .text(text): text.frame
        case let .qr(qr): qr.frame
        }
    }
}

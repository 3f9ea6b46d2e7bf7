/// What a renderer draws: pages of drawing items in points. Renderers see this, never a template or a payload.
public struct Document: Sendable {
    public var metadata: DocumentMetadata
    public var pages: [Page]

    public init(metadata: DocumentMetadata, pages: [Page]) {
        self.metadata = metadata
        self.pages = pages
    }
}

public struct DocumentMetadata: Hashable, Sendable {
    public var title: String
    /// For a card, the link itself, so a print shop can see what the QR says without scanning.
    public var subject: String
    public var creator: String
    /// ISO 8601 UTC, e.g. `2024-01-01T00:00:00Z`; fixed so reruns are byte-identical.
    public var creationDate: String

    public init(title: String, subject: String, creator: String = "qrdesk", creationDate: String) {
        self.title = title
        self.subject = subject
        self.creator = creator
        self.creationDate = creationDate
    }
}

public struct Page: Sendable {
    public var size: Size
    public var items: [DrawItem]
    /// A die-cut sticker's shape: everything on the page is clipped to it (`DieCut`).
    public var cut: DieCut.Shape?

    public init(size: Size, items: [DrawItem]) {
        self.size = size
        self.items = items
    }

    /// Every colour the page's items paint with (a code's dark modules included), each once.
    public var colors: Set<RGBColor> {
        var colors: Set<RGBColor> = []
        for item in items {
            switch item.shape {
            case let .fill(_, color, _), let .stroke(_, color, _, _): colors.insert(color)
            case let .line(_, _, color, _, _): colors.insert(color)
            case let .text(box): colors.insert(box.style.color)
            case let .qr(symbol): colors.formUnion([symbol.dark, symbol.light])
            case .image: break
            }
        }
        return colors
    }

    /// The first QR on the page, with its frame: what verification decodes.
    public var qrSymbols: [QRSymbol] {
        items.compactMap { if case let .qr(symbol) = $0.shape { symbol } else { nil } }
    }
}

/// One thing drawn, named after the template element it came from (SVG groups carry the name).
public struct DrawItem: Sendable {
    public var name: String
    public var shape: Shape

    public init(name: String, shape: Shape) {
        self.name = name
        self.shape = shape
    }
}

public enum Shape: Sendable {
    case fill(Rect, RGBColor, cornerRadius: Double)
    case stroke(Rect, RGBColor, lineWidth: Double, cornerRadius: Double)
    case line(from: Point, to: Point, color: RGBColor, lineWidth: Double, dashed: Bool)
    case text(TextBox)
    case qr(QRSymbol)
    case image(ImageBox)
}

public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// A QR symbol placed on a page. `frame` includes the quiet zone, which is painted in `light`. It carries its
/// payload (in its matrix) and its purpose from layout to read-back.
public struct QRSymbol: Sendable {
    /// What the code is for on its page.
    public enum Purpose: String, Sendable {
        /// A card's payment link.
        case payment
        /// A receipt's link for the rest of the bill.
        case balance
        /// A receipt's fiscal data (the tax authority's check).
        case fiscal
    }

    public var matrix: QRMatrix
    public var frame: Rect
    public var quietZone: Int
    public var dark: RGBColor
    public var light: RGBColor
    public var purpose: Purpose
    /// A Swiss QR-bill's code carries the Swiss cross over its centre, hiding the modules under it by design.
    public var hasSwissCross = false
    /// Drawn turned 180° (a folded tent's back panel): `matrix` is as drawn on the page, upside down.
    public var isTurnedHalf = false

    public init(
        matrix: QRMatrix, frame: Rect, quietZone: Int, dark: RGBColor, light: RGBColor, purpose: Purpose = .payment
    ) {
        self.matrix = matrix
        self.frame = frame
        self.quietZone = quietZone
        self.dark = dark
        self.light = light
        self.purpose = purpose
    }

    /// The text the code must scan as.
    public var payload: String? { matrix.payload }

    public var modulesAcross: Int { matrix.width + 2 * quietZone }

    /// Whether a module is under a mark its standard puts there (the Swiss cross): not read, not judged.
    public func hides(column: Int, row: Int) -> Bool {
        hasSwissCross && SwissCross.hides(column: column, row: row, width: matrix.width)
    }
    public var moduleSize: Double { frame.width / Double(modulesAcross) }
}

/// A PNG image scaled into a frame; `monochrome` thresholds it to pure black and white.
public struct ImageBox: Sendable {
    public var png: [UInt8]
    public var frame: Rect
    public var monochrome: Bool
    /// Drawn turned 180° about the frame's centre (a folded tent's back panel).
    public var upsideDown = false

    public init(png: [UInt8], frame: Rect, monochrome: Bool) {
        self.png = png
        self.frame = frame
        self.monochrome = monochrome
    }
}

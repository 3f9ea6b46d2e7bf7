/// A card page laid out for a press: the page's items moved onto a sheet that is the bleed box (or larger, for
/// crop marks), backgrounds that reach the trim edge run on to the bleed edge, and the boxes a print shop cuts by.
/// Rectangles use the document's top-left origin, in points.
public struct PressPage: Sendable {
    /// The sheet: its size is the MediaBox.
    public var page: Page
    /// The finished card.
    public var trimBox: Rect
    /// How far the backgrounds run, so a cut a little off the trim still shows no white edge.
    public var bleedBox: Rect
    /// Marks outside the bleed, one short line per trim edge at each corner, printed on every plate.
    public var cropMarks: [CropMark]

    public struct CropMark: Hashable, Sendable {
        public var from: Point
        public var to: Point
    }

    /// Crop marks are this thick (0.25 pt: thin, and still above the 0.2 pt a press holds).
    public static let cropMarkWidth = 0.25
    static let cropMarkGapMillimetres = 1.0
    static let cropMarkLengthMillimetres = 5.0

    /// `page` as a press sheet with `settings`' bleed and marks.
    public init(_ page: Page, settings: PressSettings) {
        let bleed = Length.mm(settings.bleedMillimetres).points
        let markSpace =
            settings.cropMarks
            ? Length.mm(Self.cropMarkGapMillimetres + Self.cropMarkLengthMillimetres + Self.cropMarkGapMillimetres)
                .points : 0
        let origin = bleed + markSpace
        let trim = Rect(x: origin, y: origin, width: page.size.width, height: page.size.height)
        trimBox = trim
        bleedBox = Rect(
            x: trim.x - bleed, y: trim.y - bleed, width: trim.width + 2 * bleed, height: trim.height + 2 * bleed)
        let sheet = Size(width: trim.width + 2 * origin, height: trim.height + 2 * origin)
        let items = page.items.map { item in
            DrawItem(
                name: item.name,
                shape: item.shape.runningIntoBleed(card: page.size, by: bleed).offset(dx: origin, dy: origin))
        }
        self.page = Page(size: sheet, items: items)
        self.page.cut = page.cut?.offset(dx: origin, dy: origin)
        cropMarks = settings.cropMarks ? Self.marks(around: trim, bleed: bleed) : []
    }

    /// Items that must survive cutting (text, codes with their quiet zone, logos) lying closer than `margin`
    /// millimetres to the trim, with their distance in millimetres.
    public static func unsafeItems(
        of page: Page, marginMillimetres margin: Double
    ) -> [(name: String, millimetres: Double)] {
        page.items.compactMap { item in
            let frame: Rect
            switch item.shape {
            case let .text(box): frame = box.frame
            case let .qr(symbol): frame = symbol.frame
            case let .image(image): frame = image.frame
            default: return nil
            }
            let distance = min(frame.x, frame.y, page.size.width - frame.maxX, page.size.height - frame.maxY)
            let millimetres = Length.pt(distance).millimetres
            return millimetres < margin - 0.01 ? (item.name, millimetres) : nil
        }
    }

    /// Marks at each corner, starting a gap beyond the bleed.
    static func marks(around trim: Rect, bleed: Double) -> [CropMark] {
        CropMarks.segments(
            around: trim, offset: bleed + Length.mm(cropMarkGapMillimetres).points,
            length: Length.mm(cropMarkLengthMillimetres).points
        ).map { CropMark(from: $0.from, to: $0.to) }
    }
}

/// Places small cards (A6 cards, stickers) on press sheets for a print shop: each card with 3 mm of bleed
/// (colour bands that touch the card's edge run on past it, so a slightly-off cut leaves no white sliver)
/// and crop marks at its corners, outside the bleed.
public struct Imposition: Sendable {
    public static let bleed = Length.mm(3).points
    /// Crop marks start this far outside the trim (clear of the bleed) and run this long.
    public static let markOffset = Length.mm(4).points
    public static let markLength = Length.mm(5).points

    public let sheet: Size
    public let sheetName: String
    public let card: Size
    public let columns: Int
    public let rows: Int

    public var cardsPerSheet: Int { columns * rows }

    public enum ImpositionError: Error, Hashable, Sendable, CustomStringConvertible {
        case doesNotFit(cards: Int, card: String, sheet: String, needed: String)
        case unknownSheet(String)

        public var description: String {
            switch self {
            case let .doesNotFit(cards, card, sheet, needed):
                return
                    "\(cards) cards of \(card) with 3 mm bleed and crop marks need at least \(needed); they do not "
                    + "fit on \(sheet): use a larger --sheet (a3, sra3, tabloid) or a smaller --nup"
            case let .unknownSheet(name):
                return
                    "unknown sheet \"\(name)\"; expected one of "
                    + "\(Imposition.sheets.keys.sorted().joined(separator: ", "))"
            }
        }
    }

    /// Press sheet sizes, portrait.
    public static let sheets: [String: Size] = [
        "a4": Size(width: Length.mm(210).points, height: Length.mm(297).points),
        "a3": Size(width: Length.mm(297).points, height: Length.mm(420).points),
        "sra3": Size(width: Length.mm(320).points, height: Length.mm(450).points),
        "letter": Size(width: 612, height: 792),
        "tabloid": Size(width: 792, height: 1224),
    ]

    /// The space one card takes: trim, bleed and room for its marks on every side.
    static func cell(for card: Size) -> Size {
        let around = 2 * (markOffset + markLength)
        return Size(width: card.width + around, height: card.height + around)
    }

    /// The grid for `count` cards per sheet: the arrangement (either orientation of the sheet) that fits.
    public init(sheetName: String, card: Size, count: Int) throws(ImpositionError) {
        guard let portrait = Self.sheets[sheetName.lowercased()] else { throw .unknownSheet(sheetName) }
        let cell = Self.cell(for: card)
        for sheet in [portrait, Size(width: portrait.height, height: portrait.width)] {
            for columns in 1...max(1, count) {
                let rows = (count + columns - 1) / columns
                if Double(columns) * cell.width <= sheet.width + 0.01, Double(rows) * cell.height <= sheet.height + 0.01
                {
                    self.sheet = sheet
                    self.sheetName = sheetName.lowercased()
                    self.card = card
                    self.columns = columns
                    self.rows = rows
                    return
                }
            }
        }
        let columns = Int(Double(count).squareRoot().rounded(.up)), rows = (count + columns - 1) / columns
        throw .doesNotFit(
            cards: count, card: "\(Length.pt(card.width)) × \(Length.pt(card.height))", sheet: sheetName,
            needed: "\(Length.pt(Double(columns) * cell.width)) × \(Length.pt(Double(rows) * cell.height))")
    }

    /// The trim box of slot `index` on a sheet, centring the grid.
    public func trim(slot index: Int) -> Rect {
        let cell = Self.cell(for: card)
        let originX = (sheet.width - Double(columns) * cell.width) / 2,
            originY = (sheet.height - Double(rows) * cell.height) / 2
        let column = index % columns, row = index / columns
        let inset = Self.markOffset + Self.markLength
        return Rect(
            x: originX + Double(column) * cell.width + inset, y: originY + Double(row) * cell.height + inset,
            width: card.width, height: card.height)
    }

    /// A sheet page holding `cards` (at most `cardsPerSheet`), each placed in its slot with bleed and crop marks.
    public func sheetPage(_ cards: [Page]) -> Page {
        var items: [DrawItem] = []
        for (index, card) in cards.enumerated() {
            let trim = trim(slot: index)
            for item in card.items {
                items.append(
                    DrawItem(
                        name: item.name,
                        shape: item.shape.runningIntoBleed(card: card.size, by: Self.bleed).offset(
                            dx: trim.x, dy: trim.y)))
            }
            items += cropMarks(around: trim, slot: index)
        }
        return Page(size: sheet, items: items)
    }

    func cropMarks(around trim: Rect, slot: Int) -> [DrawItem] {
        CropMarks.segments(around: trim, offset: Self.markOffset, length: Self.markLength).map { segment in
            DrawItem(
                name: "crop-\(slot + 1)",
                shape: .line(
                    from: segment.from, to: segment.to, color: .black, lineWidth: PressPage.cropMarkWidth, dashed: false
                ))
        }
    }
}

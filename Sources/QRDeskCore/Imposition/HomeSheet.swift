/// Print-at-home sheets: copies of one card on A4 or US Letter for an office printer, cut apart along dashed
/// guides. Cards sit edge to edge (one cut between two), the grid centred, and nothing is drawn within 5 mm of the
/// sheet's edge, where office printers cannot print; the guides stop there too.
public struct HomeSheet: Sendable {
    public static let edgeMargin = Length.mm(5).points
    public static let guideName = "cut-guide"
    public static let guideColor = RGBColor(red: 0xB0, green: 0xB0, blue: 0xB0)

    /// Office paper, portrait: the press sheets' A4 and Letter (`Imposition.sheets`).
    public static let sheets = Imposition.sheets.filter { ["a4", "letter"].contains($0.key) }

    public let sheetName: String
    public let sheet: Size
    public let card: Size
    public let columns: Int
    public let rows: Int
    public var copies: Int { columns * rows }

    public enum SheetError: Error, Hashable, Sendable, CustomStringConvertible {
        case unknownSheet(String)
        case doesNotFit(card: String, sheet: String)

        public var description: String {
            switch self {
            case let .unknownSheet(name):
                "unknown sheet \"\(Excerpt.of(name, limit: 20))\"; expected a4 or letter"
            case let .doesNotFit(card, sheet):
                "a card of \(card) does not fit on \(sheet) with its ink 5 mm inside the sheet's edge, where office "
                    + "printers cannot print; print it alone, or through a print shop (--press)"
            }
        }
    }

    /// The most copies of a card `card` big, inking `ink` (in the card's points), that fit on the sheet.
    public init(sheetName: String, card: Size, ink: Rect) throws(SheetError) {
        guard let sheet = Self.sheets[sheetName.lowercased()] else { throw .unknownSheet(sheetName) }
        /// The most cards along one side whose centred run keeps the ink `edgeMargin` from both ends.
        func count(length: Double, card: Double, inkStart: Double, inkEnd: Double) -> Int {
            guard card > 0 else { return 0 }
            var count = Int((length / card + 1e-9).rounded(.down))
            while count > 0 {
                let origin = (length - Double(count) * card) / 2
                if origin + inkStart >= Self.edgeMargin - 1e-6,
                    origin + Double(count - 1) * card + inkEnd <= length - Self.edgeMargin + 1e-6
                {
                    break
                }
                count -= 1
            }
            return count
        }
        let columns = count(length: sheet.width, card: card.width, inkStart: ink.x, inkEnd: ink.maxX)
        let rows = count(length: sheet.height, card: card.height, inkStart: ink.y, inkEnd: ink.maxY)
        guard columns > 0, rows > 0 else {
            throw .doesNotFit(card: "\(Length.pt(card.width)) × \(Length.pt(card.height))", sheet: sheetName)
        }
        self.sheetName = sheetName.lowercased()
        self.sheet = sheet
        self.card = card
        self.columns = columns
        self.rows = rows
    }

    /// Where the grid's top-left corner lies on the sheet.
    public var origin: Point {
        Point(
            x: (sheet.width - Double(columns) * card.width) / 2, y: (sheet.height - Double(rows) * card.height) / 2)
    }

    /// The sheet of copies of `card`, with its guides. The grid is centred, so a duplex back (the sheet turned on
    /// its long edge) puts each back exactly behind its front: the same page of backs serves.
    public func page(of card: Page, blackAndWhite: Bool) -> Page {
        var items: [DrawItem] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let dx = origin.x + Double(column) * self.card.width, dy = origin.y + Double(row) * self.card.height
                items += card.items.map { DrawItem(name: $0.name, shape: $0.shape.offset(dx: dx, dy: dy)) }
            }
        }
        return Page(size: sheet, items: items + guides(blackAndWhite: blackAndWhite))
    }

    /// Dashed lines along every cut, across the sheet but never within `edgeMargin` of its edge; a cut on the
    /// sheet's own edge needs none.
    func guides(blackAndWhite: Bool) -> [DrawItem] {
        // A point short of the margin: a rasterizer may snap a hairline's end to the next pixel.
        let margin = Self.edgeMargin + 1
        let color = blackAndWhite ? RGBColor.black : Self.guideColor
        let width = blackAndWhite ? 0.3 : 0.5
        func line(_ from: Point, _ to: Point) -> DrawItem {
            DrawItem(
                name: Self.guideName, shape: .line(from: from, to: to, color: color, lineWidth: width, dashed: true))
        }
        var lines: [DrawItem] = []
        for column in 0...columns {
            let x = origin.x + Double(column) * card.width
            guard x >= margin, x <= sheet.width - margin else { continue }
            lines.append(line(Point(x: x, y: margin), Point(x: x, y: sheet.height - margin)))
        }
        for row in 0...rows {
            let y = origin.y + Double(row) * card.height
            guard y >= margin, y <= sheet.height - margin else { continue }
            lines.append(line(Point(x: margin, y: y), Point(x: sheet.width - margin, y: y)))
        }
        return lines
    }

    /// What a card's pages ink, in their points: every item's bounds together.
    public static func ink(of pages: [Page]) -> Rect {
        let bounds = pages.flatMap(\.items).map(\.shape.bounds)
        guard let first = bounds.first else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        return bounds.dropFirst().reduce(first) { $0.union($1) }
    }
}

/// A folded table tent: two panels on one sheet, folded across its middle into a roof that stands on the counter.
/// Each panel's top edge meets the fold, so the back panel (the sheet's upper half) is printed turned 180° and
/// reads upright from the other side once folded. A dashed guide marks the fold; it is the only mark near it.
public enum TableTent {
    /// The fold guide: a dashed hairline, a guide for the hand, not part of the design; light grey in colour,
    /// black and thinner in black and white (which has no grey).
    public static let foldGuideName = "fold"
    public static let foldGuideColor = RGBColor(red: 0xB0, green: 0xB0, blue: 0xB0)

    /// The back panel's items are named as the template's elements with this before them (`back-qr`).
    public static let backPrefix = "back-"

    /// The sheet: `back` turned above the fold, `front` upright below it; both panels the same size.
    public static func sheet(front: Page, back: Page, blackAndWhite: Bool) -> Page {
        let panel = front.size
        let frontItems = front.items.map { item in
            DrawItem(name: item.name, shape: item.shape.offset(dx: 0, dy: panel.height))
        }
        let backItems = back.items.map { item in
            DrawItem(name: backPrefix + item.name, shape: item.shape.turnedHalf(within: panel))
        }
        // The guide stops 6 mm inside the sides, as the panels' text does: an office printer can print it there
        // (`HomeSheet` keeps 5 mm).
        let inset = Length.mm(6).points
        let fold = DrawItem(
            name: foldGuideName,
            shape: .line(
                from: Point(x: inset, y: panel.height), to: Point(x: panel.width - inset, y: panel.height),
                color: blackAndWhite ? .black : foldGuideColor,
                lineWidth: blackAndWhite ? 0.3 : 0.5, dashed: true))
        return Page(size: Size(width: panel.width, height: 2 * panel.height), items: frontItems + backItems + [fold])
    }
}

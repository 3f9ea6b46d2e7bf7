/// A two-sided card's sides on one page, front left and back right with a gap between: what its PNG and SVG (one
/// page each) show. Its PDF keeps the sides as two pages, for duplex printing.
public enum CardSpread {
    public static let gap = Length.mm(5).points
    /// The front's items are named as the template's front elements with this before them (`front-logo`).
    public static let frontPrefix = "front-"

    /// `front` and `back` side by side, the back `gap` to the right.
    public static func page(front: Page, back: Page) -> Page {
        let frontItems = front.items.map { DrawItem(name: frontPrefix + $0.name, shape: $0.shape) }
        let offset = front.size.width + gap
        let backItems = back.items.map { DrawItem(name: $0.name, shape: $0.shape.offset(dx: offset, dy: 0)) }
        return Page(
            size: Size(width: offset + back.size.width, height: max(front.size.height, back.size.height)),
            items: frontItems + backItems)
    }
}

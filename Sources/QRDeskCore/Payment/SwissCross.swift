/// The Swiss QR-bill's code as its Implementation Guidelines fix it: the symbol 46 × 46 mm without its quiet zone,
/// and the Swiss cross, 7 × 7 mm with its white border, over the symbol's centre. The cross hides the modules
/// under it by design (error correction M restores them), so the read-back and `verify` excuse exactly those.
public enum SwissCross {
    public static let symbolMillimetres = 46.0
    public static let crossMillimetres = 7.0
    /// The guidelines' smallest module.
    public static let minimumModuleMillimetres = 0.4

    /// The cross drawn as filled rectangles, centred on `centre` (points): a white square of 7 mm, a black square
    /// 0.25 mm inside it, and the white cross, its arms 7/6 as long as they are wide (the Swiss coat of arms).
    public static func shapes(centredOn centre: Point) -> [Shape] {
        let side = Length.mm(crossMillimetres).points
        let border = Length.mm(0.25).points
        let armWidth = side / 6
        let span = armWidth * (1 + 2 * 7 / 6)
        func square(_ width: Double, _ height: Double) -> Rect {
            Rect(x: centre.x - width / 2, y: centre.y - height / 2, width: width, height: height)
        }
        return [
            .fill(square(side, side), .white, cornerRadius: 0),
            .fill(square(side - 2 * border, side - 2 * border), .black, cornerRadius: 0),
            .fill(square(armWidth, span), .white, cornerRadius: 0),
            .fill(square(span, armWidth), .white, cornerRadius: 0),
        ]
    }

    /// Whether the module at `column`, `row` of a Swiss code `width` modules across lies under the cross (with
    /// half a module to spare, for the edge pixels a module shares with the cross's border).
    public static func hides(column: Int, row: Int, width: Int) -> Bool {
        let half = Double(width) * crossMillimetres / symbolMillimetres / 2 + 0.5
        let centre = Double(width) / 2
        return abs(Double(column) + 0.5 - centre) < half && abs(Double(row) + 0.5 - centre) < half
    }
}

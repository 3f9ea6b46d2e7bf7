/// Bounds every template's page and type sizes share: a page of metres or type of a hair's width is a typo,
/// and must be refused before it becomes gigabytes of pixels or an empty layout.
enum TemplatePage {
    /// The longest page side: A0's 1,189 mm with room to spare.
    static let maximumSide = Length.mm(1_200)
    /// Type sizes a template may ask for, in points.
    static let textSizes: ClosedRange<Double> = 2...300

    static func check(_ page: Size, field: DataField) throws(FieldError) {
        guard page.width > 0, page.height > 0 else { throw field.error("width and height must be positive") }
        guard page.width <= maximumSide.points, page.height <= maximumSide.points else {
            throw field.error(
                "\(Length.pt(page.width)) × \(Length.pt(page.height)) is larger than the \(maximumSide) a page side "
                    + "may be"
            )
        }
    }
}

/// Where the rows of a reflowing card go (`flow:` in its template). Elements whose template boxes overlap
/// vertically form a row (a band and what sits on it, a logo beside a name); a row with nothing to print is gone.
/// The first row starts where the template's first element does (`top`), the last ends `bottom` above the
/// page's foot, and the space between rows is shared out in proportion to the template's own gaps — so an absent
/// tagline, address or logo leaves no hole, and a short name no empty box.
struct CardReflow {
    /// One element to place: its extent in the template and how much of that it uses from the extent's top.
    struct Item {
        var extent: Rect
        var usedHeight: Double
        /// The template's gap above this element, to whatever element is above it there (printed or not): the
        /// weight of the gap it gets, so a vanished tagline leaves the name's and the rule's usual spacing.
        var gapAbove: Double
        /// How far a text's ink starts below its line box: the first row's boxes stay inside the press safe margin
        /// (3 mm) even when its ink starts at the template's top.
        var inkInset: Double = 0
    }

    /// How far the growable item grows (its side, in points) and the vertical shift of each item; shifts are all
    /// zero when the rows would not fit (they never overlap).
    struct Placement {
        var shifts: [Double]
        var growth: Double = 0
    }

    /// Places `items` from `top` down; room beyond `gap` per gap first grows `growable` (the code), up to
    /// `maxGrowth`.
    /// - Parameter safeMargin: how far inside the trim the first row's line boxes stay: the press safe margin for
    ///   cards a print shop may cut; a slip from a receipt printer is torn, never trimmed, and passes 0.
    static func place(
        _ items: [Item], top: Double, pageHeight: Double, bottom: Double, gap: Double, growable: Int?,
        maxGrowth: Double, safeMargin: Double = pressSafeMargin
    ) -> Placement {
        let rows = rows(items)
        guard !rows.isEmpty else { return Placement(shifts: []) }
        let inkTop = top + firstRowInset(rows, items, top: top, safeMargin: safeMargin)
        let content = heights(of: rows, items).reduce(0, +)
        let excess = (pageHeight - bottom) - inkTop - content - gap * Double(max(rows.count - 1, 0))
        var grown = items
        var growth = 0.0
        if let growable, excess > 0 {
            growth = min(excess, max(0, maxGrowth))
            grown[growable].usedHeight += growth
        }
        return Placement(
            shifts: shifts(grown, top: top, pageHeight: pageHeight, bottom: bottom, safeMargin: safeMargin),
            growth: growth)
    }

    /// The page height that holds the rows with `gap` between them and `bottom` below: where a slip is cut from
    /// its roll, so an absent logo or address shortens the paper instead of leaving a hole.
    static func fittedHeight(
        _ items: [Item], top: Double, bottom: Double, gap: Double, safeMargin: Double = pressSafeMargin
    ) -> Double {
        let rows = rows(items)
        let content = heights(of: rows, items).reduce(0, +)
        return top + firstRowInset(rows, items, top: top, safeMargin: safeMargin) + content + gap
            * Double(max(rows.count - 1, 0)) + bottom
    }

    /// How much lower than `top` the first row's ink must start so its line boxes stay inside the press safe
    /// margin (a press file refuses text boxes nearer the trim than 3 mm).
    static func firstRowInset(_ rows: [[Int]], _ items: [Item], top: Double, safeMargin: Double) -> Double {
        // A first row that starts at the page's edge is a band that bleeds (a sticker's banner): it stays there,
        // and the press check holds the text on it inside the margin.
        guard top > 1e-6 else { return 0 }
        let inset = rows.first.flatMap { row in row.map { items[$0].inkInset }.min() } ?? 0
        return max(0, safeMargin + inset - top)
    }

    /// The press safe margin with a hair to spare.
    static let pressSafeMargin = Length.mm(PressSettings.safeMarginMillimetres + 0.2).points

    /// Each row's top: its highest element's.
    static func tops(of rows: [[Int]], _ items: [Item]) -> [Double] {
        rows.map { row in row.map { items[$0].extent.y }.min() ?? 0 }
    }

    /// Each row's height: from its top to the lowest its elements use.
    static func heights(of rows: [[Int]], _ items: [Item]) -> [Double] {
        zip(rows, tops(of: rows, items)).map { row, top in
            row.map { items[$0].extent.y - top + items[$0].usedHeight }.max() ?? 0
        }
    }

    /// Rows: consecutive (by top) items whose template extents overlap vertically.
    static func rows(_ items: [Item]) -> [[Int]] {
        let order = items.indices.sorted { items[$0].extent.y < items[$1].extent.y }
        var rows: [[Int]] = []
        var rowBottom = -Double.infinity
        for index in order {
            let extent = items[index].extent
            if let last = rows.indices.last, extent.y < rowBottom - 1e-6 {
                rows[last].append(index)
                rowBottom = max(rowBottom, extent.maxY)
            } else {
                rows.append([index])
                rowBottom = extent.maxY
            }
        }
        return rows
    }

    /// The vertical shift of each item, in points; all zero when the rows would not fit (never overlap).
    static func shifts(
        _ items: [Item], top: Double, pageHeight: Double, bottom: Double, safeMargin: Double = pressSafeMargin
    ) -> [Double] {
        let rows = rows(items)
        guard !rows.isEmpty else { return [] }
        let top = top + firstRowInset(rows, items, top: top, safeMargin: safeMargin)
        let tops = Self.tops(of: rows, items)
        let used = heights(of: rows, items)
        let free = (pageHeight - bottom) - top - used.reduce(0, +)
        var shifts = [Double](repeating: 0, count: items.count)
        // Content taller than the page allows: the template's own positions.
        guard free >= 0 else { return shifts }
        // The template's gaps weigh the shares; touching rows get a point's weight so they may part a little.
        let weights = rows.dropFirst().map { row in max(row.map { items[$0].gapAbove }.min() ?? 1, 1) }
        let totalWeight = max(weights.reduce(0, +), 1)
        var gaps = weights.map { free * $0 / totalWeight }
        var y = top
        // Gaps wider than the margins (a tall page with little on it): the rows spread evenly, margins included
        // but never under the template's own (a press file keeps text 3 mm inside the trim).
        let even = (free + top + bottom) / Double(rows.count + 1)
        if let widest = gaps.max(), widest > max(top, bottom), widest > even, rows.count > 1 {
            y = max(top, even)
            let inner = (free + top + bottom - y - max(bottom, even)) / Double(rows.count - 1)
            gaps = gaps.map { _ in inner }
        }
        for (rowIndex, row) in rows.enumerated() {
            for index in row { shifts[index] = y - tops[rowIndex] }
            if rowIndex < gaps.count { y += used[rowIndex] + gaps[rowIndex] }
        }
        return shifts
    }
}

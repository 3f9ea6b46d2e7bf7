import Testing
@testable import QRDeskCore

@Suite("Imposition")
struct ImpositionTests {
    let a6 = Size(width: Length.mm(105).points, height: Length.mm(148).points)

    @Test func fourA6CardsFitOnA3NotOnA4() throws {
        let imposition = try Imposition(sheetName: "a3", card: a6, count: 4)
        #expect(imposition.columns == 2 && imposition.rows == 2)
        // Trim boxes do not overlap, and each has room for bleed and marks inside the sheet.
        let sheet = Rect(x: 0, y: 0, width: imposition.sheet.width, height: imposition.sheet.height)
        let margin = Imposition.markOffset + Imposition.markLength
        for slot in 0..<4 {
            let trim = imposition.trim(slot: slot)
            #expect(abs(trim.width - a6.width) < 0.001)
            #expect(sheet.contains(trim.insetBy(-margin)))
            for other in 0..<4 where other != slot {
                #expect(
                    !trim.insetBy(-Imposition.bleed).intersects(imposition.trim(slot: other).insetBy(-Imposition.bleed))
                )
            }
        }
        #expect {
            try Imposition(sheetName: "a4", card: a6, count: 4)
        } throws: { error in
            "\(error)".contains(
                "4 cards of 105mm × 148mm with 3 mm bleed and crop marks need at least 246mm × 332mm; they do not "
                    + "fit on a4"
            )
        }
        #expect(throws: Imposition.ImpositionError.unknownSheet("b5")) {
            try Imposition(sheetName: "b5", card: a6, count: 4)
        }
    }

    @Test func bandsAtTheEdgeBleedAndMarksSitOutsideTheBleed() throws {
        let imposition = try Imposition(sheetName: "a3", card: a6, count: 1)
        let band = DrawItem(
            name: "header-band", shape: .fill(Rect(x: 0, y: 0, width: a6.width, height: 90), .black, cornerRadius: 0))
        let inner = DrawItem(
            name: "inner", shape: .fill(Rect(x: 20, y: 100, width: 50, height: 50), .black, cornerRadius: 0))
        let page = imposition.sheetPage([Page(size: a6, items: [band, inner])])
        let trim = imposition.trim(slot: 0)
        guard case let .fill(bled, _, _) = page.items[0].shape, case let .fill(kept, _, _) = page.items[1].shape else {
            Issue.record("no fills"); return
        }
        let bleed = Imposition.bleed
        #expect(abs(bled.x - (trim.x - bleed)) < 0.001 && abs(bled.y - (trim.y - bleed)) < 0.001)
        #expect(abs(bled.width - (a6.width + 2 * bleed)) < 0.001 && abs(bled.height - (90 + bleed)) < 0.001)
        #expect(kept == Rect(x: trim.x + 20, y: trim.y + 100, width: 50, height: 50))
        let marks = page.items.filter { $0.name.hasPrefix("crop-") }
        #expect(marks.count == 8)
        for mark in marks {
            guard case let .line(from, to, _, _, _) = mark.shape else { continue }
            for point in [from, to] {
                let outside =
                    point.x <= trim.x - bleed || point.x >= trim.maxX + bleed || point.y <= trim.y - bleed
                    || point.y >= trim.maxY + bleed
                #expect(outside, "crop mark inside the bleed at \(point)")
            }
        }
    }
}

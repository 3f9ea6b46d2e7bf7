import Testing
@testable import QRDeskCore

@Suite("Lengths and colours")
struct UnitsTests {
    @Test func parsesLengthsWithUnits() throws {
        #expect(try Length(parsing: "148mm").points == 148 * 72 / 25.4)
        #expect(try Length(parsing: "12pt").points == 12)
        #expect(try Length(parsing: "8.5in").points == 612)
        #expect(try Length(parsing: "2cm").points == Length.mm(20).points)
    }

    @Test(arguments: ["70", "mm", "70 px", "-3mm", "7o mm", ""])
    func refusesLengthsWithoutAUnitOrNumber(text: String) {
        #expect(throws: LengthParseError.self) { try Length(parsing: text) }
    }

    @Test func a5IsExactlyIsoSize() {
        #expect(abs(Length.mm(148).points - 419.5276) < 0.0001)
        #expect(abs(Length.mm(210).points - 595.2756) < 0.0001)
    }

    @Test func contrastFollowsWCAG() {
        #expect(abs(RGBColor.black.contrastRatio(with: .white) - 21) < 0.001)
        #expect(RGBColor(hex: "#777777")!.contrastRatio(with: .white) < 4.5)
        #expect(RGBColor(hex: "#595959")!.contrastRatio(with: .white) > 7)
        #expect(RGBColor(hex: "1a73e8") == RGBColor(red: 0x1A, green: 0x73, blue: 0xE8))
        #expect(RGBColor(hex: "#12345") == nil)
        #expect(RGBColor(hex: "#GG0000") == nil)
    }

    @Test func qrColoursMustBeDarkOnLight() {
        #expect(throws: Never.self) { try CardLayout.checkQRColors(dark: .black, light: .white) }
        #expect(throws: LayoutError.self) {
            try CardLayout.checkQRColors(dark: RGBColor(hex: "#AAAAAA")!, light: .white)
        }
        #expect(throws: LayoutError.qrDarkerGround(dark: .white, light: .black)) {
            try CardLayout.checkQRColors(dark: .white, light: .black)
        }
    }
}

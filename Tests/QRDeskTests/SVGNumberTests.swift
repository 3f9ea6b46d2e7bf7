import Testing
@testable import QRDeskNative

@Suite("SVG number writer")
struct SVGNumberTests {
    @Test(arguments: [
        (0.05, 2, "0.05"), (12.5, 2, "12.5"), (-3.0, 2, "-3"), (0.004, 2, "0"), (-0.004, 2, "0"),
        (419.527559, 4, "419.5276"),
        (100.0, 2, "100"), (7.1, 3, "7.1"), (0.0001, 4, "0.0001"), (1234567.891, 2, "1234567.89"),
    ])
    func writesShortExactDecimals(value: Double, digits: Int, expected: String) {
        var text = SVGText()
        text.number(value, digits: digits)
        #expect(String(decoding: text.bytes, as: UTF8.self) == expected)
    }
}

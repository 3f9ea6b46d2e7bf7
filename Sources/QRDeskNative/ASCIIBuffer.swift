/// Text written as bytes with a fast locale-free number writer: the SVG and press PDF writers' output, where an
/// outlined A5 card has tens of thousands of numbers.
struct ASCIIBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256 * 1024) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func raw(bytes other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func append(_ other: ASCIIBuffer) { bytes.append(contentsOf: other.bytes) }

    /// Fixed-point with up to `digits` decimals, trailing zeros trimmed: `12.5`, `-3`, `0.25`; a value that is
    /// not finite is written as 0. Digits are written straight into the buffer.
    mutating func number(_ value: Double, digits: Int = 2) {
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        var scaled = Int(exactly: (value * Double(scale)).rounded()) ?? 0
        if scaled < 0 { bytes.append(UInt8(ascii: "-")); scaled = -scaled }
        appendDigits(scaled / scale)
        var fraction = scaled % scale
        guard fraction > 0 else { return }
        var width = digits
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        bytes.append(UInt8(ascii: "."))
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }

    private mutating func appendDigits(_ value: Int) {
        guard value >= 10 else { bytes.append(UInt8(ascii: "0") + UInt8(value)); return }
        appendDigits(value / 10)
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    mutating func point(_ x: Double, _ y: Double) {
        number(x); bytes.append(UInt8(ascii: " ")); number(y)
    }
}

import Foundation

/// A physical length. Stored in PostScript points (1/72 inch), the unit of PDF, SVG user space and Cairo.
public struct Length: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var points: Double

    public init(points: Double) { self.points = points }

    public static func pt(_ value: Double) -> Length { Length(points: value) }
    public static func mm(_ value: Double) -> Length { Length(points: value * 72 / 25.4) }
    public static func inch(_ value: Double) -> Length { Length(points: value * 72) }

    public var millimetres: Double { points * 25.4 / 72 }
    public static let zero = Length(points: 0)

    public static func < (lhs: Length, rhs: Length) -> Bool { lhs.points < rhs.points }
    public static func + (lhs: Length, rhs: Length) -> Length { Length(points: lhs.points + rhs.points) }
    public static func - (lhs: Length, rhs: Length) -> Length { Length(points: lhs.points - rhs.points) }

    public var description: String { "\(formatDecimal(millimetres, digits: 2))mm" }

    /// No template length is longer than this: a page, box or margin of metres is a typo, and would ask for
    /// gigabytes of pixels.
    public static let maximum = Length.mm(2_000)

    /// Units a template may write: `70mm`, `7cm`, `12pt`, `2.5in`. A bare number is refused because it is ambiguous.
    public init(parsing text: String) throws(LengthParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("mm", 72 / 25.4), ("cm", 720 / 25.4), ("pt", 1), ("in", 72)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard !number.isEmpty, number.count <= 12, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                let value = Double(number), value.isFinite
            else { break }
            let points = value * scale
            guard points <= Self.maximum.points else { throw LengthParseError(text: text, tooLong: true) }
            self.points = points
            return
        }
        throw LengthParseError(text: text)
    }
}

public struct LengthParseError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public var tooLong = false
    public var description: String {
        tooLong
            ? "\"\(Excerpt.of(text, limit: 20))\" is longer than \(Length.maximum), the longest length a template may "
                + "use"
            : "expected a length such as \"70mm\", \"12pt\", \"2cm\" or \"1in\", got \"\(Excerpt.of(text, limit: 20))\""
    }
}

/// Formats with a fixed number of fraction digits, trimming trailing zeros; locale-independent.
public func formatDecimal(_ value: Double, digits: Int) -> String {
    var text = String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
}

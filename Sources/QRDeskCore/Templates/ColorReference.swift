/// A palette entry: a fixed `#RRGGBB`, or `accent`, the colour the user passes with `--accent`.
public enum ColorReference: Hashable, Sendable {
    case fixed(RGBColor)
    case accent

    init(parsing text: String) throws(TemplateFieldError) {
        if text == "accent" { self = .accent; return }
        guard let color = RGBColor(hex: text) else {
            throw TemplateFieldError("expected a colour such as \"#1A73E8\" or \"accent\", got \"\(text)\"")
        }
        self = .fixed(color)
    }

    public func resolve(accent: RGBColor) -> RGBColor {
        switch self {
        case let .fixed(color): color
        case .accent: accent
        }
    }
}

/// A field-level problem found while reading a template; the loader adds the file and the field path.
public struct TemplateFieldError: Error, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

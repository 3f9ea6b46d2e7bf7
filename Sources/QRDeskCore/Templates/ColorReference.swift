/// A palette entry: a fixed `#RRGGBB`, or `accent`, the colour the user passes with `--accent`.
public enum ColorReference: Hashable, Sendable {
    case fixed(RGBColor)
    case accent

    init?(parsing text: String) {
        if text == "accent" { self = .accent; return }
        guard let color = RGBColor(hex: text) else { return nil }
        self = .fixed(color)
    }

    public func resolve(accent: RGBColor) -> RGBColor {
        switch self {
        case let .fixed(color): color
        case .accent: accent
        }
    }
}

public enum FontWeight: String, CaseIterable, Hashable, Sendable, Codable {
    case regular, bold
}

/// Where lines sit in their box. `start` and `end` follow the text's direction: right-to-left text starts at the right.
public enum TextAlignment: String, CaseIterable, Hashable, Sendable, Codable {
    case start, center, end
}

public struct TextStyle: Hashable, Sendable {
    public var family: String
    /// Font size in points.
    public var size: Double
    public var weight: FontWeight
    public var color: RGBColor
    public var alignment: TextAlignment
    /// Lay every paragraph out right to left, whatever its first letter: in a mirrored (Arabic, Hebrew) receipt a
    /// label that starts with digits or Latin letters still starts at the right, so `start` and `end` mean the
    /// same edge on every row. When false, each paragraph takes its direction from its own text.
    public var rightToLeft: Bool
    /// Parts of the text set bold whatever `weight` says, as UTF-8 byte offsets into it (Pango's indices): the
    /// business name and host of a card's trust line.
    public var boldRanges: [Range<Int>]
    /// Lines after a paragraph's first start this many ems in (a hanging indent): a numbered step that wraps
    /// continues under its words, not under its number.
    public var hangingIndentEm: Double = 0

    public init(
        family: String, size: Double, weight: FontWeight = .regular, color: RGBColor = .black,
        alignment: TextAlignment = .start,
        rightToLeft: Bool = false, boldRanges: [Range<Int>] = []
    ) {
        self.family = family
        self.size = size
        self.weight = weight
        self.color = color
        self.alignment = alignment
        self.rightToLeft = rightToLeft
        self.boldRanges = boldRanges
    }
}

/// Text wrapped to `frame.width` and drawn from `frame`'s top. Past `maxLines` it is cut with an ellipsis.
/// Layout sizes it with a `TextMeasuring` so that it fits its frame; renderers draw it with the same shaper.
public struct TextBox: Sendable {
    public var text: String
    public var style: TextStyle
    public var frame: Rect
    public var maxLines: Int?
    /// Drawn turned 180° about the frame's centre (a folded tent's back panel); laid out as if upright.
    public var upsideDown = false

    public init(text: String, style: TextStyle, frame: Rect, maxLines: Int? = nil) {
        self.text = text
        self.style = style
        self.frame = frame
        self.maxLines = maxLines
    }
}

/// The extent of shaped text: logical width and height in points, and where its ink starts and ends below the
/// layout's top (the glyphs' outlines: capitals and ascenders to descenders).
public struct TextMetrics: Hashable, Sendable {
    public var width: Double
    public var height: Double
    public var lineCount: Int
    public var isEllipsized: Bool
    public var inkTop: Double
    public var inkBottom: Double

    public init(
        width: Double, height: Double, lineCount: Int, isEllipsized: Bool, inkTop: Double = 0,
        inkBottom: Double? = nil
    ) {
        self.width = width
        self.height = height
        self.lineCount = lineCount
        self.isEllipsized = isEllipsized
        self.inkTop = inkTop
        self.inkBottom = inkBottom ?? height
    }
}

/// Shapes text the way the renderer will. Pango implements it; layout code depends only on this.
public protocol TextMeasuring {
    func measure(_ text: String, style: TextStyle, width: Double, maxLines: Int?) throws -> TextMetrics
}

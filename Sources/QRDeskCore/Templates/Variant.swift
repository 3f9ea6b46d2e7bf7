/// A colour scheme of one template: the same layout, another palette.
public enum Variant: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    case color, bw

    public static func < (lhs: Variant, rhs: Variant) -> Bool { lhs.sortIndex < rhs.sortIndex }
    private var sortIndex: Int { Variant.allCases.firstIndex(of: self)! }
}

/// An output file format. `escpos` is a receipt printer's own byte stream (receipts on thermal rolls only).
public enum OutputFormat: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    case pdf, svg, png, escpos

    public static func < (lhs: OutputFormat, rhs: OutputFormat) -> Bool { lhs.sortIndex < rhs.sortIndex }
    private var sortIndex: Int { OutputFormat.allCases.firstIndex(of: self)! }
    public var fileExtension: String { rawValue }
}

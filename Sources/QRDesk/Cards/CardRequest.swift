import QRDeskCore

/// One card to render: content plus the choices of template, variants, formats and encoding.
public struct CardRequest: Sendable {
    public var content: CardContent
    public var templateID: String
    /// The template's design: `classic` takes the template from the library's classic folder.
    public var style: CardStyle = .modern
    public var variants: [Variant]
    public var formats: [OutputFormat]
    /// nil: the level that gives the largest modules, raised where that is free (`QRSizing.automaticPlan`).
    public var errorCorrection: ErrorCorrectionLevel?
    /// nil: the template's own scan distance.
    public var scanDistance: ScanDistance?
    /// PNG resolution; PDF and SVG are vector.
    public var dpi: Int
    /// Read every file back from its bytes before it is written (`WrittenFileCheck`).
    public var verify: Bool
    /// Also write each variant as copies on an office sheet (`a4`, `letter`: `HomeSheet`).
    public var printSheet: String?
    /// Also write each variant as a PDF/X-1a press file with these settings.
    public var press: PressSettings?
    /// The accent as the designer gave it in CMYK: exact in press files, through the profile on screen.
    public var accentCMYK: CMYKColor?
    /// A CMYK output profile (ICC file) for press colours; nil: Ghostscript's default CMYK profile.
    public var iccProfilePath: String?

    public init(
        content: CardContent, templateID: String = "counter-a5", variants: [Variant] = [.color, .bw],
        formats: [OutputFormat] = [.pdf, .svg], errorCorrection: ErrorCorrectionLevel? = nil,
        scanDistance: ScanDistance? = nil,
        dpi: Int = 300, verify: Bool = true
    ) {
        self.content = content
        self.templateID = templateID
        self.variants = variants
        self.formats = formats
        self.errorCorrection = errorCorrection
        self.scanDistance = scanDistance
        self.dpi = dpi
        self.verify = verify
    }

    /// The variants written, each once, in order.
    public var writtenVariants: [Variant] { Array(Set(outputs.map(\.0))).sorted() }

    /// The (variant, format) pairs to write. By default SVG is the designer's file and comes in colour only,
    /// as the seed's QR block offers; asking for `--variant bw --format svg` alone still gives a bw SVG.
    public var outputs: [(Variant, OutputFormat)] {
        var pairs: [(Variant, OutputFormat)] = []
        for variant in variants.sorted() {
            for format in formats.sorted() {
                if format == .svg, variant == .bw, variants.contains(.color) { continue }
                // A receipt printer prints black and white: one stream, from the bw variant when there is one.
                if format == .escpos, variant == .color, variants.contains(.bw) { continue }
                pairs.append((variant, format))
            }
        }
        return pairs
    }
}

/// One rendered file, in memory until written.
public struct Artifact: Sendable {
    public var templateID: String
    public var variant: Variant
    public var format: OutputFormat
    public var bytes: [UInt8]
    /// The file's name inside its folder: `<template>-<variant>.<ext>` for cards.
    public var fileName: String

    public init(templateID: String, variant: Variant, format: OutputFormat, bytes: [UInt8], fileName: String? = nil) {
        self.templateID = templateID
        self.variant = variant
        self.format = format
        self.bytes = bytes
        self.fileName = fileName ?? "\(templateID)-\(variant.rawValue).\(format.fileExtension)"
    }
}

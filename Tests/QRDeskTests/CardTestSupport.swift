import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative
import TestSupport

/// Renders and reads back cards for the engine tests.
enum Cards {
    /// Every bundled card template; `everyBundledTemplateIsTested` keeps the list whole.
    static let templateIDs = [
        "counter-a5", "counter-a5-landscape", "poster-a4", "poster-letter", "card-a6", "sticker-100", "stand-4x6",
        "stand-5x7", "insert-dl", "tent-a6", "slip-80mm", "slip-58mm",
        "appointment-card", "door-150",
    ]

    /// Codes in each file of the template: one, or one per panel of a folded table tent.
    static func codesPerFile(_ template: String) throws -> Int {
        try library.card(template).foldMargin == nil ? 1 : 2
    }

    /// A card's sides at one pixel per point: each page of its document (a two-sided card's front and back), a
    /// table tent's sheet split into its front and its back turned upright.
    static func sides(_ document: Document, blackAndWhite: Bool) throws -> [(page: Page, image: GreyImage)] {
        try document.pages.indices.flatMap { index in
            let png = try RasterRenderer().renderPNG(document, page: index, dpi: 72, blackAndWhite: blackAndWhite)
            return panels(document.pages[index], image: try PNGDecoder.greyImage(png.bytes))
        }
    }

    /// A page's panels, each with its part of the page's image upright: the page itself, or for a table tent the
    /// front (below the fold) and the back (above it, turned back upright), its items named as the template's.
    static func panels(_ page: Page, image: GreyImage) -> [(page: Page, image: GreyImage)] {
        guard page.items.contains(where: { $0.name == TableTent.foldGuideName }) else { return [(page, image)] }
        let panel = Size(width: page.size.width, height: page.size.height / 2)
        let split = Int((Double(image.height) / 2).rounded())
        func rows(_ range: Range<Int>) -> GreyImage {
            GreyImage(
                width: image.width, height: range.count,
                pixels: Array(image.pixels[(range.lowerBound * image.width)..<(range.upperBound * image.width)]))
        }
        var front: [DrawItem] = [], back: [DrawItem] = []
        for item in page.items where item.name != TableTent.foldGuideName {
            if item.name.hasPrefix(TableTent.backPrefix) {
                let name = String(item.name.dropFirst(TableTent.backPrefix.count))
                back.append(DrawItem(name: name, shape: item.shape.turnedHalf(within: panel)))
            } else {
                front.append(DrawItem(name: item.name, shape: item.shape.offset(dx: 0, dy: -panel.height)))
            }
        }
        return [
            (Page(size: panel, items: front), rows(split..<image.height)),
            (Page(size: panel, items: back), rows(0..<split).turnedHalf()),
        ]
    }

    /// Loaded once; a broken template fails the tests that use it instead of aborting the whole run.
    private static let loaded = Result { try TestSupport.library() }
    static var library: TemplateLibrary { get throws { try loaded.get() } }

    static func request(
        name: String = "Studio Nova", link: String = TestSupport.sampleLink, template: String = "counter-a5",
        language: String = "en", variants: [Variant] = [.color, .bw], formats: [OutputFormat] = [.pdf, .svg],
        accent: RGBColor? = nil, qrColor: RGBColor? = nil
    ) throws -> CardRequest {
        let content = CardContent(
            businessName: name, tagline: "Hair · Colour · Care", address: "12 Market Street, Bristol",
            link: try PaymentLink(link), language: language, accent: accent, qrColor: qrColor)
        return CardRequest(content: content, templateID: template, variants: variants, formats: formats)
    }

    static func render(_ request: CardRequest) throws -> [Artifact] {
        try CardRenderer(library: try library, creationDate: "2024-01-01T00:00:00Z").render(request)
    }

    /// What a scanner reads from the file: PDFs through poppler, SVGs through librsvg, PNGs as they are.
    /// What a scanner reads from every page of the file (a two-sided card's code is on its second).
    static func decode(_ artifact: Artifact, dpi: Int = 100) throws -> [String] {
        let image: GreyImage
        switch artifact.format {
        case .pdf:
            return try (1...PDFReadBack(artifact.bytes).pageCount).flatMap { page in
                try ZBarDecoder().decode(TestSupport.rasterizePDF(artifact.bytes, dpi: dpi, page: page))
            }
        case .svg: image = try TestSupport.rasterizeSVG(artifact.bytes, dpi: dpi)
        case .png: image = try PNGDecoder.greyImage(artifact.bytes)
        case .escpos: image = try ESCPOSStream(artifact.bytes).greyImage
        }
        return try ZBarDecoder().decode(image)
    }
}

extension Cards {
    /// A written file's pixels as a scanner sees them, from its bytes and format.
    static func decodeImage(_ bytes: [UInt8], format: OutputFormat, dpi: Int = 150) throws -> GreyImage {
        switch format {
        case .pdf: try TestSupport.rasterizePDF(bytes, dpi: dpi)
        case .svg: try TestSupport.rasterizeSVG(bytes, dpi: dpi)
        case .png: try PNGDecoder.greyImage(bytes)
        case .escpos: try ESCPOSStream(bytes).greyImage
        }
    }
}

import Foundation
import QRDeskCore
import QRDeskNative

/// The card pipeline: link → QR sized for the template's scan distance → document per variant → bytes per format
/// → each file read back from its bytes. Nothing is written here; callers write the artifacts atomically once
/// every one of them succeeded.
public struct CardRenderer: Sendable {
    public let library: TemplateLibrary
    public let creationDate: String

    public init(library: TemplateLibrary, creationDate: String = ReproducibleDate.current()) {
        self.library = library
        self.creationDate = creationDate
    }

    /// The QR code the request gets: its level, version, module size and reach; refused with advice when the
    /// template cannot print the link large enough for its scan distance.
    public func plan(for request: CardRequest) throws -> QRSizing.Plan {
        let template = try library.card(request.templateID, style: request.style)
        let linkBytes = request.content.code.byteCount
        let sizing = try Self.sizing(template, scanDistance: request.scanDistance)
        if request.content.code.scheme == .swiss {
            // The standard fixes the size: the scan distance does not choose it, it is what that size reads from.
            return try sizing.fixedPlan(
                symbolMillimetres: SwissCross.symbolMillimetres, linkBytes: linkBytes, level: .medium,
                template: template.id)
        }
        do {
            return try sizing.plan(linkBytes: linkBytes, explicitLevel: request.errorCorrection, template: template.id)
        } catch var error {
            error.isPayload = request.content.code.link == nil
            error.alternatives = library.cards.keys.sorted().compactMap { id -> QRSizeError.Alternative? in
                guard id != template.id, let other = library.cards[id],
                    let plan = try? Self.sizing(other, scanDistance: nil).plan(
                        linkBytes: linkBytes, explicitLevel: request.errorCorrection, template: id)
                else { return nil }
                return .init(template: id, reachMetres: plan.reachMetres)
            }
            // The farthest-reaching first: a counter card's alternative is a card read from as far, not a slip.
            error.alternatives.sort { ($0.reachMetres, $1.template) > ($1.reachMetres, $0.template) }
            throw error
        }
    }

    static func sizing(_ template: CardTemplate, scanDistance: ScanDistance?) throws -> QRSizing {
        guard let qr = template.qrElement else {
            throw TemplateError.invalid(file: template.source, field: "elements", reason: "no qr element")
        }
        // A slip's modules are whole printer dots, at least `RollPrinter.minimumModuleDots`.
        return QRSizing(
            boxMillimetres: Length.pt(qr.frame.width).millimetres, quietZone: qr.quietZone,
            printFloorMillimetres: template.printer.map {
                Double(RollPrinter.minimumModuleDots) * 25.4 / Double($0.dpi)
            } ?? QRModuleRule.printFloorMillimetres,
            scanDistance: scanDistance ?? template.scanDistance,
            dotsPerMillimetre: template.printer.map { Double($0.dpi) / 25.4 })
    }

    /// The laid-out document of each variant the request writes.
    public func documents(for request: CardRequest) throws -> [Variant: Document] {
        try documents(for: request, measurer: try PangoTextShaper())
    }

    /// Laid out with `measurer`: exact metrics for vector files, a printer's hinted ones for its dots.
    func documents(for request: CardRequest, measurer: PangoTextShaper) throws -> [Variant: Document] {
        let template = try library.card(request.templateID, style: request.style)
        try PangoTextShaper.checkFamilyInstalled(template.fontFamily)
        let code = request.content.code
        let plan = try plan(for: request)
        let matrix = try QREncoder().encode(code.text, level: plan.level)
        let metadata = DocumentMetadata(
            title: "\(request.content.businessName) — \(template.title)", subject: code.text,
            creationDate: creationDate)
        var content = request.content
        content.accent = try accent(of: request)
        // Every format embeds the logo as decoded here, never the bytes given (a cut-short image stream is refused).
        if let logo = content.logoPNG { content.logoPNG = try LogoImage.reencoded(logo) }
        let variants = request.writtenVariants
        let front = try CardLayout(template: template, content: content, strings: library.strings, measurer: measurer)
            .documents(matrix: matrix, variants: variants, metadata: metadata)
        guard template.foldMargin != nil else { return front }
        // A table tent: the back panel in its own language, turned above the fold.
        var backContent = content
        backContent.language = content.backLanguage ?? content.language
        let back = try CardLayout(
            template: template, content: backContent, strings: library.strings, measurer: measurer
        )
        .documents(matrix: matrix, variants: variants, metadata: metadata)
        return front.reduce(into: [:]) { sheets, entry in
            let (variant, document) = entry
            guard let frontPanel = document.pages.first, let backPanel = back[variant]?.pages.first else { return }
            let sheet = TableTent.sheet(front: frontPanel, back: backPanel, blackAndWhite: variant == .bw)
            sheets[variant] = Document(metadata: metadata, pages: [sheet])
        }
    }

    public func render(_ request: CardRequest) throws -> [Artifact] {
        let documents = try documents(for: request)
        let template = try library.card(request.templateID, style: request.style)
        var distance = request.scanDistance ?? template.scanDistance
        if request.content.code.scheme == .swiss {
            // Held to the distance the standard's 46 mm reads from, not the template's.
            distance = ScanDistance(metres: min(distance.metres, try plan(for: request).reachMetres))
        }
        let check = WrittenFileCheck(scanDistance: distance)
        // A slip's dots are laid out again with the printer's hinted metrics (evenly spaced letters on its grid).
        let printer = template.printer
        let needsDots = printer != nil && request.outputs.contains { $0.1 == .png || $0.1 == .escpos }
        let dotDocuments =
            needsDots
            ? try self.documents(for: request, measurer: try PangoTextShaper(deviceScale: printer?.scale))
            : documents
        func document(_ variant: Variant, dots: Bool = false) throws -> Document {
            guard let document = (dots ? dotDocuments : documents)[variant] else {
                throw TemplateError.invalid(
                    file: template.source, field: "palettes", reason: "no \(variant.rawValue) palette")
            }
            return document
        }
        let artifacts = try request.outputs.map { variant, format in
            var document = try document(variant, dots: needsDots && (format == .png || format == .escpos))
            // A two-sided card's PNG and SVG show both sides on one page; its PDF keeps them as two.
            if format == .png || format == .svg, template.front != nil, document.pages.count == 2 {
                document.pages = [CardSpread.page(front: document.pages[0], back: document.pages[1])]
            }
            if format == .escpos, let printer {
                return try slipStream(document, variant: variant, printer: printer, request: request)
            }
            let (bytes, placement) = try CardFileBytes.render(
                document, as: format, dpi: request.dpi, blackAndWhite: variant == .bw, printer: printer)
            let artifact = Artifact(templateID: request.templateID, variant: variant, format: format, bytes: bytes)
            if request.verify {
                try check.check(
                    bytes, format: format, pages: document.pages, fileName: artifact.fileName, raster: placement)
            }
            return artifact
        }
        let sheets = try request.printSheet.map { name in
            try request.writtenVariants.map { variant in
                try homeSheet(try document(variant), variant: variant, sheetName: name, request: request, check: check)
            }
        }
        guard let press = request.press else { return artifacts + (sheets ?? []) }
        return try artifacts + (sheets ?? [])
            + request.writtenVariants.map { variant in
                try pressArtifact(
                    try document(variant), variant: variant, template: template, request: request, settings: press,
                    check: check)
            }
    }

    /// The variant's copies on an office sheet (`HomeSheet`), each side of the card a page, read back like every
    /// file: each copy's code against the link.
    func homeSheet(
        _ document: Document, variant: Variant, sheetName: String, request: CardRequest, check: WrittenFileCheck
    ) throws -> Artifact {
        // Every side's ink counts: a two-sided card's back sits behind its front.
        let size = document.pages.first?.size ?? Size(width: 0, height: 0)
        let sheet = try HomeSheet(sheetName: sheetName, card: size, ink: HomeSheet.ink(of: document.pages))
        let pages = document.pages.map { sheet.page(of: $0, blackAndWhite: variant == .bw) }
        var metadata = document.metadata
        metadata.title += " — \(sheet.copies) on \(sheetName == "a4" ? "A4" : "Letter")"
        let bytes = try PDFRenderer().render(Document(metadata: metadata, pages: pages))
        let artifact = Artifact(
            templateID: request.templateID, variant: variant, format: .pdf, bytes: bytes,
            fileName: "\(request.templateID)-\(variant.rawValue)-\(sheetName).pdf")
        if request.verify {
            try check.check(bytes, format: .pdf, pages: pages, fileName: artifact.fileName)
        }
        return artifact
    }

    /// A slip as its receipt printer's stream: the page's dots, fed and cut as the printer's profile says, read
    /// back from its bytes like a receipt's.
    func slipStream(
        _ document: Document, variant: Variant, printer: RollPrinter, request: CardRequest
    ) throws -> Artifact {
        let profile = try library.printer(printer.profile)
        guard profile.dpi == printer.dpi, profile.dotsPerLine == printer.dots else {
            throw TemplateError.invalid(
                file: try library.card(request.templateID, style: request.style).source, field: "printer",
                reason: "profile \(profile.id) prints \(profile.dotsPerLine) dots at \(profile.dpi) dpi, the template "
                    + "\(printer.dots) at \(printer.dpi)")
        }
        let strip = try RasterRenderer().renderBitmap(
            document, dpi: printer.dpi, printableDots: printer.dots, deviceText: true)
        let bytes = try ESCPOSEncoder(profile: profile, openDrawer: false).encode(strip, nativeQRs: [])
        let artifact = Artifact(templateID: request.templateID, variant: variant, format: .escpos, bytes: bytes)
        if request.verify {
            try ESCPOSReadBack(profile: profile, openDrawer: false).check(
                bytes, strip: strip, nativeQRs: [], payloads: document.pages.flatMap(\.qrSymbols).compactMap(\.payload),
                fileName: artifact.fileName)
        }
        return artifact
    }

    /// A user's CMYK output profile (`--icc`), refused up front when missing or not a CMYK profile.
    public static func checkProfile(at path: String) throws {
        try PressPDFRenderer.checkProfile(at: path)
    }

    /// The accent the request asks for: as given, else its CMYK as the press prints it (through the profile);
    /// nil: the template's.
    func accent(of request: CardRequest) throws -> RGBColor? {
        if let accent = request.content.accent { return accent }
        guard let accentCMYK = request.accentCMYK else { return nil }
        return try PressPDFRenderer(settings: PressSettings(), profilePath: request.iccProfilePath)
            .screenColor(of: accentCMYK)
    }

    /// The variant as a PDF/X-1a press file, its codes read back from the file's bytes at the trim.
    func pressArtifact(
        _ document: Document, variant: Variant, template: CardTemplate, request: CardRequest, settings: PressSettings,
        check: WrittenFileCheck
    ) throws -> Artifact {
        let margin = PressSettings.safeMarginMillimetres
        for page in document.pages {
            if let unsafe = PressPage.unsafeItems(of: page, marginMillimetres: margin).first {
                throw TemplateError.invalid(
                    file: template.source, field: "elements",
                    reason:
                        "\(unsafe.name) lies \(formatDecimal(unsafe.millimetres, digits: 1)) mm from the trim; press "
                        + "files keep text, codes and logos \(formatDecimal(margin, digits: 0)) mm inside it, where "
                        + "cutting cannot reach: move the element inward")
            }
        }
        let pages = document.pages.map { PressPage($0, settings: settings) }
        var exact: [RGBColor: CMYKColor] = [:]
        if variant == .color, let accentCMYK = request.accentCMYK, let accent = try accent(of: request) {
            exact[accent] = accentCMYK
        } else if variant == .color, request.content.accent == nil, let accentCMYK = template.defaultAccentCMYK {
            // The template's own accent, as its designer gave it in CMYK.
            exact[template.defaultAccent] = accentCMYK
        }
        let bytes = try PressPDFRenderer(settings: settings, profilePath: request.iccProfilePath)
            .render(pages, metadata: document.metadata, exact: exact)
        let artifact = Artifact(
            templateID: request.templateID, variant: variant, format: .pdf, bytes: bytes,
            fileName: "\(request.templateID)-\(variant.rawValue)-press.pdf")
        if request.verify {
            try check.check(bytes, format: .pdf, pages: pages.map(\.page), fileName: artifact.fileName)
        }
        return artifact
    }
}

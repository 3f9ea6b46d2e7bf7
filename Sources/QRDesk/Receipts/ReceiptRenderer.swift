import Foundation
import QRDeskCore
import QRDeskNative

/// One receipt to render.
public struct ReceiptRequest: Sendable {
    public var receipt: Receipt
    public var templateID: String
    public var formats: [OutputFormat]
    /// Overrides the document's own `language`; English when neither is given.
    public var language: String?
    /// PNG resolution for sheets; rolls use their printer's native resolution.
    public var dpi: Int
    public var verify: Bool
    /// For `escpos`: the printer model (`templates/printers/ID.yaml`); nil takes the template's own.
    public var printerProfile: String?
    /// For `escpos`: end with the cash-drawer kick (when the profile has a drawer port).
    public var openDrawer = false
    /// For `escpos`: send the balance and fiscal QR as the printer's own QR command (profiles with `nativeQR`).
    public var nativeQR = false

    public init(
        receipt: Receipt, templateID: String = "receipt-80mm", formats: [OutputFormat] = [.pdf],
        language: String? = nil,
        dpi: Int = 300, verify: Bool = true, printerProfile: String? = nil
    ) {
        self.printerProfile = printerProfile
        self.receipt = receipt
        self.templateID = templateID
        self.formats = formats
        self.language = language
        self.dpi = dpi
        self.verify = verify
    }
}

/// The receipt pipeline: document → QRs for the balance and fiscal data → layout → verified → bytes per format.
public struct ReceiptRenderer: Sendable {
    public let library: TemplateLibrary
    public let creationDate: String

    public init(library: TemplateLibrary, creationDate: String = ReproducibleDate.current()) {
        self.library = library
        self.creationDate = creationDate
    }

    /// The QR for `payload`, sized like a card's (`QRSizing`): modules at least the print floor (0.5 mm, and 4 dots
    /// of the receipt printer) and large enough for the template's scan distance, refused with the longest payload
    /// that would fit.
    func checkedMatrix(_ payload: String, template: ReceiptTemplate) throws -> QRMatrix {
        let plan = try Self.sizing(template).plan(
            linkBytes: payload.utf8.count, explicitLevel: nil, template: template.id)
        return try QREncoder().encode(payload, level: plan.level)
    }

    /// How a receipt template sizes its code: its QR box, the printer's floor (0.5 mm, 4 dots), whole printer
    /// dots on a roll, and its scan distance.
    static func sizing(_ template: ReceiptTemplate) -> QRSizing {
        QRSizing(
            boxMillimetres: Length.pt(template.qrSize).millimetres, quietZone: ReceiptLayout.quietZone,
            printFloorMillimetres: QRModuleRule.minimumMillimetres(dpi: template.nativeDPI),
            scanDistance: template.scanDistance,
            dotsPerMillimetre: template.isRoll ? template.nativeDPI.map { Double($0) / 25.4 } : nil)
    }

    public func render(_ request: ReceiptRequest) throws -> [Artifact] {
        let template = try library.receipt(request.templateID)
        try PangoTextShaper.checkFamilyInstalled(template.fontFamily)
        let receipt = request.receipt
        let language = request.language ?? receipt.language ?? "en"
        let balanceQR = try receipt.balanceCode.map { try checkedMatrix($0.text, template: template) }
        let fiscalQR = try receipt.fiscal.map { try checkedMatrix($0.qrPayload, template: template) }
        let metadata = DocumentMetadata(
            title: "\(receipt.location.name) — \(receipt.number)",
            subject: receipt.balanceCode?.text ?? "Receipt \(receipt.number)", creationDate: creationDate)
        func laidOut(_ measurer: PangoTextShaper) throws -> Document {
            try ReceiptLayout(
                template: template, receipt: receipt, strings: library.strings, language: language,
                measurer: measurer, balanceQR: balanceQR, fiscalQR: fiscalQR
            ).document(metadata: metadata)
        }
        // PDF and SVG are laid out with exact, unhinted metrics. A thermal printer's dots get a layout of their own,
        // measured with hinted metrics on its 203 dpi grid (evenly spaced letters), drawn with the same.
        let document = try laidOut(try PangoTextShaper())
        let printerDPI = template.isRoll ? template.nativeDPI : nil
        let needsDots = printerDPI != nil && request.formats.contains { $0 == .png || $0 == .escpos }
        let dotDocument =
            needsDots ? try laidOut(try PangoTextShaper(deviceScale: Double(printerDPI ?? 72) / 72)) : document
        let stem = "\(Slug.make(receipt.number))-\(template.id)"
        // Every file is read back from its bytes; a thermal PNG is cropped to the head's dots, centred on the page.
        let check = WrittenFileCheck(scanDistance: template.scanDistance)
        let pngDPI = template.nativeDPI ?? request.dpi
        var artifacts: [Artifact] = []
        for format in request.formats.sorted() {
            switch format {
            case .pdf:
                let artifact = Artifact(
                    templateID: template.id, variant: .bw, format: .pdf, bytes: try PDFRenderer().render(document),
                    fileName: "\(stem).pdf")
                if request.verify {
                    try check.check(artifact.bytes, format: .pdf, pages: document.pages, fileName: artifact.fileName)
                }
                artifacts.append(artifact)
            case .svg, .png:
                let pages = format == .png ? dotDocument : document
                for index in pages.pages.indices {
                    let suffix = pages.pages.count > 1 ? "-p\(index + 1)" : ""
                    let (bytes, placement) =
                        format == .svg
                        ? (try SVGRenderer().render(document, page: index), RasterPlacement(dpi: pngDPI))
                        : try RasterRenderer().renderPNG(
                            pages, page: index, dpi: pngDPI,
                            blackAndWhite: template.isRoll, printableDots: template.printableDots,
                            deviceText: needsDots)
                    let artifact = Artifact(
                        templateID: template.id, variant: .bw, format: format, bytes: bytes,
                        fileName: "\(stem)\(suffix).\(format.fileExtension)")
                    if request.verify {
                        try check.check(
                            bytes, format: format, pages: [pages.pages[index]], fileName: artifact.fileName,
                            raster: placement)
                    }
                    artifacts.append(artifact)
                }
            case .escpos:
                let stream = try escpos(dotDocument, template: template, request: request)
                let artifact = Artifact(
                    templateID: template.id, variant: .bw, format: .escpos, bytes: stream.bytes,
                    fileName: "\(stem).escpos")
                if request.verify {
                    // Read back from its bytes like every other file: its raster, its codes, where it cuts.
                    try ESCPOSReadBack(profile: stream.profile, openDrawer: request.openDrawer).check(
                        stream.bytes, strip: stream.strip, nativeQRs: stream.nativeQRs, payloads: stream.payloads,
                        fileName: artifact.fileName)
                }
                artifacts.append(artifact)
            }
        }
        return artifacts
    }

    /// A receipt's printer stream with what it was made from, for its read-back.
    public struct PrinterStream: Sendable {
        public let bytes: [UInt8]
        public let profile: PrinterProfile
        public let strip: MonochromeBitmap
        public let nativeQRs: [ESCPOSEncoder.NativeQR]
        /// What every code on the receipt scans as, from the symbols themselves.
        public let payloads: [String]
    }

    /// The receipt as one ESC/POS stream: every page's dots, one continuous strip of paper, then feed and cut.
    func escpos(_ document: Document, template: ReceiptTemplate, request: ReceiptRequest) throws -> PrinterStream {
        guard template.isRoll, let dpi = template.nativeDPI, let dots = template.printableDots else {
            throw ReceiptPrintError.notARoll(template: template.id)
        }
        guard let profileID = request.printerProfile ?? template.printerProfile else {
            throw ReceiptPrintError.noProfile(template: template.id)
        }
        let profile = try library.printer(profileID)
        guard profile.dpi == dpi else {
            throw ReceiptPrintError.resolutionMismatch(
                template: template.id, dpi: dpi, profile: profile.id, profileDPI: profile.dpi)
        }
        guard !request.nativeQR || profile.nativeQR else { throw ReceiptPrintError.noNativeQR(profile: profile.id) }
        let scale = Double(dpi) / 72
        var strip = MonochromeBitmap(width: dots, height: 0)
        var nativeQRs: [ESCPOSEncoder.NativeQR] = []
        var payloads: [String] = []
        for (index, page) in document.pages.enumerated() {
            for item in page.items {
                if case let .qr(symbol) = item.shape, let payload = symbol.payload { payloads.append(payload) }
            }
            if request.nativeQR {
                for item in page.items {
                    guard case let .qr(symbol) = item.shape else { continue }
                    // The layout put the symbol on whole dots: its rows, without the quiet zone, become the printer's
                    // QR.
                    let moduleDots = Int(
                        (symbol.frame.width * scale / Double(symbol.matrix.width + 2 * symbol.quietZone)).rounded())
                    let top = strip.height + Int((symbol.frame.y * scale).rounded()) + symbol.quietZone * moduleDots
                    nativeQRs.append(
                        .init(
                            rows: top..<top + symbol.matrix.width * moduleDots, payload: symbol.payload ?? "",
                            moduleDots: moduleDots))
                }
            }
            strip.append(
                try RasterRenderer().renderBitmap(
                    document, page: index, dpi: dpi, printableDots: dots, deviceText: true))
        }
        let bytes = try ESCPOSEncoder(profile: profile, openDrawer: request.openDrawer).encode(
            strip, nativeQRs: nativeQRs)
        return PrinterStream(bytes: bytes, profile: profile, strip: strip, nativeQRs: nativeQRs, payloads: payloads)
    }
}

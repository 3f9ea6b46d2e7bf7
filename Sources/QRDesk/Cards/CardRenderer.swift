import Foundation
import QRDeskCore
import QRDeskNative

/// The card pipeline: link → QR matrix → document per variant → verified → bytes per format.
/// Nothing is written here; callers write the artifacts atomically once every one of them succeeded.
public struct CardRenderer: Sendable {
    public let library: TemplateLibrary
    public let creationDate: String

    public init(library: TemplateLibrary, creationDate: String = ReproducibleDate.current()) {
        self.library = library
        self.creationDate = creationDate
    }

    /// The laid-out (and, if asked, verified) document of each variant the request writes.
    public func documents(for request: CardRequest) throws -> [Variant: Document] {
        let template = try library.card(request.templateID)
        try PangoTextShaper.checkFamilyInstalled(template.fontFamily)
        let link = request.content.link
        let matrix = try QREncoder().encode(link.text, level: request.errorCorrection)
        let metadata = DocumentMetadata(title: "\(request.content.businessName) — \(template.title)", subject: link.text,
                                        creationDate: creationDate)
        let layout = CardLayout(template: template, content: request.content, strings: library.strings, measurer: try PangoTextShaper())
        let documents: [Variant: Document]
        do {
            documents = try layout.documents(matrix: matrix, variants: Array(Set(request.outputs.map(\.0))).sorted(), metadata: metadata)
        } catch let tooSmall as ModuleTooSmall {
            let widest = QRModuleRule.widestSymbol(boxMillimetres: tooSmall.boxMillimetres, quietZone: tooSmall.quietZone,
                                                   minimum: CardLayout.minimumModuleMillimetres)
            throw LayoutError.moduleTooSmall(linkBytes: link.text.utf8.count, version: tooSmall.version,
                                             moduleMillimetres: tooSmall.moduleMillimetres, boxMillimetres: tooSmall.boxMillimetres,
                                             maximumBytes: QREncoder().capacity(maximumWidth: widest, level: request.errorCorrection),
                                             template: template.id)
        }
        if request.verify {
            for variant in documents.keys.sorted() {
                let page = documents[variant]!.pages[0]
                for symbol in page.qrSymbols { try QRVerifier().verify(symbol, on: page, expected: link.text) }
            }
        }
        return documents
    }

    public func render(_ request: CardRequest) throws -> [Artifact] {
        let documents = try documents(for: request)
        return try request.outputs.map { variant, format in
            let document = documents[variant]!
            let bytes: [UInt8]
            switch format {
            case .pdf: bytes = try PDFRenderer().render(document)
            case .svg: bytes = try SVGRenderer().render(document)
            case .png: bytes = try RasterRenderer().renderPNG(document, dpi: request.dpi, blackAndWhite: variant == .bw)
            case .escpos: throw ReceiptPrintError.notAReceipt
            }
            return Artifact(templateID: request.templateID, variant: variant, format: format, bytes: bytes)
        }
    }
}

import QRDeskCore
import QRDeskNative

/// The Swiss QR-bill's payment part as files: the code encoded at level M, laid out by `SwissBillLayout` on an A4
/// page, written as PDF (and PNG), each read back from its bytes like every card before it is returned.
public struct SwissBillRenderer: Sendable {
    public let creationDate: String

    public init(creationDate: String = ReproducibleDate.current()) { self.creationDate = creationDate }

    /// - Throws: `RequestError` on the payload key when the code is not a Swiss bill, or would print modules
    ///   below the print floor at 46 mm.
    public func render(
        _ payload: SchemePayload, language: String, formats: [OutputFormat] = [.pdf], dpi: Int = 300
    ) throws -> [Artifact] {
        guard payload.scheme == .swiss else {
            throw RequestError(
                key: CardKeys.payload,
                reason: "a payment part is drawn for a Swiss QR-bill's code (SPC …), not for this "
                    + "\(payload.scheme.title) code")
        }
        guard SwissBillLayout.languages.contains(language) else {
            throw RequestError(
                key: CardKeys.lang,
                reason: "the payment part is printed in \(SwissBillLayout.languages.joined(separator: ", ")), "
                    + "not \"\(Excerpt.of(language, limit: 10))\"")
        }
        let quietZone = QRModuleRule.quietZone
        let sizing = QRSizing(
            boxMillimetres: SwissCross.symbolMillimetres, quietZone: quietZone,
            printFloorMillimetres: QRModuleRule.printFloorMillimetres, scanDistance: ScanDistance(metres: 0.3))
        let plan = try sizing.fixedPlan(
            symbolMillimetres: SwissCross.symbolMillimetres, linkBytes: payload.text.utf8.count, level: .medium,
            template: "swiss-bill")
        let matrix = try QREncoder().encode(payload.text, level: plan.level)
        let metadata = DocumentMetadata(
            title: "QR-bill — \(payload.payeeName ?? "")", subject: payload.text, creationDate: creationDate)
        let document = SwissBillLayout(payload: payload, language: language).document(
            matrix: matrix, quietZone: quietZone, metadata: metadata)
        let check = WrittenFileCheck(scanDistance: ScanDistance(metres: plan.reachMetres))
        return try formats.map { format in
            let (bytes, placement) = try CardFileBytes.render(document, as: format, dpi: dpi, blackAndWhite: false)
            let artifact = Artifact(
                templateID: "swiss-qr-bill", variant: .color, format: format, bytes: bytes,
                fileName: "swiss-qr-bill-\(language).\(format.fileExtension)")
            try check.check(
                bytes, format: format, pages: document.pages, fileName: artifact.fileName, raster: placement)
            return artifact
        }
    }
}

import Foundation
import QRDeskCore

/// Reads a card request from any door through `CardKeys`: the CLI's options, a list row, the API's JSON and the
/// web form (which becomes that JSON) all arrive as a mapping keyed by each key's JSON name, and every value is
/// checked, defaulted and refused here, once. Text doors give text (`"300"`, `"pdf,svg"`, a logo's path); the
/// API gives typed JSON (a number, one variant and one format, a logo in base64).
public struct CardRequestDecoder: Sendable {
    public let library: TemplateLibrary
    public let linkPolicy: LinkPolicy
    public let door: RequestDoor

    /// A logo travels base64-encoded over HTTP: 8 MiB of PNG is at most this many characters.
    public static let maximumLogoCharacters = (PNGInfo.maximumFileBytes + 2) / 3 * 4

    public init(library: TemplateLibrary, linkPolicy: LinkPolicy, door: RequestDoor) {
        self.library = library
        self.linkPolicy = linkPolicy
        self.door = door
    }

    /// Text values keyed by JSON name (the CLI's options, a list row's cells) as the mapping `decode` reads.
    public static func textValues(_ values: [String: String]) -> DataField {
        let pairs = values.sorted { $0.key < $1.key }.map { (key: $0.key, node: DataNode(.string($0.value))) }
        return DataField(root: DataNode(.mapping(pairs)))
    }

    /// One key's whole number read the way the door writes it (a receipt's `--dpi` shares the card's rule).
    public static func integer(
        _ key: RequestKey, _ text: String?, in range: ClosedRange<Int>, door: RequestDoor
    ) throws(RequestError) -> Int? {
        try KeyReader(values: textValues(text.map { [key.json: $0] } ?? [:]), door: door).integer(key, in: range)
    }

    /// - Parameter readFile: the bytes of a file a text door names by path (a logo); its errors are reported
    ///   as the key's refusal.
    public func decode(
        _ values: DataField, readFile: (String) throws -> [UInt8] = { _ in [] }
    ) throws(RequestError) -> CardRequest {
        let reader = KeyReader(values: values, door: door)
        let code = try paymentCode(reader)
        let templateID = try reader.text(CardKeys.template) ?? CardKeys.defaultTemplate
        let modern: CardTemplate
        do throws(TemplateError) { modern = try library.card(templateID) } catch {
            throw RequestError(key: CardKeys.template, reason: error.description)
        }
        let style = try reader.choices(CardKeys.style, allowed: CardStyle.allCases)
        guard (style?.count ?? 1) == 1 else {
            throw RequestError(key: CardKeys.style, reason: "give one style: modern or classic")
        }
        // The template in the style asked for, looked up once for every check that depends on its kind.
        let template = (try? library.card(templateID, style: style?.first ?? .modern)) ?? modern
        let language = try reader.text(CardKeys.lang) ?? CardKeys.defaultLanguage
        if let problem = library.strings.languageProblem(language) {
            throw RequestError(key: CardKeys.lang, reason: problem)
        }
        let backLanguage = try self.backLanguage(reader, template: template)
        var content = CardContent(
            businessName: try reader.printedText(CardKeys.name, limit: PrintedText.shortLimit, required: true) ?? "",
            tagline: try reader.printedText(CardKeys.tagline, limit: PrintedText.shortLimit),
            address: try reader.printedText(CardKeys.address, limit: PrintedText.longLimit),
            code: code, language: language, accent: try reader.color(CardKeys.accent),
            qrColor: try reader.color(CardKeys.qrColor), logoPNG: try logo(reader, readFile: readFile))
        content.backLanguage = backLanguage
        var request = CardRequest(
            content: content, templateID: templateID,
            variants: try reader.choices(CardKeys.variant, allowed: Variant.allCases) ?? CardKeys.defaultVariants,
            formats: try reader.choices(CardKeys.format, allowed: CardKeys.cardFormats) ?? CardKeys.defaultFormats,
            dpi: try reader.integer(CardKeys.dpi, in: PrintResolution.dpiRange) ?? CardKeys.defaultDPI)
        if request.formats.contains(.escpos), template.printer == nil {
            let slips = library.cards.values.filter { $0.printer != nil }.map(\.id).sorted()
            throw RequestError(
                key: CardKeys.format,
                reason: "escpos is a receipt printer's stream, and \(templateID) is not printed on one; use a slip "
                    + "template (\(slips.joined(separator: ", "))) or pdf, svg, png")
        }
        if let letter = try reader.text(CardKeys.ecc) {
            guard let level = ErrorCorrectionLevel(letter: letter) else {
                throw RequestError(
                    key: CardKeys.ecc, reason: "expected L, M, Q or H, got \"\(Excerpt.of(letter, limit: 10))\"")
            }
            if let mandated = code.mandatedLevel, mandated != level {
                throw RequestError(
                    key: CardKeys.ecc,
                    reason: "\(code.scheme?.title ?? "this") codes are printed at error correction "
                        + "\(mandated.rawValue), as the standard says; leave the level out")
            }
            request.errorCorrection = level
        }
        if let mandated = code.mandatedLevel { request.errorCorrection = mandated }
        request.style = style?.first ?? .modern
        if let distance = try reader.text(CardKeys.scanDistance) {
            do throws(ScanDistanceParseError) { request.scanDistance = try ScanDistance(parsing: distance) } catch {
                throw RequestError(key: CardKeys.scanDistance, reason: error.description)
            }
        }
        if let sheet = try reader.text(CardKeys.printSheet) {
            guard HomeSheet.sheets[sheet.lowercased()] != nil else {
                throw RequestError(
                    key: CardKeys.printSheet, reason: HomeSheet.SheetError.unknownSheet(sheet).description)
            }
            guard template.printer == nil else {
                throw RequestError(
                    key: CardKeys.printSheet, reason: "\(templateID) prints on a receipt printer's roll, not on sheets")
            }
            request.printSheet = sheet.lowercased()
        }
        request.accentCMYK = try accentCMYK(reader)
        request.press = try pressSettings(reader, accentCMYK: request.accentCMYK)
        // A die-cut sticker's press file bleeds as far as its template says, unless the request says otherwise.
        if let cut = template.cut, try reader.text(CardKeys.bleed) == nil {
            request.press?.bleedMillimetres = Length.pt(cut.bleed).millimetres
        }
        if code.scheme == .swiss, template.printer != nil {
            throw RequestError(
                key: CardKeys.template,
                reason: "a Swiss QR-bill's code is printed 46 mm wide on paper (qrdesk payload bill); a receipt "
                    + "printer's slip cannot print it so: use a card template")
        }
        if request.press != nil, template.printer != nil {
            throw RequestError(
                key: CardKeys.press,
                reason:
                    "\(templateID) prints on a receipt printer (pdf, png, escpos); press files are for a print shop's "
                    + "cards")
        }
        return request
    }

    /// The back panel's language, only for a template that has one (a folded tent).
    private func backLanguage(_ reader: KeyReader, template: CardTemplate) throws(RequestError) -> String? {
        guard let language = try reader.text(CardKeys.backLang) else { return nil }
        if let problem = library.strings.languageProblem(language) {
            throw RequestError(key: CardKeys.backLang, reason: problem)
        }
        guard template.foldMargin != nil else {
            let tents = library.cards.values.filter { $0.foldMargin != nil }.map(\.id).sorted()
            throw RequestError(
                key: CardKeys.backLang,
                reason: "\(template.id) has one side; a back panel's language applies to a folded table tent ("
                    + "\(tents.joined(separator: ", ")))")
        }
        return language
    }

    private func accentCMYK(_ reader: KeyReader) throws(RequestError) -> CMYKColor? {
        guard let text = try reader.text(CardKeys.accentCMYK) else { return nil }
        guard let color = CMYKColor(percentages: text) else {
            throw RequestError(
                key: CardKeys.accentCMYK,
                reason: "expected four percentages C,M,Y,K from 0 to 100, such as 100,72,0,18; got "
                    + "\"\(Excerpt.of(text, limit: 24))\"")
        }
        return color
    }

    /// The press file's settings when one is asked for; its options alone are refused, so none is ignored.
    private func pressSettings(_ reader: KeyReader, accentCMYK: CMYKColor?) throws(RequestError) -> PressSettings? {
        let bleed = try reader.decimal(CardKeys.bleed, in: PressSettings.bleedRange, unit: "millimetres")
        let cropMarks = try reader.isOn(CardKeys.cropMarks)
        let conditionText = try reader.text(CardKeys.outputCondition)
        guard try reader.isOn(CardKeys.press) == true else {
            let stray: [(RequestKey, Bool)] = [
                (CardKeys.bleed, bleed != nil), (CardKeys.cropMarks, cropMarks == true),
                (CardKeys.outputCondition, conditionText != nil),
            ]
            if let (key, _) = stray.first(where: \.1) {
                throw RequestError(
                    key: key, reason: "applies to press files only; ask for them with \(door.name(of: CardKeys.press))")
            }
            return nil
        }
        var settings = PressSettings(cropMarks: cropMarks ?? false, accentCMYK: accentCMYK)
        if let bleed { settings.bleedMillimetres = bleed }
        if let conditionText {
            guard let condition = OutputCondition(named: conditionText) else {
                throw RequestError(
                    key: CardKeys.outputCondition,
                    reason: "\"\(Excerpt.of(conditionText, limit: 24))\" is not a registered printing condition qrdesk "
                        + "knows; use one of \(OutputCondition.registered.map(\.identifier).joined(separator: ", "))")
            }
            settings.outputCondition = condition
        }
        return settings
    }

    /// The link or the scheme payload, exactly one of the two. A payload is kept byte for byte (never trimmed)
    /// and must lint clean.
    private func paymentCode(_ reader: KeyReader) throws(RequestError) -> PaymentCode {
        switch (try reader.text(CardKeys.link), try reader.text(CardKeys.payload)) {
        case (nil, nil):
            throw RequestError(
                key: CardKeys.link, reason: "is required: give a payment link, or a payment code as the payload")
        case (_?, _?):
            throw RequestError(key: CardKeys.payload, reason: "give a payment link or a payload, not both")
        case let (text?, nil):
            do throws(LinkError) { return .link(try PaymentLink(text, policy: linkPolicy)) } catch {
                throw RequestError(link: error)
            }
        case let (nil, text?):
            let payload: SchemePayload
            do throws(PayloadError) { payload = try SchemePayload(text: text) } catch {
                throw RequestError(key: CardKeys.payload, reason: error.description)
            }
            if let problem = linkPolicy.payeeProblem(payload) {
                throw RequestError(key: CardKeys.payload, reason: problem, code: "payload-payee")
            }
            return .scheme(payload)
        }
    }

    /// A logo's bytes, their chunks and pixel budget checked before anything decodes them (the renderer
    /// decodes them whole): read from the path a text door names, or from base64 in the API's JSON.
    private func logo(_ reader: KeyReader, readFile: (String) throws -> [UInt8]) throws(RequestError) -> [UInt8]? {
        guard let text = try reader.text(CardKeys.logo) else { return nil }
        let bytes: [UInt8]
        if door.readsText {
            // A path: the door's reader decides what may be named (over HTTP, only files the server holds).
            do { bytes = try readFile(text) } catch { throw RequestError(key: CardKeys.logo, reason: "\(error)") }
        } else {
            guard text.utf8.count <= Self.maximumLogoCharacters else {
                throw RequestError(
                    key: CardKeys.logo,
                    reason: "the logo is larger than \(PNGInfo.maximumFileBytes) bytes; use a smaller PNG")
            }
            guard let data = Data(base64Encoded: text) else {
                throw RequestError(key: CardKeys.logo, reason: "the logo is not base64-encoded")
            }
            bytes = Array(data)
        }
        do throws(LayoutError) { _ = try PNGInfo.checkLogo(bytes) } catch {
            throw RequestError(
                key: CardKeys.logo, reason: door.readsText ? "\(text): \(error.description)" : error.description)
        }
        return bytes
    }
}

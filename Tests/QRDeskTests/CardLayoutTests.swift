import Foundation
import Testing
import TestSupport
import QRDesk
import QRDeskCore
import QRDeskNative

@Suite("Card layout: fitting, limits and colours")
struct CardLayoutTests {
    /// Names of exactly 120 characters (the phrase repeated and cut), in every language of the catalog.
    static let longNames: [String: String] = phrases.mapValues {
        String(repeatElement($0, count: 3).joined(separator: " ").prefix(120))
    }
    static let phrases: [String: String] = [
        "en":
            "The Extraordinarily Long Named Beauty, Wellness and Hair Styling Studio of the Greater Downtown "
            + "Riverside District Ltd",
        "es":
            "Centro de Estética, Peluquería y Bienestar Integral de la Familia Rodríguez-Fernández en el Barrio de "
            + "Salamanca S.L.",
        "de":
            "Praxisgemeinschaft für Physiotherapie, Osteopathie und Rehabilitationssport Dr. med. Hannelore "
            + "Schmidt-Grünewald GbR",
        "fr":
            "Institut de Beauté et de Bien-Être Les Jardins Secrets de la Place du Marché Saint-Honoré, Soins "
            + "Visage et Corps SARL",
        "pt":
            "Clínica de Odontologia Estética, Harmonização Facial e Bem-Estar Integral Doutora Maria da "
            + "Conceição Albuquerque Ltda",
        "ru":
            "Салон красоты и центр эстетической косметологии "
            + "«Берёзовая роща» на Большой Никитской улице, общество с "
            + "ограниченной",
        "ar":
            "صالون الياسمين الذهبي للتجميل والعناية بالبشرة وتصفيف "
            + "الشعر والأظافر في حي الملك فهد بمدينة الرياض، "
            + "المملكة العربية",
        "he":
            "מספרת אור הגדולה לעיצוב שיער, טיפוח הפנים והגוף, מניקור "
            + "ופדיקור ברחוב דיזנגוף הצפוני בתל אביב יפו, בעלות "
            + "מוגבלת בע״מ",
    ]

    /// A 120-character name is set smaller than the template's size for it, never below its minimum, and a short
    /// one keeps the full size: the fitter, not the fixture, is under test.
    @Test func longNamesShrinkWithinTheirLimits() throws {
        let template = try Cards.library.card("counter-a5")
        guard case let .text(spec)? = template.elements.first(where: { $0.name == "business-name" })?.kind else {
            Issue.record("counter-a5 has no business-name text"); return
        }
        let matrix = try QREncoder().encode(TestSupport.sampleLink, level: .medium)
        for (language, name) in Self.longNames.sorted(by: { $0.key < $1.key }) {
            #expect(name.count == 120)
            let content = CardContent(
                businessName: name, link: try PaymentLink(TestSupport.sampleLink), language: language)
            let layout = CardLayout(
                template: template, content: content, strings: try Cards.library.strings,
                measurer: try PangoTextShaper())
            let page = try #require(
                try layout.documents(
                    matrix: matrix, variants: [.color],
                    metadata: DocumentMetadata(title: "", subject: "", creationDate: ""))[.color]
            ).pages[0]
            guard case let .text(box)? = page.items.first(where: { $0.name == "business-name" })?.shape else {
                Issue.record("\(language): no name"); continue
            }
            #expect(box.style.size < spec.size && box.style.size >= spec.minSize, "\(language): \(box.style.size) pt")
        }
    }

    /// Every text of every template, in every language, with a 120-character name: inside its box, on the page,
    /// clear of the QR and its quiet zone.
    @Test(arguments: CardRoundTripTests.templates)
    func textNeverOverflowsOrTouchesTheQR(template id: String) throws {
        let template = try Cards.library.card(id)
        let shaper = try PangoTextShaper()
        let page = Rect(x: 0, y: 0, width: template.pageSize.width, height: template.pageSize.height)
        let matrix = try QREncoder().encode(TestSupport.sampleLink, level: .medium)
        for (language, name) in Self.longNames.sorted(by: { $0.key < $1.key }) {
            let content = CardContent(
                businessName: name, tagline: name, address: name, link: try PaymentLink(TestSupport.sampleLink),
                language: language)
            let layout = CardLayout(
                template: template, content: content, strings: try Cards.library.strings, measurer: shaper)
            let documents = try layout.documents(
                matrix: matrix, variants: [.color], metadata: DocumentMetadata(title: "", subject: "", creationDate: "")
            )
            var sawName = false
            // Every side: a two-sided card's front has no code to keep clear of.
            for items in try #require(documents[.color]).pages.map(\.items) {
                let qr = items.compactMap { if case let .qr(symbol) = $0.shape { symbol } else { nil } }.first
                for item in items {
                    guard case let .text(box) = item.shape else { continue }
                    let metrics = try shaper.measure(
                        box.text, style: box.style, width: box.frame.width, maxLines: box.maxLines)
                    #expect(
                        metrics.height <= box.frame.height + 0.01,
                        "\(id)/\(language)/\(item.name): \(metrics.height) pt tall in a \(box.frame.height) pt box")
                    #expect(metrics.width <= box.frame.width + 0.01, "\(id)/\(language)/\(item.name): too wide")
                    #expect(page.contains(box.frame))
                    if let qr {
                        #expect(!box.frame.intersects(qr.frame), "\(id)/\(language)/\(item.name) overlaps the QR")
                    }
                    if item.name == "business-name" { sawName = true; #expect(box.text == name) }
                }
            }
            #expect(sawName || !TextLayerTests.hasNameLine(id))
        }
    }

    @Test func longNameCardStillScans() throws {
        let name = Self.longNames["ru"]!
        let artifacts = try Cards.render(
            try Cards.request(name: name, language: "ru", variants: [.color], formats: [.pdf]))
        #expect(try Cards.decode(artifacts[0]) == [TestSupport.sampleLink])
    }

    @Test func shortNamesKeepTheirFullSize() throws {
        let template = try Cards.library.card("counter-a5")
        let content = CardContent(businessName: "Studio Nova", link: try PaymentLink(TestSupport.sampleLink))
        let layout = CardLayout(
            template: template, content: content, strings: try Cards.library.strings, measurer: try PangoTextShaper())
        let document = try layout.documents(
            matrix: try QREncoder().encode(TestSupport.sampleLink, level: .medium), variants: [.color],
            metadata: DocumentMetadata(title: "", subject: "", creationDate: ""))[.color]!
        let name = document.pages[0].items.first { $0.name == "business-name" }
        guard case let .text(box)? = name?.shape else { Issue.record("no business name"); return }
        #expect(box.style.size == 26 && box.maxLines == nil)
        // An absent tagline leaves no empty text behind.
        #expect(!document.pages[0].items.contains { $0.name == "tagline" })
    }

    @Test func tooLongLinkSaysWhatWouldFit() throws {
        // The A6 card is read from 0.5 m: modules of at least 0.91 mm, so its 70 mm box holds version 13 (69 modules
        // + 8 quiet).
        let base = "https://pay.example.com/p/"
        func link(_ bytes: Int) -> String { base + String(repeating: "x", count: bytes - base.utf8.count) }
        var maximum = 0
        do {
            _ = try Cards.render(
                try Cards.request(link: link(2000), template: "card-a6", variants: [.bw], formats: [.pdf]))
            Issue.record("a 2000-byte link should not fit the A6 card")
        } catch let error as QRSizeError {
            #expect(error.linkBytes == 2000 && error.template == "card-a6" && error.longestLinkBytes == 367)
            #expect(error.description.contains("at most 367 bytes"))
            #expect(error.alternatives.isEmpty && !error.description.contains("template that takes it"))
            maximum = error.longestLinkBytes
        }
        // The limit it states is the real one: that many bytes render, one more does not.
        let fitting = try Cards.render(
            try Cards.request(link: link(maximum), template: "card-a6", variants: [.bw], formats: [.png]))
        #expect(try Cards.decode(fitting[0]) == [link(maximum)])
        #expect(throws: QRSizeError.self) {
            try Cards.render(
                try Cards.request(link: link(maximum + 1), template: "card-a6", variants: [.bw], formats: [.pdf]))
        }
    }

    @Test func tooLightQRColourIsRefused() throws {
        #expect {
            try Cards.render(try Cards.request(qrColor: RGBColor(hex: "#9E9E9E")!))
        } throws: { error in
            "\(error)".contains("QR colour #9E9E9E on #FFFFFF has a contrast of")
                && "\(error)".contains("choose a darker colour")
        }
    }

    /// Text on the accent reads at 4.5:1: a light accent's tab takes the ink colour (in the file too), a middle
    /// tone on which neither white nor ink reads is refused with the fix.
    @Test func aLightAccentSwitchesToInkAndAMiddleToneIsRefused() throws {
        let light = try Cards.request(variants: [.color], formats: [.svg], accent: RGBColor(hex: "#FFEB3B")!)
        let document = try #require(try CardRenderer(library: try Cards.library).documents(for: light)[.color])
        let label = document.pages[0].items.first { $0.name == "qr-label" }
        guard case let .text(box)? = label?.shape else { Issue.record("no frame label"); return }
        #expect(box.style.color == RGBColor(hex: "#1B1B1F"))
        let svg = String(decoding: try Cards.render(light)[0].bytes, as: UTF8.self)
        #expect(svg.contains("#FFEB3B") && svg.contains("#1B1B1F"))
        #expect {
            try Cards.render(try Cards.request(accent: RGBColor(hex: "#7C7C7C")!))
        } throws: { error in
            "\(error)".contains("qr-label: text #FFFFFF on #7C7C7C")
                && (error as? LayoutError)?.description(naming: RequestDoor.commandLine.keyNaming)
                    .contains("choose a darker --accent") == true
        }
    }

    /// A symbol carries its payload from layout to read-back: modules of another link under this card's payload
    /// (what a writer fault would look like) are refused from the file's bytes.
    @Test func readBackRefusesACodeThatSaysSomethingElse() throws {
        let request = try Cards.request(variants: [.color], formats: [.pdf])
        let template = try Cards.library.card("counter-a5")
        let layout = CardLayout(
            template: template, content: request.content, strings: try Cards.library.strings,
            measurer: try PangoTextShaper())
        let other = try QREncoder().encode("https://evil.example/p/1", level: .medium)
        let forged = QRMatrix(
            version: other.version, width: other.width, level: other.level,
            modules: (0..<other.width * other.width).map { other[$0 % other.width, $0 / other.width] },
            payload: TestSupport.sampleLink)
        let document = try #require(
            try layout.documents(
                matrix: forged, variants: [.color], metadata: DocumentMetadata(title: "", subject: "", creationDate: "")
            )[.color])
        #expect(document.pages[0].qrSymbols.first?.payload == TestSupport.sampleLink)
        let pdf = try PDFRenderer().render(document)
        #expect {
            try WrittenFileCheck(scanDistance: template.scanDistance).check(
                pdf, format: .pdf, pages: document.pages, fileName: "card.pdf")
        } throws: { error in
            "\(error)".contains("scans as \"https://evil.example/p/1\", not \"\(TestSupport.sampleLink)\"")
        }
    }

    @Test func missingFontFamilyIsNamed() {
        #expect {
            try PangoTextShaper.checkFamilyInstalled("Comic Sans Imaginary")
        } throws: { error in
            "\(error)".contains("\"Comic Sans Imaginary\" is not installed")
        }
    }

    @Test func sourceDateEpochIsHonoured() {
        #expect(ReproducibleDate.current(environment: ["SOURCE_DATE_EPOCH": "1700000000"]) == "2023-11-14T22:13:20Z")
        #expect(ReproducibleDate.current(environment: [:]) == ReproducibleDate.fallback)
    }
}

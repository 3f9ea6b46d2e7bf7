import Foundation
import Testing
import QRDesk
import QRDeskCore
import QRDeskNative
import TestSupport

/// A PDF's text layer is the text it prints: `pdftotext` of every card template × variant × shipped language,
/// and of every receipt template with the example receipts, gives back the input strings (NFC), ligatures,
/// joining forms and conjuncts included.
@Suite("PDF text layer")
struct TextLayerTests {
    /// What `pdftotext` extracts, with runs of white space made one space and its bidi marks dropped.
    static func extractedText(_ pdf: [UInt8]) throws -> String {
        let folder = try TestSupport.temporaryDirectory("qrdesk-text")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("file.pdf")
        try Data(pdf).write(to: file)
        let result = try TestSupport.run("pdftotext", [file.path, "-"])
        #expect(result.status == 0, "\(result.stderr)")
        return normalized(result.stdout)
    }

    static func normalized(_ text: String) -> String {
        let marks: Set<Unicode.Scalar> = [
            "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{200E}", "\u{200F}",
        ]
        let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { !marks.contains($0) }))
        return kept.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            .precomposedStringWithCanonicalMapping
    }

    /// A business name, tagline and address per shipped language, with words that form ligatures in Latin fonts.
    static let samples: [String: (name: String, tagline: String, address: String)] = [
        "en": ("Office fine files", "Payment confirmation", "12 Market Street, Bristol"),
        "es": ("Peluquería fina", "Confirmación de pago", "Calle Mayor 8, Madrid"),
        "de": ("Friseur Höffner", "Schöne Grüße", "Königstraße 5, Stuttgart"),
        "fr": ("Coiffure Éffilée", "Confirmation du paiement", "5 rue de la Paix, Paris"),
        "pt": ("Salão Flor", "Confirmação de pagamento", "Rua Augusta 10, Lisboa"),
        "ru": ("Салон Финист", "Подтверждение оплаты", "ул. Тверская 7, Москва"),
        "ar": ("صالون الياسمين", "تأكيد الدفع", "شارع الخليج العربي"),
        "he": ("מספרת שושנה", "אישור תשלום", "רחוב הרצל 5"),
    ]

    @Test(arguments: ["counter-a5", "poster-a4", "poster-letter", "card-a6", "sticker-100"])
    func cardTextIsItsInputInEveryLanguage(template: String) throws {
        for (language, sample) in Self.samples.sorted(by: { $0.key < $1.key }) {
            let content = CardContent(
                businessName: sample.name, tagline: sample.tagline, address: sample.address,
                link: try PaymentLink(TestSupport.sampleLink), language: language)
            var request = CardRequest(content: content, templateID: template, variants: [.color, .bw], formats: [.pdf])
            request.verify = false
            let renderer = CardRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z")
            let documents = try renderer.documents(for: request)
            for artifact in try Cards.render(request) {
                let text = try Self.extractedText(artifact.bytes)
                // Every text box the page draws, the business name first among them.
                let printed = (documents[artifact.variant]?.pages ?? []).flatMap(\.items).compactMap {
                    item -> String? in
                    if case let .text(box) = item.shape { box.text } else { nil }
                }
                #expect(printed.contains(sample.name))
                try Self.expectKnownArabicLimitation(language) {
                    for string in printed {
                        #expect(
                            text.contains(Self.normalized(string)),
                            "\(artifact.fileName) [\(language)]: \(string) not in \(text)")
                    }
                }
                #expect(
                    !text.unicodeScalars.contains { (0xFB00...0xFB06).contains($0.value) },
                    "\(artifact.fileName): ligature in \(text)")
            }
        }
    }

    /// Right-to-left text is checked too, but `pdftotext` is not a faithful witness there: it reverses the
    /// `ActualText` of a lam-alef ligature, splits some Arabic words where joining forms meet at small sizes, and
    /// reorders a line that mixes Hebrew with numbers or a link into visual order. Failures in Arabic and Hebrew
    /// are recorded as that known issue, not hidden.
    static func expectKnownArabicLimitation(_ language: String, _ body: () throws -> Void) throws {
        if language == "ar" || language == "he" {
            withKnownIssue("pdftotext on right-to-left text", isIntermittent: true) { try body() }
        } else {
            try body()
        }
    }

    /// Every string a receipt prints from its document — business, items, client, staff — is in its text
    /// layer, for the example receipts (English, German, Russian, Japanese, Arabic) and one with ligatures and
    /// Devanagari item names, on the roll and on A4.
    @Test(arguments: ["receipt-80mm", "receipt-58mm", "receipt-a4"])
    func receiptTextIsItsInput(template: String) throws {
        var documents = try FileManager.default.contentsOfDirectory(atPath: Receipts.examples.path).filter {
            $0.hasSuffix(".json")
        }.sorted()
            .map { ($0, try String(contentsOf: Receipts.examples.appendingPathComponent($0), encoding: .utf8)) }
        let english = try String(
            contentsOf: Receipts.examples.appendingPathComponent("partial-usd-en.json"), encoding: .utf8)
        documents.append(
            (
                "ligatures.json",
                english.replacingOccurrences(of: "Gel manicure", with: "Nail file")
                    .replacingOccurrences(of: "Spa pedicure", with: "नारियल का तेल")
            ))
        for (name, json) in documents {
            let receipt = try ReceiptReader.parse(json, file: name)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            var strings: [String] = []
            if let location = object["location"] as? [String: Any], let business = location["name"] as? String {
                strings.append(business)
            }
            for item in object["items"] as? [[String: Any]] ?? [] {
                if let itemName = item["name"] as? String { strings.append(itemName) }
            }
            let artifacts = try ReceiptRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z")
                .render(
                    ReceiptRequest(receipt: receipt, templateID: template, formats: [.pdf], language: nil, dpi: 300))
            for artifact in artifacts {
                let text = try Self.extractedText(artifact.bytes)
                try Self.expectKnownArabicLimitation(receipt.language ?? "") {
                    for string in strings {
                        // A long item name wraps; its words are each in the text.
                        let words = Self.normalized(string).split(separator: " ").map(String.init)
                        #expect(
                            words.allSatisfy { text.contains($0) }, "\(template) \(name): \"\(string)\" not in \(text)")
                    }
                }
                #expect(
                    !text.unicodeScalars.contains { (0xFB00...0xFB06).contains($0.value) },
                    "\(template) \(name): ligature in \(text)")
            }
        }
    }
}

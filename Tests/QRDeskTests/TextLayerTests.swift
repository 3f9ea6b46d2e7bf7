import Foundation
import Testing
import QRDesk
import QRDeskCore
import QRDeskNative
import TestSupport

/// A PDF's text layer is the text it prints: an extractor's reading of every card template × variant × shipped
/// language, and of every receipt template with the example receipts, gives back the input strings (NFC),
/// ligatures, joining forms, marks and conjuncts included; right-to-left text word by word, its lam-alef
/// ligatures proved by their `ActualText`.
@Suite("PDF text layer")
struct TextLayerTests {
    static let rightToLeft: Set<String> = ["ar", "he"]

    /// The PDF's text as an extractor gives it, with runs of white space made one space and bidi marks dropped.
    /// Left-to-right text is read by `pdftotext` (poppler). Right-to-left text is read by `mutool` (MuPDF), and the
    /// file's `ActualText` spans are checked beside it (`actualTextCoversPresentationForms`): poppler reverses
    /// the `ActualText` of a lam-alef inside a right-to-left run and splits words where a mark sits over a
    /// letter or joining forms meet at small sizes, which MuPDF does not.
    static func extractedText(_ pdf: [UInt8], language: String = "en") throws -> String {
        let folder = try TestSupport.temporaryDirectory("qrdesk-text")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("file.pdf")
        try Data(pdf).write(to: file)
        let result =
            rightToLeft.contains(language)
            ? try TestSupport.run("mutool", ["draw", "-q", "-F", "txt", "-o", "-", file.path])
            : try TestSupport.run("pdftotext", [file.path, "-"])
        #expect(result.status == 0, "\(result.stderr)")
        return normalized(result.stdout)
    }

    static func normalized(_ text: String) -> String {
        // Direction marks, embeddings and isolates (a trust line's name and host) order text; they print nothing.
        let marks: Set<Unicode.Scalar> = [
            "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{200E}", "\u{200F}", "\u{2066}",
            "\u{2067}", "\u{2068}", "\u{2069}",
        ]
        let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { !marks.contains($0) }))
        return kept.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            .precomposedStringWithCanonicalMapping
    }

    /// Arabic presentation forms (a lam-alef ligature's glyph, as the font's cmap names it) as the letters they
    /// stand for; `actualTextCoversPresentationForms` proves the file says those letters for each of them.
    static func lettersOfPresentationForms(_ text: String) -> String {
        var letters = ""
        for scalar in text.unicodeScalars {
            if isPresentationForm(scalar) {
                letters += String(scalar).precomposedStringWithCompatibilityMapping
            } else {
                letters.unicodeScalars.append(scalar)
            }
        }
        return letters.precomposedStringWithCanonicalMapping
    }

    static func isPresentationForm(_ scalar: Unicode.Scalar) -> Bool {
        (0xFB50...0xFDFF).contains(scalar.value) || (0xFE70...0xFEFF).contains(scalar.value)
    }

    /// Every presentation form an extractor that ignores `ActualText` reads has an `ActualText` span in the file
    /// that says its letters (and no span says other letters): a reader that honours them gets the input text.
    static func actualTextCoversPresentationForms(_ pdf: [UInt8], extracted: String) throws -> Bool {
        let folder = try TestSupport.temporaryDirectory("qrdesk-actualtext")
        defer { try? FileManager.default.removeItem(at: folder) }
        let packed = folder.appendingPathComponent("packed.pdf"), plain = folder.appendingPathComponent("plain.pdf")
        try Data(pdf).write(to: packed)
        // Uncompressed content streams, so the marked-content operators can be read as text.
        let qdf = try TestSupport.run("qpdf", ["--qdf", "--object-streams=disable", packed.path, plain.path])
        #expect(qdf.status == 0, "\(qdf.stderr)")
        let content = String(decoding: try Data(contentsOf: plain), as: UTF8.self)
        let spans = content.components(separatedBy: "/ActualText ").dropFirst().map { rest -> String? in
            // Cairo writes each as a UTF-16BE hex string with a byte-order mark: <FEFF…>.
            guard rest.hasPrefix("<feff") || rest.hasPrefix("<FEFF"), let end = rest.firstIndex(of: ">") else {
                return nil
            }
            let hex = Array(rest[rest.index(rest.startIndex, offsetBy: 5)..<end])
            var units: [UInt16] = []
            for start in stride(from: 0, to: hex.count - 3, by: 4) {
                guard let unit = UInt16(String(hex[start..<start + 4]), radix: 16) else { return nil }
                units.append(unit)
            }
            return String(decoding: units, as: UTF16.self).precomposedStringWithCanonicalMapping
        }
        // A span covers its cluster's marks too (the tanwin of "إيصالًا"), which come as glyphs of their own; and a
        // space glyph mapped elsewhere gets a span of its own. The letters are what each form must stand for.
        let said = try spans.map { span -> String in
            let text = try #require(span, "an ActualText that is not a UTF-16 hex string")
            // Marks and format characters (the isolates that keep a date's digits in order in Arabic) are no letters.
            let letters = text.unicodeScalars.filter {
                ![.nonspacingMark, .format].contains($0.properties.generalCategory)
            }
            return String(String.UnicodeScalarView(letters)).trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }.sorted()
        let forms = extracted.unicodeScalars.filter(isPresentationForm).map {
            String($0).precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
        }.sorted()
        #expect(said == forms, "ActualText \(said), presentation forms read \(forms)")
        return said == forms
    }

    /// The words of `string` that `text` must hold. In right-to-left text an extractor places neutral
    /// punctuation by its own visual reading of a mixed line (the colon of "פתחו: pay.example.com"), so
    /// there a word is compared without the punctuation at its ends.
    static func words(of string: String, language: String) -> [String] {
        guard rightToLeft.contains(language) else { return normalized(string).split(separator: " ").map(String.init) }
        // An isolate bounds a run the extractor places on its own ("ל־" before an isolated name): a word break.
        let isolates: Set<Unicode.Scalar> = ["\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}"]
        let spaced = String(String.UnicodeScalarView(string.unicodeScalars.map { isolates.contains($0) ? " " : $0 }))
        let words = normalized(spaced).split(separator: " ").map(String.init)
        return words.map { $0.trimmingCharacters(in: .punctuationCharacters) }.filter { !$0.isEmpty }
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

    /// Whether the template prints the business name as a text of its own.
    static func hasNameLine(_ template: String) -> Bool {
        guard let card = try? Cards.library.card(template) else { return true }
        return (card.elements + (card.front?.elements ?? [])).contains {
            if case let .text(text) = $0.kind { text.content == "{name}" } else { false }
        }
    }

    @Test(arguments: Cards.templateIDs)
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
                let extracted = try Self.extractedText(artifact.bytes, language: language)
                let text = Self.lettersOfPresentationForms(extracted)
                // Every text box the page draws, the business name first among them.
                let printed = (documents[artifact.variant]?.pages ?? []).flatMap(\.items).compactMap {
                    item -> String? in
                    if case let .text(box) = item.shape { box.text } else { nil }
                }
                // A card without a name line of its own (the door sticker, read from 1.5 m) names it in its trust line.
                let namedAlone = printed.contains(sample.name)
                #expect(
                    namedAlone
                        || (!Self.hasNameLine(template) && printed.contains { $0.contains(sample.name) }))
                for string in printed {
                    if Self.rightToLeft.contains(language) {
                        let words = Self.words(of: string, language: language)
                        #expect(
                            words.allSatisfy { text.contains($0) },
                            "\(artifact.fileName) [\(language)]: \(string) not in \(text)")
                    } else {
                        #expect(
                            text.contains(Self.normalized(string)),
                            "\(artifact.fileName) [\(language)]: \(string) not in \(text)")
                    }
                }
                if Self.rightToLeft.contains(language) {
                    _ = try Self.actualTextCoversPresentationForms(artifact.bytes, extracted: extracted)
                }
                #expect(
                    !text.unicodeScalars.contains { (0xFB00...0xFB06).contains($0.value) },
                    "\(artifact.fileName): ligature in \(text)")
            }
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
            let language = receipt.language ?? "en"
            for artifact in artifacts {
                let extracted = try Self.extractedText(artifact.bytes, language: language)
                let text = Self.lettersOfPresentationForms(extracted)
                for string in strings {
                    // A long item name wraps; its words are each in the text.
                    let words = Self.words(of: string, language: language)
                    #expect(
                        words.allSatisfy { text.contains($0) }, "\(template) \(name): \"\(string)\" not in \(text)")
                }
                if Self.rightToLeft.contains(language) {
                    _ = try Self.actualTextCoversPresentationForms(artifact.bytes, extracted: extracted)
                }
                #expect(
                    !text.unicodeScalars.contains { (0xFB00...0xFB06).contains($0.value) },
                    "\(template) \(name): ligature in \(text)")
            }
        }
    }
}

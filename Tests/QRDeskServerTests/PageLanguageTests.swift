import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QRDesk
import QRDeskCore
import QRDeskServer
import Testing
import TestSupport

/// The pages in the language of the person at the desk: every catalog has every page text, every page in every
/// language carries none of the English texts it translates, right-to-left languages get right-to-left pages, and
/// the choice comes from `?lang=` (remembered in a cookie), the cookie, or `Accept-Language`.
@Suite("qrdesk serve: pages in the desk's language")
struct PageLanguageTests {
    static let pages = ["/", "/show", "/receipts", "/kits"]

    static let sameInSomeLanguages: Set<String> = [
        "client", "dl_png", "foot_api", "logo", "optional", "sections", "subtotal", "total", "scheme.epc",
        "scheme.paynow", "scheme.pix", "scheme.promptpay", "scheme.spayd", "scheme.upi", "scheme.vietqr",
    ]

    @Test func everyLanguageDefinesEveryPageText() throws {
        let strings = try TestSupport.library().strings
        let englishKeys = strings.pageKeys(definedBy: "en")
        #expect(englishKeys.count > 100)
        for language in strings.languages {
            let defined = strings.pageKeys(definedBy: language)
            let missing = englishKeys.subtracting(defined).sorted()
            let extra = defined.subtracting(englishKeys).sorted()
            #expect(defined == englishKeys, "\(language): missing \(missing), extra \(extra)")
        }
        // A text the same as the English is a name (PIX, PNG, OpenAPI) or a word the language shares ("Total",
        // French "Client"); any other such text is one nobody translated.
        let english = strings.pageTexts(language: "en")
        for language in strings.languages where language != "en" {
            let same = strings.pageTexts(language: language).filter { english[$0.key] == $0.value }.keys
            #expect(Set(same).subtracting(Self.sameInSomeLanguages).sorted() == [], "\(language)")
        }
        // Every text a page asks for is in the catalog: `{{t.key}}` in the templates, `text("key")` in the code.
        let web = TestSupport.packageRoot.appendingPathComponent("templates/web")
        var used: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: web.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: web.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\{\{t\.([a-z0-9_]+)\}\}/) { used.insert(String(match.1)) }
        }
        #expect(used.count > 80)
        let keys = Set(englishKeys.map { String($0.dropFirst("page.".count)) })
        #expect(used.subtracting(keys).sorted() == [])
    }

    /// The page's HTML with what is not the page's own words taken out: user data in text areas and values.
    static func ownWords(_ html: String) -> String {
        var text = html.replacing(/<textarea[^>]*>[\s\S]*?<\/textarea>/, with: "")
        text = text.replacing(/\s(value|placeholder|data-[a-z-]+)="[^"]*"/, with: "")
        return text
    }

    /// The card page's own names for what the engine defines: every bundled card template and every scheme the
    /// picker builds, each of its fields, has a page text (so, by the test above, one in every language); a
    /// template's English page text is its title, and a template a user brings keeps its own title.
    @Test func templatesAndSchemesHaveTheirPageTexts() async throws {
        let library = try TestSupport.library()
        let english = library.strings.pageTexts(language: "en")
        for template in library.cards.values {
            #expect(english["template.\(template.id)"] == template.title, "\(template.id)")
        }
        for scheme in PaymentScheme.buildable {
            #expect(english["scheme.\(scheme.rawValue)"] != nil, "\(scheme)")
            for field in scheme.fields {
                #expect(english["scheme.\(scheme.rawValue).\(field.name)"] != nil, "\(scheme) \(field.name)")
            }
        }
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/?lang=pt", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Cartão de balcão A5 (retrato, display de acrílico)"))
                #expect(html.contains("Chave PIX: dígitos do CPF/CNPJ"))
                #expect(!html.contains("Receiver&#39;s name") && !html.contains("A5 counter card"))
            }
        }
        // A user's template overriding a bundled one keeps the title the user gave it.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("own-templates-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundled = try String(
            contentsOf: TestSupport.templatesDirectory.appendingPathComponent("counter-a5.yaml"), encoding: .utf8)
        let own = bundled.replacingOccurrences(
            of: "title: A5 counter card (portrait, acrylic stand)", with: "title: Our own counter card")
        #expect(own != bundled)
        try own.write(to: folder.appendingPathComponent("counter-a5.yaml"), atomically: true, encoding: .utf8)
        let fixture = try ServerFixture.resources.get()
        let resources = ServerResources(
            library: try TemplateLibrary.load(from: [TestSupport.templatesDirectory, folder]),
            libraryFingerprint: "own", web: fixture.web)
        let app = QRDeskServer.application(
            settings: ServerFixture.defaultSettings, resources: resources, logLevel: .error)
        try await app.test(.router) { client in
            try await client.execute(uri: "/?lang=ru", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Our own counter card") && html.contains("Карточка A6 (книжная)"))
            }
        }
    }

    /// Whether `text` holds `phrase` as whole words (not "List" inside "Liste").
    static func containsWord(_ text: String, _ phrase: String) -> Bool {
        var start = text.startIndex
        while let range = text.range(of: phrase, range: start..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            start = range.upperBound
        }
        return false
    }

    /// Every refusal's detail a page can show exists in every language: each link refusal in its own words, its
    /// placeholders filled (the link, the host), and each kind of refusal's explanation; none left in English.
    @Test func everyRefusalDetailIsInEveryLanguage() throws {
        let strings = try TestSupport.library().strings
        let link = "https://evil.example/p/1"
        let refusals: [LinkError] = [
            .empty, .tooLong(bytes: 3_000), .forbiddenCharacter(link: link, offset: 4, scalar: "U+0020"),
            .nonASCII(link: link, offset: 9, character: "é"), .notAbsolute(link: "pay/1"),
            .unsupportedScheme(link: "ftp://x/1", scheme: "ftp"), .plainHTTP(link: "http://x/1"),
            .credentials(link: "https://a:b@x/1"), .missingHost(link: "https:///1"),
            .hostNotAllowed(link: link, host: "evil.example", allowed: ["pay.example.com"]),
            .malformed(link: "https://[/1"),
        ]
        #expect(Set(refusals.map(\.message.key)) == Set(LinkError.messageKeys))
        for language in strings.languages {
            for refusal in refusals {
                let text = try #require(refusal.message.text(in: strings, language: language), "\(language)")
                #expect(!text.contains("{") && !text.contains("}"), "\(language): \(text)")
                if language != "en" {
                    #expect(text != refusal.message.text(in: strings, language: "en"), "\(language): \(text)")
                }
                if case .hostNotAllowed = refusal {
                    #expect(text.contains("evil.example") && text.contains("pay.example.com"))
                }
            }
            for code in StringCatalog.formErrors {
                let key = "form.detail.\(code)"
                let text = strings.text(key, language: language)
                #expect(
                    text != key && (language == "en" || text != strings.text(key, language: "en")),
                    "\(language) \(code)")
            }
        }
    }

    @Test func noPageKeepsAnEnglishTextItTranslates() async throws {
        let strings = try TestSupport.library().strings
        let english = strings.pageTexts(language: "en")
        try await ServerFixture.app().test(.router) { client in
            for language in strings.languages where language != "en" {
                let translated = strings.pageTexts(language: language)
                for page in Self.pages {
                    try await client.execute(
                        uri: page, method: .get, headers: [.acceptLanguage: "\(language),en;q=0.5"]
                    ) { response in
                        let html = String(buffer: response.body)
                        let direction = StringCatalog.isRightToLeft(language) ? "rtl" : "ltr"
                        #expect(
                            html.contains("<html lang=\"\(language)\" dir=\"\(direction)\">"), "\(language) \(page)")
                        let words = Self.ownWords(html)
                        for (key, text) in english where translated[key] != text && text.count > 3 {
                            // A word the language itself uses ("Name" in "Name des Geschäfts") is its own.
                            if translated.values.contains(where: { Self.containsWord($0, text) }) { continue }
                            let escaped = text.replacingOccurrences(of: "'", with: "&#39;")
                            #expect(
                                !Self.containsWord(words, text) && !Self.containsWord(words, escaped),
                                "\(language) \(page): English \"\(text)\" (\(key)) left in the page")
                        }
                    }
                }
            }
        }
    }

    @Test func theChoiceComesFromTheQueryTheCookieOrTheBrowser() async throws {
        try await ServerFixture.app().test(.router) { client in
            let setCookie = HTTPField.Name.setCookie
            try await client.execute(uri: "/?lang=ru", method: .get) { response in
                #expect(response.headers[setCookie]?.hasPrefix("qrdesk-lang=ru;") == true)
                let html = String(buffer: response.body)
                #expect(html.contains("<html lang=\"ru\" dir=\"ltr\">"))
                #expect(html.contains("Платёжный QR для стойки администратора"))
                // The card's own language stays its own choice.
                #expect(html.contains("<option value=\"en\" selected>English</option>"))
            }
            try await client.execute(uri: "/receipts", method: .get, headers: [.cookie: "qrdesk-lang=he"]) {
                #expect(String(buffer: $0.body).contains("<html lang=\"he\" dir=\"rtl\">"))
            }
            // The receipt form's kinds and methods in the words the receipt prints, their values the document's.
            try await client.execute(uri: "/receipts", method: .get, headers: [.acceptLanguage: "ru"]) {
                let html = String(buffer: $0.body)
                #expect(html.contains("<option value=\"service\" selected>Услуга</option>"))
                #expect(html.contains("<option value=\"card\" selected>Карта</option>"))
            }
            try await client.execute(
                uri: "/kits", method: .get, headers: [.acceptLanguage: "de-CH,de;q=0.9,en;q=0.8"]
            ) {
                #expect(String(buffer: $0.body).contains("<html lang=\"de\" dir=\"ltr\">"))
            }
            // A language qrdesk has no texts for, in any of the three, is English.
            try await client.execute(
                uri: "/?lang=xx", method: .get, headers: [.cookie: "qrdesk-lang=../../etc", .acceptLanguage: "sw"]
            ) { response in
                #expect(response.headers[setCookie] == nil)
                #expect(String(buffer: response.body).contains("<html lang=\"en\" dir=\"ltr\">"))
            }
            // A form's POST does not change the page's language: its `lang` is the card's.
            let form = ServerFixture.multipart([("link", ServerFixture.link), ("name", ""), ("lang", "ar")])
            try await client.execute(
                uri: "/cards/download", method: .post,
                headers: [.contentType: form.contentType, .acceptLanguage: "es"], body: form.body
            ) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<html lang=\"es\" dir=\"ltr\">") && response.headers[setCookie] == nil)
            }
        }
    }
}

import Foundation
import Testing
import TestSupport
@testable import QRDeskCore

@Suite("Templates")
struct TemplateLoadingTests {
    @Test func everyBundledTemplateLoads() throws {
        let library = try TestSupport.library()
        #expect(
            Set(library.cards.keys).isSuperset(of: [
                "counter-a5", "poster-a4", "poster-letter", "card-a6", "sticker-100",
            ]))
        let a5 = try library.card("counter-a5")
        #expect(abs(a5.pageSize.width - 419.53) < 0.01 && abs(a5.pageSize.height - 595.28) < 0.01)
        let letter = try library.card("poster-letter")
        #expect(letter.pageSize == Size(width: 612, height: 792))
        for language in ["en", "es", "de", "fr", "pt", "ru", "ar", "he"] {
            #expect(library.strings.hasLanguage(language), "missing strings for \(language)")
            #expect(library.strings.text("headline", language: language) != "headline")
        }
        #expect(library.strings.text("headline", language: "pt-BR") == library.strings.text("headline", language: "pt"))
    }

    /// Each `Fixtures/bad-templates/NAME.yaml` must be refused with a message containing `NAME.expected`.
    @Test func malformedTemplatesNameTheFileAndTheField() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/bad-templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
            .sorted()
        #expect(names.count >= 10)
        for name in names {
            let scratch = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent(name), to: scratch.appendingPathComponent(name))
            let expected = try String(
                contentsOf: folder.appendingPathComponent(name.replacingOccurrences(of: ".yaml", with: ".expected")),
                encoding: .utf8
            )
            .trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                _ = try TemplateLibrary.load(from: [scratch])
                Issue.record("\(name) loaded but should have been refused")
            } catch {
                let message = error.description
                #expect(message.contains(name), "\(name): message does not name the file: \(message)")
                #expect(message.contains(expected), "\(name): expected «\(expected)» in «\(message)»")
            }
        }
    }

    @Test func unknownTemplateListsTheKnownOnes() throws {
        let library = try TestSupport.library()
        #expect(throws: TemplateError.self) { try library.card("counter-a7") }
        do { _ = try library.card("counter-a7") } catch { #expect(error.description.contains("counter-a5")) }
    }
}

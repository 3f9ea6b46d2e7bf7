import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Render a counter card for one payment link.",
        discussion: """
        By default writes the colour PDF, the black-and-white PDF and the SVG of the A5 counter card to
        output/<business>/<template>-<variant>.<ext>. Every file is read back from its bytes and its QR checked
        module by module (and from the scan distance) before anything is written.
        """
    )

    @Option(help: "The payment link the QR opens (absolute https URL).") var link: String
    @Option(help: "The business name printed on the card.") var name: String
    @Option(help: ArgumentHelp("Template id (see `qrdesk templates`).", valueName: "ID")) var template = "counter-a5"
    @Option(help: ArgumentHelp("color, bw; repeatable or comma-separated.", valueName: "VARIANT")) var variant: [String] = []
    @Option(help: ArgumentHelp("pdf, svg, png; repeatable or comma-separated.", valueName: "FORMAT")) var format: [String] = []
    @Option(help: ArgumentHelp("Output folder; files go to DIR/<business>/.", valueName: "DIR")) var out = "output"
    @Option(help: "A line under the business name.") var tagline: String?
    @Option(help: "The address printed at the foot of the card.") var address: String?
    @Option(help: ArgumentHelp("Accent colour of the colour variant.", valueName: "#RRGGBB")) var accent: String?
    @Option(name: .customLong("qr-color"), help: ArgumentHelp("Module colour of the colour variant's QR (must be dark).", valueName: "#RRGGBB")) var qrColor: String?
    @Option(help: ArgumentHelp("A PNG logo.", valueName: "FILE.png")) var logo: String?
    @Option(help: ArgumentHelp("Language of the built-in texts: en, es, de, fr, pt, ru, ar, he …", valueName: "CODE")) var lang = "en"
    @Option(help: ArgumentHelp("Error correction level: L, M, Q or H. Default: the level that gives the largest modules, raised where that costs nothing.", valueName: "LEVEL")) var ecc: String?
    @Option(name: .customLong("scan-distance"), help: ArgumentHelp("How far clients stand from the printed code (e.g. 1m, 60cm); default: the template's.", valueName: "DISTANCE")) var scanDistance: String?
    @Option(help: "PNG resolution in dots per inch.") var dpi = 300
    @OptionGroup var linkOptions: LinkOptions
    @Flag(name: .customLong("no-verify"), help: "Skip reading each file back before writing it.") var noVerify = false
    @Flag(help: "Print a JSON list of the files written on standard output.") var json = false
    @OptionGroup var templateOptions: TemplateOptions

    func validate() throws {
        if let ecc, ErrorCorrectionLevel(letter: ecc) == nil { throw ValidationError("--ecc: expected L, M, Q or H, got \"\(ecc)\"") }
        if let problem = PrintResolution.dpiProblem(dpi) { throw ValidationError(problem) }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name must not be empty") }
        for (option, text, limit) in [("--name", name, PrintedText.shortLimit), ("--tagline", tagline, PrintedText.shortLimit),
                                      ("--address", address, PrintedText.longLimit)] {
            if let text, let problem = PrintedText.problem(with: text, limit: limit, multiline: true) {
                throw ValidationError("\(option) \(problem)")
            }
        }
    }

    func run() throws {
        let variants = try parseList(variant, as: Variant.self, option: "--variant")
        let formats = try parseList(format, as: OutputFormat.self, option: "--format")
        let accentColor = try parseColor(accent, option: "--accent")
        let qrDarkColor = try parseColor(qrColor, option: "--qr-color")
        let distance = try parseScanDistance(scanDistance)
        try reportingErrors {
            let library = try templateOptions.library()
            guard library.strings.hasLanguage(lang) else {
                throw fail("--lang: no texts for \"\(lang)\"; available: \(library.strings.languages.joined(separator: ", ")) (add templates/strings/\(lang).yaml)")
            }
            let paymentLink = try PaymentLink(link, policy: linkOptions.policy)
            var logoBytes: [UInt8]?
            if let logo {
                let bytes = try InputFile.read(URL(fileURLWithPath: logo), limit: PNGInfo.maximumFileBytes, displayName: logo)
                do throws(LayoutError) { _ = try PNGInfo.checkLogo(bytes) } catch { throw fail("--logo \(logo): \(error.description)") }
                logoBytes = bytes
            }
            let content = CardContent(businessName: name, tagline: tagline, address: address, link: paymentLink, language: lang,
                                      accent: accentColor, qrColor: qrDarkColor, logoPNG: logoBytes)
            var request = CardRequest(content: content, templateID: template, errorCorrection: ecc.flatMap(ErrorCorrectionLevel.init(letter:)),
                                      scanDistance: distance, dpi: dpi, verify: !noVerify)
            if !variants.isEmpty { request.variants = variants }
            if !formats.isEmpty { request.formats = formats }
            let renderer = CardRenderer(library: library)
            if let warning = try renderer.plan(for: request).warning { warn(warning) }
            let artifacts = try renderer.render(request)
            let folder = try OutputFolder(URL(fileURLWithPath: out))
            var written: [WrittenList.Entry] = []
            for artifact in artifacts {
                try folder.write(artifact.bytes, to: "\(Slug.make(name))/\(artifact.fileName)")
                let path = (out as NSString).appendingPathComponent("\(Slug.make(name))/\(artifact.fileName)")
                written.append(.init(path: path, template: artifact.templateID, variant: artifact.variant.rawValue,
                                     format: artifact.format.rawValue, bytes: artifact.bytes.count))
            }
            if json { WrittenList(artifacts: written).printJSON() } else { written.forEach { print($0.path) } }
        }
    }
}

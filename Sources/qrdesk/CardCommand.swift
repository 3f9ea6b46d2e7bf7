import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Render a counter card for one payment link or static payment code.",
        discussion: """
            By default writes the colour PDF, the black-and-white PDF and the SVG of the A5 counter card to
            output/<business>/<template>-<variant>.<ext>. Every file is read back from its bytes and its QR checked
            module by module (and from the scan distance) before anything is written.
            """
    )

    // The request's options: flags, help and defaults from `CardKeys`; `CardRequestDecoder` reads them.
    @Option(name: .customLong(CardKeys.link.flag), help: CardKeys.link.argumentHelp) var link: String?
    @Option(name: .customLong(CardKeys.payload.flag), help: CardKeys.payload.argumentHelp) var payload: String?
    @Option(
        name: .customLong("payload-file"),
        help: ArgumentHelp("Read the payload from a file (one final line break is not part of it).", valueName: "FILE"))
    var payloadFile: String?
    @Option(name: .customLong(CardKeys.name.flag), help: CardKeys.name.argumentHelp) var name: String
    @Option(name: .customLong(CardKeys.tagline.flag), help: CardKeys.tagline.argumentHelp) var tagline: String?
    @Option(name: .customLong(CardKeys.address.flag), help: CardKeys.address.argumentHelp) var address: String?
    @Option(name: .customLong(CardKeys.logo.flag), help: CardKeys.logo.argumentHelp) var logo: String?
    @OptionGroup var style: CardStyleOptions

    @Option(help: ArgumentHelp("Output folder; files go to DIR/<business>/.", valueName: "DIR")) var out = "output"
    @OptionGroup var linkOptions: LinkOptions
    @Flag(name: .customLong("no-verify"), help: "Skip reading each file back before writing it.") var noVerify = false
    @Flag(help: "Print a JSON list of the files written on standard output.") var json = false
    @OptionGroup var templateOptions: TemplateOptions

    /// The options given, keyed as the request's JSON.
    var requestValues: [String: String] {
        var values: [String: String] = [CardKeys.name.json: name]
        for (key, value) in [
            (CardKeys.link, link), (CardKeys.payload, payload), (CardKeys.tagline, tagline),
            (CardKeys.address, address),
            (CardKeys.logo, logo),
        ] {
            if let value { values[key.json] = value }
        }
        for (key, value) in style.given { values[key.json] = value }
        return values
    }

    func run() throws {
        try reportingErrors {
            let library = try templateOptions.library()
            var values = requestValues
            if let payloadFile {
                guard payload == nil else { throw fail("give --payload or --payload-file, not both") }
                values[CardKeys.payload.json] = try PayloadLintCommand.read(payloadFile)
            }
            var request: CardRequest
            do throws(RequestError) {
                request = try CardRequestDecoder(library: library, linkPolicy: linkOptions.policy, door: .commandLine)
                    .decode(CardRequestDecoder.textValues(values)) { path in
                        try InputFile.read(
                            URL(fileURLWithPath: path), limit: PNGInfo.maximumFileBytes, displayName: path)
                    }
            } catch {
                throw fail(error.description(for: .commandLine))
            }
            request.verify = !noVerify
            request.iccProfilePath = style.iccProfile
            if let profile = style.iccProfile { try CardRenderer.checkProfile(at: profile) }
            let renderer = CardRenderer(library: library)
            let plan = try renderer.plan(for: request)
            if let warning = plan.warning(naming: RequestDoor.commandLine.keyNaming) { warn(warning) }
            if request.content.code.scheme == .swiss {
                warn(
                    "a Swiss QR-bill's code is printed 46 mm square, as its standard says: "
                        + "\(formatDecimal(plan.moduleMillimetres, digits: 2)) mm modules, read from "
                        + "\(formatDecimal(plan.reachMetres, digits: 2)) m")
            }
            let artifacts = try renderer.render(request)
            let folder = try OutputFolder(URL(fileURLWithPath: out))
            var written: [WrittenList.Entry] = []
            let business = Slug.make(request.content.businessName)
            for artifact in artifacts {
                try folder.write(artifact.bytes, to: "\(business)/\(artifact.fileName)")
                let path = (out as NSString).appendingPathComponent("\(business)/\(artifact.fileName)")
                written.append(
                    .init(
                        path: path, template: artifact.templateID, variant: artifact.variant.rawValue,
                        format: artifact.format.rawValue, bytes: artifact.bytes.count))
            }
            if json { WrittenList(artifacts: written).printJSON() } else { written.forEach { print($0.path) } }
        }
    }
}

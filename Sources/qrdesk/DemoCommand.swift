import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Render the bundled example set (several businesses, languages and every template) into output/."
    )

    @Option(help: ArgumentHelp("Output folder.", valueName: "DIR")) var out = "output"
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        try reportingErrors {
            let library = try templateOptions.library()
            let renderer = CardRenderer(library: library)
            let started = Date()
            var jobs: [(DemoCatalog.Business, String)] = []
            for business in DemoCatalog.businesses {
                for template in business.templates { jobs.append((business, template)) }
            }
            let results = ParallelMap.run(jobs) { business, template -> Result<[String], Error> in
                Result {
                    let content = CardContent(businessName: business.name, tagline: business.tagline, address: business.address,
                                              link: try PaymentLink(business.link), language: business.language,
                                              accent: business.accent.flatMap(RGBColor.init(hex:)))
                    var request = CardRequest(content: content, templateID: template)
                    request.formats = [.pdf, .svg, .png]
                    let folder = URL(fileURLWithPath: out).appendingPathComponent(Slug.make(business.name))
                    return try renderer.render(request).map { artifact in
                        try AtomicFileWriter.write(artifact.bytes, to: folder.appendingPathComponent(artifact.fileName))
                        return "\(out)/\(Slug.make(business.name))/\(artifact.fileName)"
                    }
                }
            }
            var count = 0
            for result in results {
                let paths = try result.get()
                paths.forEach { print($0) }
                count += paths.count
            }
            print("demo: \(count) cards for \(DemoCatalog.businesses.count) businesses in \(String(format: "%.1f", Date().timeIntervalSince(started))) s, every QR decoded before writing")
        }
    }
}

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
                    let content = CardContent(
                        businessName: business.name, tagline: business.tagline, address: business.address,
                        link: try PaymentLink(business.link), language: business.language,
                        accent: business.accent.flatMap(RGBColor.init(hex:)))
                    var request = CardRequest(content: content, templateID: template)
                    request.formats = [.pdf, .svg, .png]
                    return try write(renderer.render(request), into: Slug.make(business.name))
                }
            }
            let count = try printPaths(results)
            let receipts = try renderReceipts(library: library)
            print(
                "demo: \(count) cards for \(DemoCatalog.businesses.count) businesses and \(receipts) receipt files in "
                    + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s, every file read back and its "
                    + "QR checked before writing"
            )
        }
    }

    /// Every example in `examples/receipts/` on the 80 mm roll (PDF and 1-bit PNG), the 58 mm roll and A4.
    private func renderReceipts(library: TemplateLibrary) throws -> Int {
        guard let examples = TemplateLocator.examplesDirectory()?.appendingPathComponent("receipts") else { return 0 }
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".json") }
            .sorted()
        let renderer = ReceiptRenderer(library: library)
        let jobs = names.flatMap { name in
            [("receipt-80mm", [OutputFormat.pdf, .png]), ("receipt-58mm", [.pdf]), ("receipt-a4", [.pdf])].map {
                (name, $0.0, $0.1)
            }
        }
        let results = ParallelMap.run(jobs) { name, template, formats -> Result<[String], Error> in
            Result {
                let file = examples.appendingPathComponent(name)
                let text = try String(contentsOf: file, encoding: .utf8)
                let receipt = try ReceiptReader.parse(text, file: "examples/receipts/\(name)")
                return try write(
                    renderer.render(ReceiptRequest(receipt: receipt, templateID: template, formats: formats)),
                    into: "receipts")
            }
        }
        return try printPaths(results)
    }

    /// Writes artifacts into `out/folder` and returns their paths.
    private func write(_ artifacts: [Artifact], into folder: String) throws -> [String] {
        let output = try OutputFolder(URL(fileURLWithPath: out))
        return try artifacts.map { artifact in
            try output.write(artifact.bytes, to: "\(folder)/\(artifact.fileName)")
            return "\(out)/\(folder)/\(artifact.fileName)"
        }
    }

    /// Prints every path in input order (the first error stops the demo) and counts them.
    private func printPaths(_ results: [Result<[String], Error>]) throws -> Int {
        var count = 0
        for result in results {
            let paths = try result.get()
            paths.forEach { print($0) }
            count += paths.count
        }
        return count
    }
}

import Foundation
import QRDesk
import QRDeskCore

/// `make bench`: per-artifact render times from a release build, on rows shaped like the C floor's
/// (`id,name,url`, 61-byte links), so the two can be quoted side by side from the same sitting.
@main
struct BenchmarkMain {
    static func main() throws {
        let options = Options(CommandLine.arguments.dropFirst())
        if let (count, path) = options.writeRows {
            let text =
                "id,name,link\n" + Rows.generate(count: count).map { "\($0.id),\($0.name),\($0.link)\n" }.joined()
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let rows = try options.rowsFile.map(Rows.read) ?? Rows.generate(count: options.count)
        let library = try TemplateLocator.library()
        let renderer = CardRenderer(library: library)
        print(
            "# qrdesk bench: \(rows.count) rows, template counter-a5 (A5), release build, one thread; per-item medians")
        print(Report.header)

        func measure(
            _ label: String, count: Int, variants: [Variant], formats: [OutputFormat], verify: Bool = true,
            perArtifact: Bool = true, press: Bool = false
        ) throws {
            if let only = options.only, !label.hasPrefix(only) { return }
            var samples: [Double] = []
            let sample = Array(rows.prefix(count))
            let started = ContinuousClock.now
            for row in sample {
                var request = CardRequest(
                    content: CardContent(businessName: row.name, link: try PaymentLink(row.link)),
                    variants: variants, formats: formats, verify: verify)
                request.templateID = "counter-a5"
                if press { request.press = PressSettings() }
                let begin = ContinuousClock.now
                let artifacts = try renderer.render(request)
                let elapsed = (ContinuousClock.now - begin).seconds
                samples.append(perArtifact ? elapsed / Double(artifacts.count) : elapsed)
            }
            Report(label: label, samples: samples, total: (ContinuousClock.now - started).seconds).print()
        }

        let n = rows.count, pngCount = max(1, n / 10)
        try measure("pdf color (verified)", count: n, variants: [.color], formats: [.pdf])
        try measure("pdf bw (verified)", count: n, variants: [.bw], formats: [.pdf])
        try measure("svg color (verified)", count: n, variants: [.color], formats: [.svg])
        try measure("pdf color (no verify)", count: n, variants: [.color], formats: [.pdf], verify: false)
        try measure("svg color (no verify)", count: n, variants: [.color], formats: [.svg], verify: false)
        try measure("kit: pdf+pdf bw+svg, per artifact", count: n, variants: [.color, .bw], formats: [.pdf, .svg])
        try measure(
            "kit: pdf+pdf bw+svg, per card", count: n, variants: [.color, .bw], formats: [.pdf, .svg],
            perArtifact: false)
        // The press file's own cost is this less "pdf color (verified)".
        try measure(
            "pdf color + press (verified), per card", count: n, variants: [.color], formats: [.pdf], perArtifact: false,
            press: true)
        try measure("png color 300 dpi (verified)", count: pngCount, variants: [.color], formats: [.png])
        try measure("png bw 300 dpi 1-bit (verified)", count: pngCount, variants: [.bw], formats: [.png])
        try measureReceipts(library: library, options: options)
        print("peak memory (VmHWM): \(PeakMemory.megabytes()) MB")
    }
}

/// Receipt render times per template and format, on the bundled partly-paid example (balance QR verified).
func measureReceipts(library: TemplateLibrary, options: Options) throws {
    guard let examples = TemplateLocator.examplesDirectory()?.appendingPathComponent("receipts/partial-usd-en.json")
    else { return }
    let receipt = try ReceiptReader.parse(
        try String(contentsOf: examples, encoding: .utf8), file: "partial-usd-en.json")
    let renderer = ReceiptRenderer(library: library)
    let count = max(20, min(200, options.count / 5))
    for (template, format) in [
        ("receipt-80mm", OutputFormat.pdf), ("receipt-80mm", .png), ("receipt-80mm", .svg), ("receipt-58mm", .png),
        ("receipt-a4", .pdf),
    ] {
        let label = "receipt \(template) \(format.rawValue) (verified)"
        if let only = options.only, !label.hasPrefix(only) { continue }
        var samples: [Double] = []
        let started = ContinuousClock.now
        for _ in 0..<count {
            let begin = ContinuousClock.now
            _ = try renderer.render(ReceiptRequest(receipt: receipt, templateID: template, formats: [format]))
            samples.append((ContinuousClock.now - begin).seconds)
        }
        Report(label: label, samples: samples, total: (ContinuousClock.now - started).seconds).print()
    }
}

struct Options {
    var count = 1000
    var rowsFile: String?
    var writeRows: (Int, String)?
    /// Runs only the measurements whose label starts with this.
    var only: String?

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--rows": rowsFile = iterator.next()
            case "--only": only = iterator.next()
            case "--write-rows":
                if let count = iterator.next().flatMap(Int.init), let path = iterator.next() {
                    writeRows = (count, path)
                }
            default: if let value = Int(argument) { count = value }
            }
        }
    }
}

struct Row { let id, name, link: String }

enum Rows {
    /// Rows like the floor's `gen-rows.py`: `salon-0042`, `Salon Example 0042 Downtown`, a 61-byte link.
    static func generate(count: Int) -> [Row] {
        var state: UInt64 = 42
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return (1...count).map { index in
            let token = String(
                (0..<20).map { _ -> Character in
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    return alphabet[Int(state >> 33) % alphabet.count]
                })
            let number = String(format: "%04d", index)
            return Row(
                id: "salon-\(number)", name: "Salon Example \(number) Downtown",
                link: "https://pay.example.com/p/\(token)?loc=salon-\(number)")
        }
    }

    /// A plain `id,name,url` file (no quoted fields), as the floor's generator writes.
    static func read(_ path: String) throws -> [Row] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", maxSplits: 2).map(String.init)
            return Row(id: fields[0], name: fields[1], link: fields[2])
        }
    }
}

struct Report {
    static let header = "label                                  n      median_ms   p90_ms   items_per_s"
    let label: String
    let samples: [Double]
    let total: Double

    func print() {
        let sorted = samples.sorted()
        let median = sorted[sorted.count / 2] * 1000, p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)] * 1000
        let rate = Double(samples.count) / total
        Swift.print(
            label.padding(toLength: 38, withPad: " ", startingAt: 0),
            String(samples.count).padding(toLength: 6, withPad: " ", startingAt: 0),
            String(format: "%9.2f  %7.2f  %10.1f", median, p90, rate))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct PreflightCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Check PDFs as a print shop does (PDF/X-1a or X-4), and every QR code on them at the trim.",
        discussion: """
            Reads any PDF, not only qrdesk's. Each broken rule is reported with its id, its page and the fix:
            pdfx-id, output-intent, trapped, boxes, colour-space, transparency, fonts, hairline, image-resolution,
            bleed, safe-margin, rich-black, and for each QR code qr-module, qr-quiet-zone (4 light modules inside the
            trim) and qr-scan-distance. --profile qr-only checks an office PDF's codes alone.
            Exit status: 0 when every file passes, 1 when a rule fails, 2 when a file cannot be read.
            """
    )

    @Argument(help: ArgumentHelp("PDF files to check.", valueName: "FILE")) var files: [String]
    @Option(help: ArgumentHelp("x1a, x4 or qr-only.", valueName: "PROFILE")) var profile: PreflightProfile = .x1a
    @Option(
        name: .customLong("min-module"),
        help: ArgumentHelp("Smallest QR module in millimetres. Default: 0.5.", valueName: "MM"))
    var minModule: Double = QRModuleRule.printFloorMillimetres
    @Option(
        name: .customLong(CardKeys.scanDistance.flag),
        help: ArgumentHelp("Fail when a code does not read from this far (e.g. 1m).", valueName: "DISTANCE"),
        transform: ArgumentValues.scanDistance)
    var scanDistance: ScanDistance?
    @Option(
        name: .customLong("safe-margin"),
        help: ArgumentHelp(
            "How far text and codes must stay inside the trim, in millimetres. Default: 3.", valueName: "MM"))
    var safeMargin: Double = PressSettings.safeMarginMillimetres
    @Flag(help: "Print the reports as JSON.") var json = false

    func validate() throws {
        if !(minModule.isFinite && minModule > 0 && minModule <= 100) {
            throw ValidationError("--min-module: expected millimetres between 0 and 100, such as 0.5")
        }
        if !(safeMargin.isFinite && safeMargin >= 0 && safeMargin <= 50) {
            throw ValidationError("--safe-margin: expected millimetres from 0 to 50, such as 3")
        }
    }

    func run() throws {
        let preflight = Preflight(
            profile: profile, minimumModuleMillimetres: minModule, scanDistance: scanDistance,
            safeMarginMillimetres: safeMargin)
        let reports = ParallelMap.run(files) { file in
            do {
                let bytes = try InputFile.read(
                    URL(fileURLWithPath: file), limit: Preflight.maximumFileBytes, displayName: file)
                return preflight.check(bytes, name: file)
            } catch {
                return PreflightReport(
                    file: file, profile: profile, pages: 0, codes: [], findings: [],
                    unreadable: (error as? FileError)?.reason ?? "\(error)")
            }
        }
        if json { printJSON(reports) } else { reports.forEach(printText) }
        if reports.contains(where: { $0.unreadable != nil }) { throw ExitCode(2) }
        if !reports.allSatisfy(\.passed) { throw ExitCode(1) }
    }

    func printText(_ report: PreflightReport) {
        if let unreadable = report.unreadable {
            print("\(report.file): UNREADABLE: \(unreadable)")
            return
        }
        print("\(report.file): \(report.passed ? "passes" : "FAILS") \(report.profile.rawValue)")
        for finding in report.findings { print("  ✗ \(finding)") }
        for note in report.notes { print("  note: \(note)") }
        for code in report.codes {
            var facts: [String] = []
            if let module = code.moduleMillimetres { facts.append("\(formatDecimal(module, digits: 2)) mm modules") }
            if let quiet = code.quietZoneInsideTrim { facts.append("quiet zone \(quiet) inside the trim") }
            if let distance = code.ratedDistanceMetres {
                facts.append("reads from \(formatDecimal(distance, digits: 2)) m")
            }
            print("  page \(code.page): \(code.payload)\(facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))")")
        }
    }

    func printJSON(_ reports: [PreflightReport]) {
        qrdesk.printJSON(FileReports(passed: reports.allSatisfy(\.passed), files: reports))
    }
}

extension PreflightProfile: ExpressibleByArgument {}

import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Find, measure and check every QR code in PDF, SVG, PNG or JPEG files, or in a whole kit.",
        discussion: """
            Reads any file, not only qrdesk's: every page of a PDF, an SVG, a PNG, or a JPEG photo of a printed card.
            For each code: payload, version, error correction, module size in mm (from the file's physical size),
            quiet zone, contrast, and the distance a phone reads it from. A quiet zone under 4 modules always fails;
            the options add gates. --manifest re-checks a batch kit: every file present, its SHA-256 as recorded, and
            every card scanning as its recorded link. Exit status 0 when everything passes, 1 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("Files to check.", valueName: "FILE")) var files: [String] = []
    @Option(help: ArgumentHelp("Re-check every file of a kit against its manifest.", valueName: "manifest.json"))
    var manifest: String?
    @Option(help: ArgumentHelp("Fail unless every code scans as exactly this.", valueName: "URL")) var expect: String?
    @Option(
        name: .customLong("allowed-host"),
        help: ArgumentHelp("Fail when any link points to another host; repeatable.", valueName: "HOST"))
    var allowedHosts: [String] = []
    @Option(
        name: .customLong("allowed-payee"),
        help: ArgumentHelp(
            "Fail when a payment code pays any other account (PIX key, IBAN, VPA, proxy); repeatable.",
            valueName: "ACCOUNT"))
    var allowedPayees: [String] = []
    @Option(
        name: .customLong("min-module"),
        help: ArgumentHelp("Fail when a module is smaller than this many millimetres.", valueName: "MM"))
    var minModule: Double?
    @Option(
        name: .customLong(CardKeys.scanDistance.flag),
        help: ArgumentHelp("Fail when a code does not read from this far (e.g. 1m).", valueName: "DISTANCE"),
        transform: ArgumentValues.scanDistance)
    var scanDistance: ScanDistance?
    @Flag(help: "Print the reports as JSON.") var json = false

    func validate() throws {
        guard !files.isEmpty || manifest != nil else {
            throw ValidationError("name at least one FILE, or --manifest kit/manifest.json")
        }
        if let minModule, !(minModule.isFinite && minModule > 0 && minModule <= 100) {
            throw ValidationError("--min-module: expected millimetres between 0 and 100, such as 0.5")
        }
    }

    func run() throws {
        let gates = AuditGates(
            expect: expect, allowedHosts: allowedHosts, allowedPayees: allowedPayees,
            minimumModuleMillimetres: minModule,
            scanDistance: scanDistance)
        let reports = try reportingErrors { () throws -> [FileAuditReport] in
            var reports: [FileAuditReport] = []
            if let manifest {
                reports += try ManifestAudit(gates: gates).audit(
                    manifestAt: URL(fileURLWithPath: manifest), displayName: manifest)
            }
            let audit = FileAudit(gates: gates)
            reports += ParallelMap.run(files) { file in
                do {
                    let bytes = try InputFile.read(
                        URL(fileURLWithPath: file), limit: FileAudit.maximumFileBytes, displayName: file)
                    return audit.audit(bytes, name: file)
                } catch {
                    return FileAuditReport(
                        file: file, kind: "unknown", pages: 0, codes: [],
                        problems: [(error as? FileError)?.reason ?? "\(error)"])
                }
            }
            return reports
        }
        if json { printJSON(reports) } else { reports.forEach(printText) }
        if !reports.allSatisfy({ $0.passed }) { throw ExitCode(1) }
    }

    func printText(_ report: FileAuditReport) {
        print("\(report.file): \(report.passed ? "ok" : "FAILED")")
        for problem in report.problems { print("  ✗ \(problem)") }
        for code in report.codes {
            var facts: [String] = []
            if let version = code.version, let modules = code.modules {
                facts.append("version \(version)\(code.errorCorrection.map { "-\($0)" } ?? ""), \(modules) modules")
            }
            if let module = code.moduleMillimetres { facts.append("\(formatDecimal(module, digits: 2)) mm modules") }
            if let quiet = code.quietZoneModules {
                facts.append(
                    "quiet zone \(quiet)\(quiet >= QRGridReader.quietZoneCountLimit ? "+" : "") "
                        + "module\(quiet == 1 ? "" : "s")"
                )
            }
            if let contrast = code.contrastRatio { facts.append("contrast \(formatDecimal(contrast, digits: 1)):1") }
            if let distance = code.ratedDistanceMetres {
                facts.append("reads from \(formatDecimal(distance, digits: 2)) m")
            }
            if code.wrongModules == 0 { facts.append("every module as encoded") }
            let page = report.pages > 1 ? "page \(code.page): " : ""
            let scheme = code.scheme.flatMap(PaymentScheme.init(rawValue:)).map { "\($0.title): " } ?? ""
            print("  \(page)\(scheme)\(code.payload)")
            if !facts.isEmpty { print("    \(facts.joined(separator: ", "))") }
            for problem in code.problems { print("    ✗ \(problem)") }
        }
    }

    func printJSON(_ reports: [FileAuditReport]) {
        qrdesk.printJSON(FileReports(passed: reports.allSatisfy(\.passed), files: reports))
    }
}

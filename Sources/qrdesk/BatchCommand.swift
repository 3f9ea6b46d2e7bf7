import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Render a whole print kit from a CSV, YAML or JSON list, on every core.",
        discussion: """
            Card rows need id, name and link (optional: the other columns of docs/batch.md, the `card` options' names);
            receipt rows need id and receipt (a JSON file beside the list). Files go to
            DIR/<id>/, with DIR/manifest.json listing every file and its SHA-256. Bad rows are reported and
            skipped; the exit status is 1 if any row failed. Re-running rewrites only what changed, and finishes
            a run that was interrupted. The card options below (--template, --lang, --accent …) are the default of
            every card row; a row's own cell wins. See docs/batch.md and docs/ci.md.
            """
    )

    @Argument(help: ArgumentHelp("The list: .csv, .yaml/.yml or .json.", valueName: "LIST")) var list: String
    @Option(help: ArgumentHelp("Output folder.", valueName: "DIR")) var out = "output/batch"
    @Option(help: "Parallel jobs (default: every core).") var jobs = ProcessInfoCores.count
    @Option(
        help: ArgumentHelp(
            "Render only shard K of N (stable by id), for CI matrix jobs; auto/N takes K from a Kubernetes Indexed Job "
                + "(JOB_COMPLETION_INDEX) or an AWS Batch array job (AWS_BATCH_JOB_ARRAY_INDEX).",
            valueName: "K/N"),
        transform: { text in
            switch Shard.parse(text, environment: ProcessInfo.processInfo.environment) {
            case let .success(shard): return shard
            case let .failure(error): throw ValidationError(error.description)
            }
        })
    var shard: Shard?
    @Flag(help: "Write nothing; exit 1 if any artifact is missing or stale.") var check = false
    @Option(help: ArgumentHelp("Also pack the artifacts and manifest into this zip.", valueName: "kit.zip")) var bundle:
        String?
    @Option(
        help: ArgumentHelp(
            "Also impose the cards on press sheets with bleed and crop marks: a4, a3, sra3, letter, tabloid.",
            valueName: "SHEET")) var sheet: String?
    @Option(help: ArgumentHelp("Cards per press sheet (with --sheet).", valueName: "N")) var nup = 4
    // Defaults for every card row's columns (a row's own value wins); `--dpi` is the receipts' resolution too.
    @OptionGroup var style: CardStyleOptions
    @Option(
        name: .customLong("print"),
        help: ArgumentHelp(
            "Also print every receipt row on this printer, in list order: tcp://HOST[:PORT], cups:QUEUE or file:PATH.",
            valueName: "URI"))
    var printer: String?
    @OptionGroup var linkOptions: LinkOptions
    @Flag(name: .customLong("no-verify"), help: "Skip reading each file back before writing it.") var noVerify = false
    @Flag(help: "No progress output.") var quiet = false
    @OptionGroup var templateOptions: TemplateOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let scanDistance = style.scanDistance { _ = try ArgumentValues.scanDistance(scanDistance) }
        if let sheet, Imposition.sheets[sheet.lowercased()] == nil {
            throw ValidationError(
                "--sheet: expected one of \(Imposition.sheets.keys.sorted().joined(separator: ", ")), got \"\(sheet)\"")
        }
        guard (1...64).contains(nup) else { throw ValidationError("--nup: expected 1 to 64, got \(nup)") }
        if let printer {
            guard !check else {
                throw ValidationError("--print and --check do not go together: --check writes and prints nothing")
            }
            _ = try PrinterURI(printer)
        }
    }

    func run() throws {
        try reportingErrors {
            let extra = templateOptions.templateDirectories.map { URL(fileURLWithPath: $0) }
            let library = try templateOptions.library()
            let directories = (TemplateLocator.bundledDirectory().map { [$0] } ?? []) + extra
            var defaults: [String: String] = [:]
            for (key, value) in style.given where key != CardKeys.dpi { defaults[key.column] = value }
            let listURL = URL(fileURLWithPath: list)
            let batchList = try BatchList.read(listURL, displayName: list)
            if !batchList.noteColumns.isEmpty {
                printError("\(list): skipping note columns: \(batchList.noteColumns.joined(separator: ", "))")
            }
            let creationDate = ReproducibleDate.current()
            var planner = BatchPlanner(
                library: library, libraryFingerprint: BatchPlanner.fingerprint(ofTemplatesIn: directories),
                commandLineDefaults: defaults, linkPolicy: linkOptions.policy,
                verify: !noVerify, dpi: try ArgumentValues.dpi(style.dpi), creationDate: creationDate)
            planner.printsReceipts = printer != nil
            planner.iccProfilePath = style.iccProfile
            if let profile = style.iccProfile { try CardRenderer.checkProfile(at: profile) }
            let settings = BatchSettings(
                outputDirectory: URL(fileURLWithPath: out), jobs: jobs, shard: shard, quiet: quiet,
                sheet: sheet, cardsPerSheet: nup)
            let runner = BatchRunner(list: batchList, planner: planner, settings: settings)
            if check {
                let report = runner.check()
                report.failures.forEach { printError($0.description) }
                report.stale.forEach { printError("stale: \($0)") }
                print(
                    "check: \(report.rowsSelected) rows, \(report.artifactCount) artifacts up to date, "
                        + "\(report.stale.count) missing or stale, \(report.failures.count) rows failing"
                )
                if !report.stale.isEmpty || !report.failures.isEmpty { throw ExitCode(1) }
                return
            }
            let report = try runner.run()
            report.failures.forEach { printError($0.description) }
            report.notes.forEach { printError("note: \($0)") }
            if let problem = report.manifestError { throw fail("\(report.failures.count) rows failed; \(problem)") }
            var printingFailed = false
            if let printer {
                let outcome = try ReceiptRun(printer: ReceiptPrinter()).print(
                    try report.loadManifest(), from: settings.outputDirectory, to: try PrinterURI(printer))
                for receipt in outcome.printed {
                    print("print: row \(receipt.row) (id \(receipt.id)): \(receipt.bytes) bytes accepted by \(printer)")
                }
                if let failure = outcome.failure {
                    printingFailed = true
                    printError("row \(failure.row) (id \(failure.id)): not printed: \(failure.error)")
                    outcome.notSent.forEach {
                        printError("row \($0.row) (id \($0.id)): not printed: printing stopped at row \(failure.row)")
                    }
                }
            }
            if let bundle {
                let epoch = ReproducibleDate.epochSeconds()
                try PrintKitBundle.write(
                    manifest: try report.loadManifest(), manifestName: BatchRunner.manifestName(for: settings.shard),
                    from: settings.outputDirectory, to: URL(fileURLWithPath: bundle), epochSeconds: epoch)
            }
            let rate = Double(report.rowsRendered) / max(report.seconds, 0.001)
            print(
                "batch: \(report.rowsSelected) rows: \(report.rowsRendered) rendered, \(report.rowsUnchanged) "
                    + "unchanged, \(report.failures.count) failed; "
                    + "\(report.filesWritten) files written, \(report.filesUnchanged) unchanged; "
                    + "\(String(format: "%.1f", report.seconds)) s "
                    + "(\(String(format: "%.1f", rate)) rows/s, "
                    + "\(String(format: "%.1f", Double(report.filesWritten) / max(report.seconds, 0.001))) "
                    + "files/s), "
                    + "peak memory \(PeakMemory.megabytes()) MB; manifest "
                    + "\(out)/\(BatchRunner.manifestName(for: settings.shard))\(bundle.map { "; bundle \($0)" } ?? "")"
            )
            if !report.failures.isEmpty || printingFailed { throw ExitCode(1) }
        }
    }
}

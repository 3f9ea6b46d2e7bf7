import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct PayloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payload",
        abstract:
            "Build and lint static payment codes: PIX, PromptPay, PayNow, VietQR, EPC, Swiss QR-bill, SPAYD, UPI.",
        subcommands: [PayloadBuildCommand.self, PayloadLintCommand.self, PayloadBillCommand.self]
    )
}

/// The JSON both subcommands print: what the payload is, its fields in payload order, and every problem.
struct PayloadJSON: Encodable {
    struct Field: Encodable { var name: String; var value: String }
    struct Problem: Encodable { var field: String; var code: String; var message: String; var severity: String }
    var scheme: String?
    var payload: String?
    var fields: [Field]
    var problems: [Problem]

    init(scheme: PaymentScheme?, payload: String?, fields: [PayloadFieldValue], problems: [PayloadProblem]) {
        self.scheme = scheme?.rawValue
        self.payload = payload
        self.fields = fields.map { Field(name: $0.name, value: $0.value) }
        self.problems = problems.map {
            Problem(field: $0.field, code: $0.code, message: $0.message, severity: $0.severity.rawValue)
        }
    }

    func print() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(self) { Swift.print(String(decoding: data, as: UTF8.self)) }
    }
}

struct PayloadBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Print a scheme's payload exactly, then one newline.",
        discussion: "Fields per scheme (amounts are decimals in the currency's own digits):\n\n"
            + PaymentScheme.buildable.map { scheme in
                "\(scheme.rawValue) (\(scheme.title)):\n"
                    + scheme.fields.map { field in
                        let value = field.valueName.map { " \($0)" } ?? ""
                        let need = field.required ? " (required)" : field.group.map { _ in " (one of a group)" } ?? ""
                        return "  --\(field.name)\(value)  \(field.help)\(need)"
                    }.joined(separator: "\n")
            }.joined(separator: "\n\n")
    )

    @Argument(
        help: ArgumentHelp(
            "One of: \(PaymentScheme.buildable.map(\.rawValue).joined(separator: ", ")).", valueName: "SCHEME"))
    var scheme: String
    @Flag(help: "Print the payload, its fields and any warnings as JSON.") var json = false
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "The scheme's fields: --FIELD VALUE …",
            valueName: "FIELD"))
    var fieldArguments: [String] = []

    func validate() throws {
        guard let scheme = PaymentScheme(rawValue: scheme.lowercased()), PaymentScheme.buildable.contains(scheme) else {
            let names = PaymentScheme.buildable.map(\.rawValue)
            let suggestion = Suggestion.closest(to: scheme, in: names).map { " (did you mean \($0)?)" } ?? ""
            throw ValidationError(
                "no scheme \"\(Excerpt.of(scheme, limit: 20))\"\(suggestion); "
                    + "use one of \(names.joined(separator: ", "))"
            )
        }
    }

    func run() throws {
        guard let scheme = PaymentScheme(rawValue: scheme.lowercased()) else { throw ExitCode(64) }
        let values = try Self.fieldValues(fieldArguments, scheme: scheme)
        let payload: SchemePayload
        do throws(PayloadError) { payload = try PayloadBuilder.build(scheme, values) } catch {
            if json {
                PayloadJSON(scheme: scheme, payload: nil, fields: [], problems: error.problems).print()
                throw ExitCode(1)
            }
            for problem in error.problems where problem.isError {
                printError("payload build \(scheme.rawValue): --\(problem.field): \(problem.message)")
            }
            throw ExitCode(1)
        }
        if json {
            PayloadJSON(
                scheme: scheme, payload: payload.text, fields: payload.report.fields, problems: payload.warnings
            ).print()
        } else {
            try FileHandle.standardOutput.write(contentsOf: Data((payload.text + "\n").utf8))
            for warning in payload.warnings { warn("\(warning.field): \(warning.message)") }
        }
    }

    /// `--name Studio --editable --amount=12.50` → name, editable = "true", amount. A switch takes no value; any
    /// other field takes the next argument (or the text after `=`).
    static func fieldValues(_ arguments: [String], scheme: PaymentScheme) throws -> SchemeFieldValues {
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw ValidationError("expected a field such as --name, got \"\(Excerpt.of(argument, limit: 20))\"")
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            let isSwitch = scheme.fields.first { $0.name == name }?.isSwitch ?? false
            if value == nil {
                if isSwitch {
                    value = "true"
                } else {
                    guard index + 1 < arguments.count else { throw ValidationError("--\(name) needs a value") }
                    index += 1
                    value = arguments[index]
                }
            }
            guard values[name] == nil else { throw ValidationError("--\(name) is given twice") }
            values[name] = value
            index += 1
        }
        return SchemeFieldValues(values)
    }
}

struct PayloadLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Recognise a payload's scheme and report every problem with its field and the fix.",
        discussion: """
            Exit status 0 when the payload is clean (warnings allowed), 1 when a problem is found, 2 when the input \
            cannot be read. A file or standard input may end with one line break, which is not part of the payload.
            """
    )

    /// A payload file holds one code: a Swiss bill is at most 997 characters, so 64 KiB is generous.
    static let maximumFileBytes = 64 * 1024

    @Argument(help: ArgumentHelp("The payload itself.", valueName: "PAYLOAD")) var payload: String?
    @Option(help: ArgumentHelp("Read the payload from a file; - reads standard input.", valueName: "FILE"))
    var file: String?
    @Flag(help: "Print the scheme, fields and problems as JSON.") var json = false

    func validate() throws {
        guard (payload == nil) != (file == nil) else {
            throw ValidationError("give the PAYLOAD or --file FILE (- for standard input), one of the two")
        }
    }

    func run() throws {
        let text: String
        do { text = try payload ?? Self.read(file ?? "-") } catch {
            printError("payload lint: \(error)")
            throw ExitCode(2)
        }
        let report = PayloadLinter.lint(text)
        if json {
            PayloadJSON(scheme: report.scheme, payload: text, fields: report.fields, problems: report.problems).print()
        } else {
            let scheme = report.scheme?.title ?? "unknown scheme"
            print(report.isClean ? "ok: \(scheme)" : "FAILED: \(scheme)")
            for field in report.fields { print("  \(field.name): \(Excerpt.of(field.value, limit: 80))") }
            for problem in report.problems {
                print("  \(problem.isError ? "✗" : "!") \(problem.field): \(problem.message) [\(problem.code)]")
            }
        }
        if !report.isClean { throw ExitCode(1) }
    }

    /// The file's (or standard input's) text, without one final line break.
    static func read(_ path: String) throws -> String {
        let bytes: [UInt8]
        if path == "-" {
            let data = try FileHandle.standardInput.read(upToCount: maximumFileBytes + 1) ?? Data()
            guard data.count <= maximumFileBytes else {
                throw FileError(path: "standard input", reason: "is larger than \(maximumFileBytes) bytes")
            }
            bytes = Array(data)
        } else {
            bytes = try InputFile.read(URL(fileURLWithPath: path), limit: maximumFileBytes, displayName: path)
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw FileError(path: path == "-" ? "standard input" : path, reason: "is not UTF-8 text")
        }
        if text.hasSuffix("\r\n") { text.removeLast() } else if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

struct PayloadBillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bill",
        abstract: "Draw a Swiss QR-bill's payment part (receipt and payment part at the foot of an A4 page).",
        discussion: """
            The code 46 mm square with the Swiss cross, headings in English, German, French or Italian, the \
            perforation with its scissors; each file read back from its bytes before it is written to \
            DIR/swiss-qr-bill-<lang>.<ext>.
            """
    )

    @Option(help: ArgumentHelp("The Swiss QR-bill's code (SPC …).", valueName: "PAYLOAD")) var payload: String?
    @Option(
        name: .customLong("payload-file"),
        help: ArgumentHelp("Read the code from a file (one final line break is not part of it).", valueName: "FILE"))
    var payloadFile: String?
    @Option(help: ArgumentHelp("en, de, fr or it.", valueName: "CODE")) var lang = "en"
    @Option(help: ArgumentHelp("pdf, svg, png; comma-separated.", valueName: "FORMAT")) var format = "pdf"
    @Option(help: ArgumentHelp("Output folder.", valueName: "DIR")) var out = "output"

    func validate() throws {
        guard (payload == nil) != (payloadFile == nil) else {
            throw ValidationError("give --payload or --payload-file, one of the two")
        }
    }

    func run() throws {
        try reportingErrors {
            let text = try payload ?? PayloadLintCommand.read(payloadFile ?? "-")
            let code: SchemePayload
            do throws(PayloadError) { code = try SchemePayload(text: text) } catch {
                throw fail("--payload: \(error.description)")
            }
            let formats: [OutputFormat]
            switch ChoiceList.parse([format], allowed: CardKeys.cardFormats) {
            case let .success(values): formats = values
            case let .failure(error): throw fail("--format: \(error.description)")
            }
            let artifacts: [Artifact]
            do { artifacts = try SwissBillRenderer().render(code, language: lang, formats: formats) } catch let error
                as RequestError
            {
                throw fail(error.description(for: .commandLine))
            }
            let folder = try OutputFolder(URL(fileURLWithPath: out))
            for artifact in artifacts {
                try folder.write(artifact.bytes, to: artifact.fileName)
                print((out as NSString).appendingPathComponent(artifact.fileName))
            }
        }
    }
}

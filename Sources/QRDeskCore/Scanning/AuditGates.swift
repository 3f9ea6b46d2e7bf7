/// What `qrdesk verify` demands of every code it finds beyond the `PrintRule` every code is held to (damage,
/// quiet zone, contrast, pitch, edges): the options' gates. Each failed gate is a problem and a non-zero exit.
public struct AuditGates: Hashable, Sendable {
    public var expect: String?
    /// Hosts a link may point to; a code whose payload is a link elsewhere fails (the QR phishing audit).
    public var allowedHosts: [String]
    /// Accounts a scheme payload may pay; a code paying anyone else fails.
    public var allowedPayees: [String]
    public var minimumModuleMillimetres: Double?
    public var scanDistance: ScanDistance?

    public init(
        expect: String? = nil, allowedHosts: [String] = [], allowedPayees: [String] = [],
        minimumModuleMillimetres: Double? = nil, scanDistance: ScanDistance? = nil
    ) {
        self.expect = expect
        self.allowedHosts = allowedHosts.map { $0.lowercased() }
        self.allowedPayees = allowedPayees
        self.minimumModuleMillimetres = minimumModuleMillimetres
        self.scanDistance = scanDistance
    }

    /// The problems of one code.
    public func problems(of finding: QRFinding) -> [String] {
        var problems: [String] = []
        if finding.modules == nil {
            problems.append(
                "decodes, but its module grid could not be measured (a damaged, warped or partly hidden code)")
        }
        if let expect, finding.payload != expect {
            problems.append(
                "scans as \"\(Excerpt.of(finding.payload, limit: 80))\", not the expected "
                    + "\"\(Excerpt.of(expect, limit: 80))\""
            )
        }
        let scheme = PayloadLinter.scheme(of: finding.payload)
        if scheme != nil { problems += payloadProblems(finding.payload) }
        if !allowedHosts.isEmpty, scheme == nil, Self.isLink(finding.payload) {
            do {
                _ = try PaymentLink(finding.payload, policy: LinkPolicy(allowsHTTP: true, allowedHosts: allowedHosts))
            } catch .hostNotAllowed(_, let host, _) {
                problems.append(
                    "points to \(host), which is not an allowed host (\(allowedHosts.joined(separator: ", "))): a "
                        + "code that sends clients elsewhere"
                )
            } catch {
                problems.append(
                    "is a link qrdesk would not print (\(error.description)), so it cannot be shown to point to an "
                        + "allowed host"
                )
            }
        }
        if let minimum = minimumModuleMillimetres {
            if let module = finding.moduleMillimetres {
                if module < minimum {
                    problems.append(
                        "has \(formatDecimal(module, digits: 2)) mm modules, below the "
                            + "\(formatDecimal(minimum, digits: 2)) mm asked for"
                    )
                }
            } else {
                problems.append(
                    "has no physical size in the file (a photo, or an image without a resolution), so its module size "
                        + "cannot be checked against --min-module"
                )
            }
        }
        if let scanDistance {
            if let rated = finding.ratedDistanceMetres {
                if rated < scanDistance.metres {
                    let needed = ScanDistanceModel.minimumModuleMillimetres(distanceMetres: scanDistance.metres)
                    problems.append(
                        "reads from \(formatDecimal(rated, digits: 2)) m, less than the \(scanDistance) asked for "
                            + "(modules of at least \(formatDecimal(needed, digits: 2)) mm read from there)"
                    )
                }
            } else {
                problems.append("has no physical size in the file, so its scan distance cannot be rated")
            }
        }
        return problems
    }

    /// A scheme payload's lint errors, and its payee against the allow-list.
    func payloadProblems(_ payload: String) -> [String] {
        let report = PayloadLinter.lint(payload)
        let title = report.scheme?.title ?? "payment"
        var problems = report.problems.filter(\.isError).map {
            "is a \(title) code with a mistake: \($0.field): \($0.message)"
        }
        if problems.isEmpty, let clean = try? SchemePayload(report),
            let problem = LinkPolicy(allowedPayees: allowedPayees).payeeProblem(clean)
        {
            problems.append(problem)
        }
        return problems
    }

    /// Problems of a file's codes as a whole.
    public func fileProblems(codes: [QRFinding]) -> [String] {
        if codes.isEmpty {
            return ["no QR code found" + (expect.map { " (expected \"\(Excerpt.of($0, limit: 80))\")" } ?? "")]
        }
        return []
    }

    /// Whether a payload is a URI (a scheme, then ":"): links are held to the host list; plain data such as a fiscal
    /// receipt's "t=…&s=…" is not.
    static func isLink(_ payload: String) -> Bool {
        guard let colon = payload.firstIndex(of: ":") else { return false }
        let scheme = payload[..<colon]
        return scheme.first?.isLetter == true
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}

import Crypto
import Foundation

/// What decides a row's bytes, in named parts: the row's values, the templates, the creation date, the qrdesk
/// version, the rendering options and the bytes of the files it reads. The manifest records each part's
/// digest (the date as written), so `--check` can say *why* a row is stale, not only that it is.
public struct FingerprintInputs: Sendable, Equatable {
    public var row: String
    public var templates: String
    public var date: String
    public var qrdesk: String
    public var options: String
    public var files: String

    /// SHA-256 over every part: equal fingerprints, equal files.
    public var fingerprint: String {
        let text =
            "row=\(row)\ntemplates=\(templates)\ndate=\(date)\nqrdesk=\(qrdesk)\noptions=\(options)\nfiles=\(files)"
        return SHA256.hash(data: Data(text.utf8)).hexString
    }

    /// The parts as the manifest records them: short digests, and the date and version as they are.
    public var recorded: [String: String] {
        func digest(_ text: String) -> String { String(SHA256.hash(data: Data(text.utf8)).hexString.prefix(16)) }
        return [
            "row": digest(row), "templates": digest(templates), "date": date, "qrdesk": qrdesk,
            "options": digest(options), "files": digest(files),
        ]
    }

    /// Why a row rendered from `old` parts (nil: an older manifest without them) is stale now, in words.
    public func staleness(since old: [String: String]?) -> String {
        guard let old else { return "rendered by an earlier qrdesk that did not record its inputs" }
        let now = recorded
        var reasons: [String] = []
        if old["date"] != now["date"] {
            reasons.append(
                "the creation date differs (\(old["date"] ?? "none") when rendered, \(date) now): run with the same "
                    + "SOURCE_DATE_EPOCH as the render"
            )
        }
        if old["row"] != now["row"] { reasons.append("the row's values (or the defaults it takes) changed") }
        if old["templates"] != now["templates"] { reasons.append("the templates changed") }
        if old["qrdesk"] != now["qrdesk"] {
            reasons.append("it was rendered by qrdesk \(old["qrdesk"] ?? "?"), this is \(qrdesk)")
        }
        if old["options"] != now["options"] { reasons.append("--dpi, --no-verify or the link options differ") }
        if old["files"] != now["files"] { reasons.append("its logo or receipt file changed") }
        return reasons.isEmpty ? "its inputs changed" : reasons.joined(separator: "; ")
    }
}

import QRDeskCore

/// One reading of a list of choices (`pdf,svg`, `color; bw`, `--format pdf --format png`): split at commas,
/// semicolons and spaces, case-insensitive, `colour` read as `color`, repeats dropped, order kept.
public enum ChoiceList {
    /// The choices, or the reason the first unknown one was refused.
    public static func parse<T: RawRepresentable>(
        _ texts: [String], allowed: [T]
    ) -> Result<[T], ChoiceError> where T.RawValue == String {
        var result: [T] = []
        for text in texts {
            for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }) {
                let value = part.lowercased() == "colour" ? "color" : part.lowercased()
                guard let parsed = allowed.first(where: { $0.rawValue == value }) else {
                    return .failure(ChoiceError(value: String(part), allowed: allowed.map(\.rawValue)))
                }
                if !result.contains(where: { $0.rawValue == parsed.rawValue }) { result.append(parsed) }
            }
        }
        return .success(result)
    }

    public struct ChoiceError: Error, Hashable, Sendable, CustomStringConvertible {
        public let value: String
        public let allowed: [String]
        public var description: String {
            let hint = Suggestion.closest(to: value, in: allowed).map { "did you mean \"\($0)\"? " } ?? ""
            return
                "\(hint)unknown value \"\(Excerpt.of(value, limit: 30))\"; expected \(allowed.joined(separator: ", "))"
        }
    }
}

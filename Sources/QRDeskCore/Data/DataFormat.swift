/// The syntax a document is written in. JSON is read with a JSON parser, never as YAML: libyaml refuses
/// JSON's surrogate-pair escapes and YAML guesses types JSON states.
public enum DataFormat: Sendable {
    case json
    case yaml

    /// `.yaml` / `.yml` files are YAML; everything else (`.json`, standard input) is JSON.
    public static func forFile(named name: String) -> DataFormat {
        let lowered = name.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") ? .yaml : .json
    }
}

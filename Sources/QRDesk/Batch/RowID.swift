import QRDeskCore

/// Row ids become folder names under the output folder, so they are checked like paths from strangers:
/// letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 100 characters.
public enum RowID {
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "the id is empty; every row needs an id (it names the row's folder)" }
        if id.contains("/") || id.contains("\\") || id == "." || id == ".." || id.hasPrefix("..") {
            return
                "id \"\(Excerpt.of(id, limit: 40))\" would write outside the output folder; use letters, digits, "
                + "\".\", \"_\" and \"-\" only"
        }
        guard id.count <= 100 else { return "id is \(id.count) characters long; at most 100" }
        guard let first = id.unicodeScalars.first, first.isASCII,
            first.properties.isAlphabetic || ("0"..."9").contains(first)
        else {
            return "id \"\(Excerpt.of(id, limit: 40))\" must start with a letter or digit"
        }
        guard
            id.unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
            })
        else {
            return
                "id \"\(Excerpt.of(id, limit: 40))\" has characters that are not safe in a folder name; use letters, "
                + "digits, \".\", \"_\" and \"-\" only"
        }
        if id.hasSuffix(".") {
            return "id \"\(id)\" ends with \".\", which Windows drops from folder names; end it with a letter or digit"
        }
        let stem = id.split(separator: ".", maxSplits: 1).first.map { $0.uppercased() } ?? ""
        if windowsReservedNames.contains(stem) {
            return
                "id \"\(id)\" is a device name on Windows (\(stem)), where its folder cannot be created; choose "
                + "another id"
        }
        return nil
    }

    /// Names Windows reserves for devices, with or without an extension.
    static let windowsReservedNames: Set<String> = Set(
        ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
            + (0...9).flatMap { ["COM\($0)", "LPT\($0)"] } + ["COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"])

    /// Two ids with the same key name the same folder somewhere (macOS and Windows fold case).
    public static func folderKey(_ id: String) -> String { id.lowercased() }
}

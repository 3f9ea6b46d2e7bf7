/// A short quotation of input for an error message: a message quotes the bad value, never megabytes of it.
public enum Excerpt {
    /// `text` itself when short; otherwise its first characters, "…", and how long it was.
    public static func of(_ text: String, limit: Int = 60) -> String {
        guard text.count > limit else { return text }
        return "\(text.prefix(limit))… (\(text.count) characters)"
    }
}

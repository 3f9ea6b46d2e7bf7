/// One request key, declared once: how each front door spells it, what it holds, its default, its help and the
/// refusal code (`form.error.<code>` in the string catalog) a value that cannot be used gets.
public struct RequestKey: Sendable, Hashable {
    /// The API's JSON key and the web form's field (`qrColor`).
    public let json: String
    /// The command line's long option, without its dashes (`qr-color`).
    public let flag: String
    /// The batch list's column (`qr-color`); lists name repeatable values in the plural (`variants`).
    public let column: String
    /// What a value looks like in help (`#RRGGBB`).
    public let valueName: String
    public let help: String
    /// The default as documented, the same through every door; nil: none (required, or absent is meaningful).
    public let defaultValue: String?
    public let refusal: String
    /// The web form's field for this key (its JSON name), or nil when the page does not ask for it.
    public let formField: String?
    /// On or off: a flag without a value on the command line (`--press`), `true`/`false` in JSON, and
    /// `yes`/`no` (or `true`/`false`, `1`/`0`) in a list's cell.
    public let isSwitch: Bool

    public init(
        json: String, flag: String? = nil, column: String? = nil, valueName: String, help: String,
        defaultValue: String? = nil, refusal: String = "invalid", onForm: Bool = false, isSwitch: Bool = false
    ) {
        self.isSwitch = isSwitch
        self.json = json
        self.flag = flag ?? json
        self.column = column ?? flag ?? json
        self.valueName = valueName
        self.help = help
        self.defaultValue = defaultValue
        self.refusal = refusal
        self.formField = onForm ? json : nil
    }

    /// The help line with its default, as `--help` shows it.
    public var helpWithDefault: String {
        defaultValue.map { "\(help) Default: \($0)." } ?? help
    }
}

import ArgumentParser
import QRDesk

extension RequestKey {
    /// The key's help as argument-parser shows it: its text, default and value name from the table.
    var argumentHelp: ArgumentHelp { ArgumentHelp(helpWithDefault, valueName: valueName) }
    /// The same key as a default for every card row of a list (`qrdesk batch`).
    var defaultHelp: ArgumentHelp { ArgumentHelp("Default for card rows: \(helpWithDefault)", valueName: valueName) }
}

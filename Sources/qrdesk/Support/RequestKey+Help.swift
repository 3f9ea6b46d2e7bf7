import ArgumentParser
import QRDesk

extension RequestKey {
    /// The key's help as argument-parser shows it: its text, default and value name from the table.
    var argumentHelp: ArgumentHelp { ArgumentHelp(helpWithDefault, valueName: valueName) }
}

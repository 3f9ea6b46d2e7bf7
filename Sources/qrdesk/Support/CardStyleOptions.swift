import ArgumentParser
import QRDesk

/// The card request's options that `card` takes for one card and `batch` takes as the default of every card row:
/// flags and help from `CardKeys`, the values read by `CardRequestDecoder`.
struct CardStyleOptions: ParsableArguments {
    @Option(name: .customLong(CardKeys.template.flag), help: CardKeys.template.argumentHelp) var template: String?
    @Option(name: .customLong(CardKeys.style.flag), help: CardKeys.style.argumentHelp) var style: String?
    @Option(name: .customLong(CardKeys.variant.flag), help: CardKeys.variant.argumentHelp) var variant: [String] = []
    @Option(name: .customLong(CardKeys.format.flag), help: CardKeys.format.argumentHelp) var format: [String] = []
    @Option(name: .customLong(CardKeys.lang.flag), help: CardKeys.lang.argumentHelp) var lang: String?
    @Option(name: .customLong(CardKeys.backLang.flag), help: CardKeys.backLang.argumentHelp) var backLang: String?
    @Option(name: .customLong(CardKeys.accent.flag), help: CardKeys.accent.argumentHelp) var accent: String?
    @Option(name: .customLong(CardKeys.qrColor.flag), help: CardKeys.qrColor.argumentHelp) var qrColor: String?
    @Option(name: .customLong(CardKeys.ecc.flag), help: CardKeys.ecc.argumentHelp) var ecc: String?
    @Option(name: .customLong(CardKeys.scanDistance.flag), help: CardKeys.scanDistance.argumentHelp)
    var scanDistance: String?
    @Option(name: .customLong(CardKeys.dpi.flag), help: CardKeys.dpi.argumentHelp) var dpi: String?
    @Option(name: .customLong(CardKeys.printSheet.flag), help: CardKeys.printSheet.argumentHelp) var printSheet: String?
    @Flag(name: .customLong(CardKeys.press.flag), help: ArgumentHelp(CardKeys.press.help)) var press = false
    @Option(name: .customLong(CardKeys.bleed.flag), help: CardKeys.bleed.argumentHelp) var bleed: String?
    @Flag(name: .customLong(CardKeys.cropMarks.flag), help: ArgumentHelp(CardKeys.cropMarks.help)) var cropMarks = false
    @Option(name: .customLong(CardKeys.outputCondition.flag), help: CardKeys.outputCondition.argumentHelp)
    var outputCondition: String?
    @Option(name: .customLong(CardKeys.accentCMYK.flag), help: CardKeys.accentCMYK.argumentHelp)
    var accentCMYK: String?
    // The machine's colour setting, not the card's: never a request key (a server names no files).
    @Option(
        name: .customLong("icc"),
        help: ArgumentHelp(
            "A CMYK output profile (.icc) press colours are converted with. Default: Ghostscript's default CMYK "
                + "profile.", valueName: "FILE"))
    var iccProfile: String?

    /// The options given, by key (repeatable ones joined as a list, as a list's cell would hold them).
    var given: [(key: RequestKey, value: String)] {
        let values: [(RequestKey, String?)] = [
            (CardKeys.template, template), (CardKeys.style, style), (CardKeys.lang, lang),
            (CardKeys.backLang, backLang),
            (CardKeys.accent, accent),
            (CardKeys.qrColor, qrColor), (CardKeys.ecc, ecc), (CardKeys.scanDistance, scanDistance),
            (CardKeys.dpi, dpi), (CardKeys.variant, variant.isEmpty ? nil : variant.joined(separator: ",")),
            (CardKeys.format, format.isEmpty ? nil : format.joined(separator: ",")),
            (CardKeys.printSheet, printSheet), (CardKeys.press, press ? "yes" : nil), (CardKeys.bleed, bleed),
            (CardKeys.cropMarks, cropMarks ? "yes" : nil),
            (CardKeys.outputCondition, outputCondition), (CardKeys.accentCMYK, accentCMYK),
        ]
        return values.compactMap { key, value in value.map { (key, $0) } }
    }
}

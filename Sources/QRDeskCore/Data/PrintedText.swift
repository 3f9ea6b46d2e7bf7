/// The rule for every text qrdesk prints (names, addresses, item lines): bounded in length, so layout stays
/// fast and on the page, and free of control characters, which print as nothing or as boxes. Lengths count
/// Unicode code points, as JSON Schema's `maxLength` does.
public enum PrintedText {
    /// Names, labels and short lines.
    public static let shortLimit = 200
    /// Addresses, footers: a few lines.
    public static let longLimit = 500

    /// What is wrong with `text` as a printed field, or nil. `multiline` allows line breaks (LF, CR LF or CR, as
    /// typed on two lines or kept by a spreadsheet's Alt+Enter); `lineBreaksNormalized` makes them all LF.
    public static func problem(with text: String, limit: Int, multiline: Bool = false) -> String? {
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if count > limit {
                return "is longer than \(limit) characters, the most that fit a printed field; shorten it"
            }
            let value = scalar.value
            if value == 0x0A || value == 0x0D, multiline { continue }
            if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || value == 0x2028 || value == 0x2029 {
                return
                    "contains the control character U+\(hex(value)); remove it (a printed field holds visible text "
                    + "only)"
            }
            if value == 0xFFFD {
                return
                    "contains U+FFFD, the replacement character left by text that was not valid UTF-8; fix the source "
                    + "text"
            }
        }
        return nil
    }

    /// CR LF and lone CR as LF: the one line break the layout honours.
    public static func lineBreaksNormalized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n", previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            scalars.append(scalar)
        }
        return String(scalars)
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

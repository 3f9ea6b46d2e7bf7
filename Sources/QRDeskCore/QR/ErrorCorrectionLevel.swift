/// QR error correction level: the share of codewords that may be damaged and still decode (L 7 %, M 15 %, Q 25 %, H 30
/// %).
public enum ErrorCorrectionLevel: String, CaseIterable, Hashable, Sendable, Codable {
    case low = "L", medium = "M", quartile = "Q", high = "H"

    public init?(letter: String) { self.init(rawValue: letter.uppercased()) }
}

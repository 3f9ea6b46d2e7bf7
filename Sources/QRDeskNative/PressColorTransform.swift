import Foundation
import QRDeskCore
import Synchronization
internal import CLCMS2

/// sRGB to a press's CMYK through LittleCMS and a CMYK output profile (relative colorimetric with black point
/// compensation, as prepress tools convert brand colours), and back, to show a CMYK colour on screen. One owner
/// for the profile and its transforms, made per press file so no handle is shared between threads; each
/// transform is built only when first needed (building one costs far more than a card), and single colours are
/// remembered process-wide (`PressColorTransform.cached`), so a run of cards in one accent converts it once.
final class PressColorTransform {
    /// Ghostscript's CMYK output profile (Debian's libgs-common): a generic coated-offset characterisation.
    static let defaultProfilePath = "/usr/share/color/icc/ghostscript/default_cmyk.icc"
    /// A CMYK profile is a few hundred kilobytes; anything past this is not one.
    static let maximumProfileBytes = 16 << 20

    private let source: String
    private let cmyk: cmsHPROFILE
    private let srgb: cmsHPROFILE
    private var toCMYK: cmsHTRANSFORM?
    private var pixelsToCMYK: cmsHTRANSFORM?
    private var toRGB: cmsHTRANSFORM?

    /// - Parameter profile: the bytes of a CMYK output profile (an ICC file).
    init(profile: [UInt8], source: String) throws(NativeError) {
        self.source = source
        func failure(_ detail: String) -> NativeError {
            NativeError(library: "lcms2", operation: "ICC profile \(source)", detail: detail)
        }
        guard profile.count <= Self.maximumProfileBytes else {
            throw failure("is larger than \(Self.maximumProfileBytes) bytes; give a CMYK output profile (.icc)")
        }
        guard let cmyk = profile.withUnsafeBytes({ cmsOpenProfileFromMem($0.baseAddress, UInt32($0.count)) }) else {
            throw failure("is not an ICC profile LittleCMS can read")
        }
        guard cmsGetColorSpace(cmyk) == cmsSigCmykData, cmsGetDeviceClass(cmyk) == cmsSigOutputClass else {
            cmsCloseProfile(cmyk)
            throw failure("is not a CMYK output (printer) profile")
        }
        guard let srgb = cmsCreate_sRGBProfile() else {
            cmsCloseProfile(cmyk)
            throw failure("no sRGB profile (out of memory?)")
        }
        self.cmyk = cmyk
        self.srgb = srgb
    }

    /// The default profile, or the file at `path`.
    convenience init(profileAt path: String?) throws(NativeError) {
        let file = path ?? Self.defaultProfilePath
        guard let data = FileManager.default.contents(atPath: file) else {
            throw NativeError(
                library: "lcms2", operation: "ICC profile \(file)",
                detail: path == nil
                    ? "is missing; install Debian's libgs-common (scripts/install-deps.sh) or give --icc FILE"
                    : "cannot be read")
        }
        try self.init(profile: Array(data.prefix(Self.maximumProfileBytes + 1)), source: file)
    }

    deinit {
        for transform in [toCMYK, pixelsToCMYK, toRGB] { if let transform { cmsDeleteTransform(transform) } }
        cmsCloseProfile(cmyk)
        cmsCloseProfile(srgb)
    }

    private func transform(
        from input: cmsHPROFILE, _ inputFormat: UInt32, to output: cmsHPROFILE, _ outputFormat: UInt32,
        flags extra: UInt32 = 0
    ) throws(NativeError) -> cmsHTRANSFORM {
        let intent = UInt32(INTENT_RELATIVE_COLORIMETRIC), flags = UInt32(cmsFLAGS_BLACKPOINTCOMPENSATION) | extra
        guard let transform = cmsCreateTransform(input, inputFormat, output, outputFormat, intent, flags) else {
            throw NativeError(
                library: "lcms2", operation: "ICC profile \(source)", detail: "no transform between it and sRGB")
        }
        return transform
    }

    func cmyk(_ color: RGBColor) throws(NativeError) -> CMYKColor {
        if toCMYK == nil {
            // One colour at a time: evaluated through the profile, not through a precalculated table.
            toCMYK = try transform(
                from: srgb, qrdesk_type_rgb_dbl(), to: cmyk, qrdesk_type_cmyk_dbl(), flags: UInt32(cmsFLAGS_NOOPTIMIZE))
        }
        let (r, g, b) = color.unitComponents
        var input = [r, g, b]
        var output = [Double](repeating: 0, count: 4)
        cmsDoTransform(toCMYK, &input, &output, 1)
        // LittleCMS gives CMYK as percentages in its floating-point format.
        return CMYKColor(
            cyan: output[0] / 100, magenta: output[1] / 100, yellow: output[2] / 100, black: output[3] / 100)
    }

    /// Interleaved 8-bit RGB pixels as interleaved 8-bit CMYK.
    func cmyk(pixels: [UInt8]) throws(NativeError) -> [UInt8] {
        if pixelsToCMYK == nil {
            pixelsToCMYK = try transform(from: srgb, qrdesk_type_rgb_8(), to: cmyk, qrdesk_type_cmyk_8())
        }
        let count = pixels.count / 3
        var output = [UInt8](repeating: 0, count: count * 4)
        guard count > 0, let frames = UInt32(exactly: count) else { return output }
        cmsDoTransform(pixelsToCMYK, pixels, &output, frames)
        return output
    }

    /// The sRGB colour a CMYK colour prints as (for screens, previews and contrast checks).
    func rgb(_ color: CMYKColor) throws(NativeError) -> RGBColor {
        if toRGB == nil {
            toRGB = try transform(
                from: cmyk, qrdesk_type_cmyk_dbl(), to: srgb, qrdesk_type_rgb_dbl(), flags: UInt32(cmsFLAGS_NOOPTIMIZE))
        }
        var input = [color.cyan * 100, color.magenta * 100, color.yellow * 100, color.black * 100]
        var output = [Double](repeating: 0, count: 3)
        cmsDoTransform(toRGB, &input, &output, 1)
        return RGBColor(
            red: Self.channel(output[0]), green: Self.channel(output[1]), blue: Self.channel(output[2]))
    }

    private static func channel(_ unit: Double) -> UInt8 {
        UInt8(exactly: (unit.isFinite ? min(1, max(0, unit)) * 255 : 0).rounded()) ?? 0
    }

    // MARK: - Colours remembered across files

    private struct ProfileColor: Hashable {
        let profile: String
        let rgb: RGBColor
    }
    private struct ProfileInk: Hashable {
        let profile: String
        let cmyk: CMYKColor
    }
    static let maximumRemembered = 4_096
    private static let converted = Mutex<[ProfileColor: CMYKColor]>([:])
    private static let shown = Mutex<[ProfileInk: RGBColor]>([:])

    /// `color` in the profile at `path` (nil: the default), converted once per process; `make` opens the profile
    /// only when the colour has not been converted yet.
    static func cached(
        _ color: RGBColor, profile path: String?, make: () throws -> PressColorTransform
    ) throws -> CMYKColor {
        let key = ProfileColor(profile: path ?? defaultProfilePath, rgb: color)
        if let known = converted.withLock({ $0[key] }) { return known }
        let ink = try make().cmyk(color)
        converted.withLock { remembered in
            // A long-running server meets many accents: the memory stays bounded.
            if remembered.count >= maximumRemembered { remembered.removeAll() }
            remembered[key] = ink
        }
        return ink
    }

    /// The screen colour of `ink` in the profile at `path`, worked out once per process.
    static func cachedScreenColor(_ ink: CMYKColor, profile path: String?) throws -> RGBColor {
        let key = ProfileInk(profile: path ?? defaultProfilePath, cmyk: ink)
        if let known = shown.withLock({ $0[key] }) { return known }
        let color = try PressColorTransform(profileAt: path).rgb(ink)
        shown.withLock { remembered in
            if remembered.count >= maximumRemembered { remembered.removeAll() }
            remembered[key] = color
        }
        return color
    }
}

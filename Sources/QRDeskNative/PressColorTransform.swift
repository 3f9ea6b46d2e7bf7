import Foundation
import QRDeskCore
internal import CLCMS2

/// sRGB to a press's CMYK through LittleCMS and a CMYK output profile (relative colorimetric with black point
/// compensation, as prepress tools convert brand colours), and back, to show a CMYK colour on screen. One owner
/// for the profiles and transforms; made per press file, so no handle is shared between threads.
final class PressColorTransform {
    /// Ghostscript's CMYK output profile (Debian's libgs-common): a generic coated-offset characterisation.
    static let defaultProfilePath = "/usr/share/color/icc/ghostscript/default_cmyk.icc"
    /// A CMYK profile is a few hundred kilobytes; anything past this is not one.
    static let maximumProfileBytes = 16 << 20

    private let toCMYK: cmsHTRANSFORM
    private let pixelsToCMYK: cmsHTRANSFORM
    private let toRGB: cmsHTRANSFORM

    /// - Parameter profile: the bytes of a CMYK output profile (an ICC file).
    init(profile: [UInt8], source: String) throws(NativeError) {
        func failure(_ detail: String) -> NativeError {
            NativeError(library: "lcms2", operation: "ICC profile \(source)", detail: detail)
        }
        guard profile.count <= Self.maximumProfileBytes else {
            throw failure("is larger than \(Self.maximumProfileBytes) bytes; give a CMYK output profile (.icc)")
        }
        guard let cmyk = profile.withUnsafeBytes({ cmsOpenProfileFromMem($0.baseAddress, UInt32($0.count)) }) else {
            throw failure("is not an ICC profile LittleCMS can read")
        }
        defer { cmsCloseProfile(cmyk) }
        guard cmsGetColorSpace(cmyk) == cmsSigCmykData, cmsGetDeviceClass(cmyk) == cmsSigOutputClass else {
            throw failure("is not a CMYK output (printer) profile")
        }
        guard let srgb = cmsCreate_sRGBProfile() else { throw failure("no sRGB profile (out of memory?)") }
        defer { cmsCloseProfile(srgb) }
        let intent = UInt32(INTENT_RELATIVE_COLORIMETRIC), flags = UInt32(cmsFLAGS_BLACKPOINTCOMPENSATION)
        guard
            let toCMYK = cmsCreateTransform(
                srgb, qrdesk_type_rgb_dbl(), cmyk, qrdesk_type_cmyk_dbl(), intent, flags)
        else { throw failure("cannot convert sRGB to it") }
        guard
            let pixelsToCMYK = cmsCreateTransform(srgb, qrdesk_type_rgb_8(), cmyk, qrdesk_type_cmyk_8(), intent, flags)
        else {
            cmsDeleteTransform(toCMYK)
            throw failure("cannot convert sRGB pixels to it")
        }
        guard let toRGB = cmsCreateTransform(cmyk, qrdesk_type_cmyk_dbl(), srgb, qrdesk_type_rgb_dbl(), intent, flags)
        else {
            cmsDeleteTransform(toCMYK)
            cmsDeleteTransform(pixelsToCMYK)
            throw failure("cannot convert it back to sRGB")
        }
        self.toCMYK = toCMYK
        self.pixelsToCMYK = pixelsToCMYK
        self.toRGB = toRGB
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
        cmsDeleteTransform(toCMYK)
        cmsDeleteTransform(pixelsToCMYK)
        cmsDeleteTransform(toRGB)
    }

    func cmyk(_ color: RGBColor) -> CMYKColor {
        let (r, g, b) = color.unitComponents
        var input = [r, g, b]
        var output = [Double](repeating: 0, count: 4)
        cmsDoTransform(toCMYK, &input, &output, 1)
        // LittleCMS gives CMYK as percentages in its floating-point format.
        return CMYKColor(
            cyan: output[0] / 100, magenta: output[1] / 100, yellow: output[2] / 100, black: output[3] / 100)
    }

    /// Interleaved 8-bit RGB pixels as interleaved 8-bit CMYK.
    func cmyk(pixels: [UInt8]) -> [UInt8] {
        let count = pixels.count / 3
        var output = [UInt8](repeating: 0, count: count * 4)
        guard count > 0 else { return output }
        cmsDoTransform(pixelsToCMYK, pixels, &output, UInt32(count))
        return output
    }

    /// The sRGB colour a CMYK colour prints as (for screens, previews and contrast checks).
    func rgb(_ color: CMYKColor) -> RGBColor {
        var input = [color.cyan * 100, color.magenta * 100, color.yellow * 100, color.black * 100]
        var output = [Double](repeating: 0, count: 3)
        cmsDoTransform(toRGB, &input, &output, 1)
        return RGBColor(
            red: Self.channel(output[0]), green: Self.channel(output[1]), blue: Self.channel(output[2]))
    }

    private static func channel(_ unit: Double) -> UInt8 {
        UInt8(exactly: (unit.isFinite ? min(1, max(0, unit)) * 255 : 0).rounded()) ?? 0
    }
}

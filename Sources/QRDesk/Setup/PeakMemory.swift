import Foundation

/// The process's peak resident memory (VmHWM), for batch summaries and the benchmark.
public enum PeakMemory {
    public static func megabytes() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return "?" }
        let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        return String(format: "%.1f", kilobytes / 1024)
    }
}

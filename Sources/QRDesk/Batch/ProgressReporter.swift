import Foundation
import Synchronization

/// Shows a batch's progress on standard error: a live bar on a terminal; in CI (no terminal) one plain
/// summary line every few seconds, with none of the bar's control characters.
final class ProgressReporter: Sendable {
    struct Counts {
        var rowsDone = 0
        var files = 0
        var unchanged = 0
        var failed = 0
    }

    private let total: Int
    private let started = ContinuousClock.now
    private let counts = Mutex(Counts())
    private let isTerminal: Bool
    private let quiet: Bool

    init(total: Int, quiet: Bool) {
        self.total = total
        self.quiet = quiet
        isTerminal = isatty(STDERR_FILENO) == 1
    }

    func record(files: Int, unchanged: Int, failed: Bool) {
        counts.withLock {
            $0.rowsDone += 1
            $0.files += files
            $0.unchanged += unchanged
            if failed { $0.failed += 1 }
        }
    }

    var snapshot: Counts { counts.withLock { $0 } }
    var elapsed: Double {
        let d = ContinuousClock.now - started;
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Runs `work` on another thread and reports until it returns.
    func run(_ work: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            work(); done.signal()
        }
        let interval: DispatchTimeInterval = isTerminal ? .milliseconds(200) : .seconds(5)
        while done.wait(timeout: .now() + interval) == .timedOut {
            if !quiet { show(final: false) }
        }
        if !quiet && isTerminal { show(final: true) }
    }

    private func show(final: Bool) {
        let now = snapshot
        let seconds = max(elapsed, 0.001)
        let rate = Double(now.rowsDone) / seconds
        let remaining = rate > 0 ? Double(total - now.rowsDone) / rate : 0
        let stats =
            "\(now.rowsDone)/\(total) rows · \(now.files) files · \(now.failed) failed · "
            + "\(String(format: "%.1f", rate)) rows/s · ETA \(Self.duration(remaining))"
        if isTerminal {
            let width = 28
            let filled = total > 0 ? min(width, now.rowsDone * width / total) : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[2K\(bar) \(stats)\(final ? "\n" : "")".utf8))
        } else {
            try? FileHandle.standardError.write(contentsOf: Data("batch: \(stats)\n".utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60)m\(whole % 60)s" : "\(whole)s"
    }
}

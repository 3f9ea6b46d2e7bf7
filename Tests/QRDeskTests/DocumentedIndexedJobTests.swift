import Foundation
import QRDesk
import QRDeskCore
import Testing
import TestSupport

/// docs/deploy.md's Kubernetes Jobs, run as written: the Indexed Job's command once per completion index with the
/// environment the Job gives each pod (its `env` and `JOB_COMPLETION_INDEX`), then the merge Job's script; the
/// kit must be the one a single run makes, file for file.
@Suite("The documented Kubernetes Indexed Job runs")
struct DocumentedIndexedJobTests {
    /// The YAML blocks of the deploy guide's Kubernetes section, parsed.
    static func jobs() throws -> [DataField] {
        let doc = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/deploy.md"), encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "## Batch kits on Kubernetes").dropFirst().first)
        return try section.components(separatedBy: "```yaml\n").dropFirst().map { block in
            let yaml = try #require(block.components(separatedBy: "\n```").first)
            return try DataField.parse(Array(yaml.utf8), format: .yaml)
        }
    }

    /// A pod's script with the volumes mounted in `root` and the built binary in place of the image's.
    static func script(_ container: DataField, root: URL) throws -> String {
        let text = try #require(try container["args"].items().first).string()
        return text.replacingOccurrences(of: " /data/", with: " \(root.path)/data/")
            .replacingOccurrences(of: " /kit/", with: " \(root.path)/kit/")
            .replacingOccurrences(of: #"(?m)^(\s*)qrdesk "#, with: "$1\"$Q\" ", options: .regularExpression)
    }

    @Test func shardsFromTheJobIndexMakeTheKitOneRunMakes() throws {
        let root = try TestSupport.temporaryDirectory("qrdesk-k8s")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for item in ["locations.csv", "receipts"] {
            try FileManager.default.copyItem(
                at: TestSupport.packageRoot.appendingPathComponent("examples/\(item)"),
                to: data.appendingPathComponent(item))
        }
        let jobs = try Self.jobs()
        #expect(jobs.count == 2)
        let render = jobs[0]["spec"], merge = jobs[1]["spec"]
        #expect(try render["completionMode"].string() == "Indexed")
        let completions = try render["completions"].integer(in: 1...64)
        let container = try #require(try render["template"]["spec"]["containers"].items().first)
        var environment = ProcessInfo.processInfo.environment
        environment["QRDESK_TEMPLATES"] = TestSupport.templatesDirectory.path
        environment["Q"] = try TestSupport.qrdeskBinary()
        for variable in try container["env"].items() {
            environment[try variable["name"].string()] = try variable["value"].string()
        }
        #expect(environment["SOURCE_DATE_EPOCH"] != nil, "the Job pins SOURCE_DATE_EPOCH, so every pod's files agree")
        let command = try Self.script(container, root: root)
        #expect(command.contains("--shard auto/\(completions)"))
        for index in 0..<completions {
            var pod = environment
            pod["JOB_COMPLETION_INDEX"] = "\(index)"
            let result = try TestSupport.run("/bin/sh", ["-c", command], currentDirectory: root, environment: pod)
            #expect(result.status == 0, "pod \(index): \(result.stderr)")
        }
        let mergeContainer = try #require(try merge["template"]["spec"]["containers"].items().first)
        let merged = try TestSupport.run(
            "/bin/sh", ["-c", try Self.script(mergeContainer, root: root)], currentDirectory: root,
            environment: environment)
        #expect(merged.status == 0, "merge: \(merged.stdout)\n\(merged.stderr)")

        // One run of the whole list, for comparison.
        let single = try TestSupport.run(
            try TestSupport.qrdeskBinary(), ["batch", "data/locations.csv", "--out", "single", "--quiet"],
            currentDirectory: root, environment: environment)
        #expect(single.status == 0, "\(single.stderr)")
        let kit = try #require(Manifest.read(root.appendingPathComponent("kit/all/manifest.json")))
        let whole = try #require(Manifest.read(root.appendingPathComponent("single/manifest.json")))
        #expect(!kit.artifacts.isEmpty && kit.failures.isEmpty)
        #expect(kit.artifacts.map { "\($0.path) \($0.sha256)" } == whole.artifacts.map { "\($0.path) \($0.sha256)" })
        // Without an index the command refuses, naming what it looked for.
        var noIndex = environment
        noIndex["JOB_COMPLETION_INDEX"] = nil
        noIndex["AWS_BATCH_JOB_ARRAY_INDEX"] = nil
        let refused = try TestSupport.run("/bin/sh", ["-c", command], currentDirectory: root, environment: noIndex)
        #expect(refused.status != 0 && refused.stderr.contains("JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)"))
    }
}

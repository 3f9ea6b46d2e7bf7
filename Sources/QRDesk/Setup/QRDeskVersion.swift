/// The version written into manifests and `qrdesk --version`. 0.2: codes sized for the scan distance, error
/// correction chosen automatically, files read back before writing, `qrdesk verify`.
public enum QRDeskVersion {
    public static let current = "0.2.0"
}

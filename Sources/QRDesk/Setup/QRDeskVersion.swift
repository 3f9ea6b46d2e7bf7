/// The version written into manifests and `qrdesk --version`.
public enum QRDeskVersion {
    public static let current = "0.1.0"
}

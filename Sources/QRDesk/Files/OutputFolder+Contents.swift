import Crypto

extension OutputFolder {
    /// The bytes at `path` when it is a regular file of exactly `bytes` bytes whose SHA-256 is `sha256`, else nil:
    /// what a manifest entry promises, checked before a file is reused, bundled or printed. The size is compared
    /// first, so a stale file is never read whole.
    func contents(_ path: String, bytes: Int, sha256: String) -> [UInt8]? {
        guard regularFileSize(path) == bytes, let data = try? read(path, limit: bytes),
            SHA256.hash(data: data).hexString == sha256
        else {
            return nil
        }
        return data
    }

    /// Whether `path` holds exactly what `contents` would accept: "already written, leave it alone".
    func holds(_ path: String, bytes: Int, sha256: String) -> Bool {
        contents(path, bytes: bytes, sha256: sha256) != nil
    }
}

import Crypto

extension OutputFolder {
    /// Whether `path` is a regular file of exactly `bytes` bytes whose SHA-256 is `sha256`: the test for
    /// "already written, leave it alone". The size is compared first, so a stale file is never read whole.
    func holds(_ path: String, bytes: Int, sha256: String) -> Bool {
        guard regularFileSize(path) == bytes, let data = try? read(path, limit: bytes) else { return false }
        return SHA256.hash(data: data).hexString == sha256
    }
}

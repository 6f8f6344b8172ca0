import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A plain GET for UploadMediaByURL sources on loopback; `nil` unless the answer is 200.
enum LoopbackHTTPGet {
    static func get(_ url: URL) async -> Data? {
        var request = URLRequest(url: url)
        request.timeoutInterval = 30
        return await withCheckedContinuation { continuation in
            let task = URLSession.shared.dataTask(with: request) { data, response, _ in
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                continuation.resume(returning: status == 200 ? data : nil)
            }
            task.resume()
        }
    }
}

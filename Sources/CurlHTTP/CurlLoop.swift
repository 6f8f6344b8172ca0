internal import CCurl
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One thread that drives every transfer of a transport through a curl multi handle.
///
/// The multi handle keeps the connection cache (so keep-alive connections are reused across calls) and a share
/// handle keeps TLS sessions and DNS. Only this thread touches them; other threads hand work over through a locked
/// queue and `curl_multi_wakeup`, which is how cancellation reaches an in-flight transfer within one poll wakeup.
final class CurlLoop: @unchecked Sendable {
    let library: CurlLibrary
    private let curl: UnsafePointer<vodmcp_curl>
    private let multi: UnsafeMutableRawPointer?
    private let share: UnsafeMutableRawPointer?

    private struct Queue {
        var pendingAdds: [CurlTransfer] = []
        var pendingCancels: [CurlTransfer] = []
        var stopping = false
    }
    private let queue = Mutex(Queue())
    // Loop thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init(library: CurlLibrary, maxConnections: Int) {
        self.library = library
        curl = library.api
        multi = curl.pointee.multi_init()
        share = curl.pointee.share_init()
        if let share {
            vodmcp_curl_share_setopt_long(curl, share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_SSL_SESSION.rawValue))
            vodmcp_curl_share_setopt_long(curl, share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_DNS.rawValue))
        }
        guard let multi else { return }
        vodmcp_curl_multi_setopt_long(curl, multi, CURLMOPT_MAXCONNECTS, maxConnections)
        startThread()
    }

    /// Runs `run()` on a detached thread of its own (the loop keeps itself alive until it returns).
    private func startThread() {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { context in
                #if canImport(Darwin)
                    let loop = Unmanaged<CurlLoop>.fromOpaque(context).takeRetainedValue()
                #else
                    let loop = Unmanaged<CurlLoop>.fromOpaque(context!).takeRetainedValue()
                #endif
                vodmcp_curl_name_thread("vod-mcp.curl")
                loop.run()
                return nil
            }, context)
        if started == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<CurlLoop>.fromOpaque(context).release()
            queue.withLock { $0.stopping = true }
        }
    }

    /// Queues a prepared transfer; its continuation must already be set.
    func submit(_ transfer: CurlTransfer) {
        let accepted = queue.withLock { queue in
            guard !queue.stopping, multi != nil else { return false }
            queue.pendingAdds.append(transfer)
            return true
        }
        guard accepted, let multi else {
            transfer.complete(
                .failure(.other(curlCode: -1, reason: "transport unavailable", mayHaveReachedServer: false)))
            return
        }
        _ = curl.pointee.multi_wakeup(multi)
    }

    /// Asks the loop to abort `transfer`; safe from any thread, also before `submit`.
    func cancel(_ transfer: CurlTransfer) {
        queue.withLock { queue in
            transfer.cancelRequested = true
            queue.pendingCancels.append(transfer)
        }
        if let multi { _ = curl.pointee.multi_wakeup(multi) }
    }

    /// Stops the thread after failing whatever is still running.
    func stop() {
        queue.withLock { $0.stopping = true }
        if let multi { _ = curl.pointee.multi_wakeup(multi) }
    }

    private func run() {
        guard let multi else { return }
        var running: Int32 = 0
        while true {
            let (adds, cancels, stop) = queue.withLock { queue in
                let adds = queue.pendingAdds.map { ($0, $0.cancelRequested) }
                let taken = (adds, queue.pendingCancels, queue.stopping)
                queue.pendingAdds = []
                queue.pendingCancels = []
                return taken
            }

            for (transfer, cancelledEarly) in adds {
                if cancelledEarly {
                    transfer.complete(.failure(.cancelled(mayHaveReachedServer: false)))
                    continue
                }
                if let share { vodmcp_curl_easy_setopt_share(curl, transfer.easy, share) }
                let code = curl.pointee.multi_add_handle(multi, transfer.easy)
                if code != CURLM_OK {
                    transfer.complete(
                        .failure(
                            .other(
                                curlCode: Int(code.rawValue), reason: "curl_multi_add_handle failed",
                                mayHaveReachedServer: false)))
                    continue
                }
                active[transfer.easy] = transfer
            }
            for transfer in cancels {
                guard active.removeValue(forKey: transfer.easy) != nil else { continue }
                let reached = transfer.requestWasSent
                _ = curl.pointee.multi_remove_handle(multi, transfer.easy)
                transfer.complete(.failure(.cancelled(mayHaveReachedServer: reached)))
            }
            if stop {
                for (easy, transfer) in active {
                    _ = curl.pointee.multi_remove_handle(multi, easy)
                    transfer.complete(.failure(.cancelled(mayHaveReachedServer: transfer.requestWasSent)))
                }
                active = [:]
                break
            }

            _ = curl.pointee.multi_perform(multi, &running)
            var remaining: Int32 = 0
            while let message = curl.pointee.multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                guard let transfer = active.removeValue(forKey: easy) else { continue }
                let result = transfer.finish(code: code)
                _ = curl.pointee.multi_remove_handle(multi, easy)
                transfer.complete(result)
            }
            _ = curl.pointee.multi_poll(multi, nil, 0, 1000, nil)
        }
        _ = curl.pointee.multi_cleanup(multi)
        if let share { _ = curl.pointee.share_cleanup(share) }
    }
}

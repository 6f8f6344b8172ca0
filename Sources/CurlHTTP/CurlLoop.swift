internal import CCurl
import Foundation

/// One thread that drives every transfer of a transport through a curl multi handle.
///
/// The multi handle keeps the connection cache (so keep-alive connections are reused across calls) and a share
/// handle keeps TLS sessions and DNS. Only this thread touches them; other threads hand work over through a locked
/// queue and `curl_multi_wakeup`, which is how cancellation reaches an in-flight transfer within one poll wakeup.
final class CurlLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer?
    private let share: UnsafeMutableRawPointer?
    private let lock = NSLock()
    private var pendingAdds: [CurlTransfer] = []
    private var pendingCancels: [CurlTransfer] = []
    private var stopping = false
    // Loop thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init(maxConnections: Int) {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        multi = curl_multi_init()
        share = curl_share_init()
        if let share {
            vodmcp_curl_share_setopt_long(share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_SSL_SESSION.rawValue))
            vodmcp_curl_share_setopt_long(share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_DNS.rawValue))
        }
        guard let multi else { return }
        vodmcp_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnections)
        let thread = Thread { [self] in run() }
        thread.name = "vod-mcp.curl"
        thread.start()
    }

    /// Queues a prepared transfer; its continuation must already be set.
    func submit(_ transfer: CurlTransfer) {
        lock.lock()
        guard !stopping, let multi else {
            lock.unlock()
            transfer.complete(
                .failure(.other(curlCode: -1, reason: "transport unavailable", mayHaveReachedServer: false)))
            return
        }
        pendingAdds.append(transfer)
        lock.unlock()
        curl_multi_wakeup(multi)
    }

    /// Asks the loop to abort `transfer`; safe from any thread, also before `submit`.
    func cancel(_ transfer: CurlTransfer) {
        lock.lock()
        transfer.cancelRequested = true
        pendingCancels.append(transfer)
        lock.unlock()
        if let multi { curl_multi_wakeup(multi) }
    }

    /// Stops the thread after failing whatever is still running.
    func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        if let multi { curl_multi_wakeup(multi) }
    }

    private func run() {
        guard let multi else { return }
        var running: Int32 = 0
        while true {
            lock.lock()
            let adds = pendingAdds.map { ($0, $0.cancelRequested) }
            let cancels = pendingCancels
            let stop = stopping
            pendingAdds = []
            pendingCancels = []
            lock.unlock()

            for (transfer, cancelledEarly) in adds {
                if cancelledEarly {
                    transfer.complete(.failure(.cancelled(mayHaveReachedServer: false)))
                    continue
                }
                if let share { vodmcp_curl_easy_setopt_share(transfer.easy, share) }
                let code = curl_multi_add_handle(multi, transfer.easy)
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
                curl_multi_remove_handle(multi, transfer.easy)
                transfer.complete(.failure(.cancelled(mayHaveReachedServer: reached)))
            }
            if stop {
                for (easy, transfer) in active {
                    curl_multi_remove_handle(multi, easy)
                    transfer.complete(.failure(.cancelled(mayHaveReachedServer: transfer.requestWasSent)))
                }
                active = [:]
                break
            }

            curl_multi_perform(multi, &running)
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                guard let transfer = active.removeValue(forKey: easy) else { continue }
                let result = transfer.finish(code: code)
                curl_multi_remove_handle(multi, easy)
                transfer.complete(result)
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(multi)
        if let share { curl_share_cleanup(share) }
    }
}

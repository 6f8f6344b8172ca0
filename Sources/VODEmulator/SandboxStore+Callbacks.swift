import FoundationEssentials
import TextSupport
import VODSigning

extension SandboxStore {
    /// Sends an event notification to the HTTP callback set with SetMessageCallback (loopback URLs only), with
    /// `X-VOD-TIMESTAMP` and `X-VOD-SIGNATURE` (md5 of `CallbackURL|timestamp|AuthKey`) when authentication is on.
    /// Delivery happens in the background and failures are dropped, as a missed callback is for the service.
    func emit(_ eventType: String, appId: String, fields: [(String, JSON)]) {
        let config = read { $0.callbacks?[appId] ?? $0.callbacks?["app-1000000"] }
        guard let config, config.callbackType == "HTTP", !config.callbackURL.isEmpty else { return }
        let wanted = config.eventTypeList.split(separator: ",").map { $0.trimmingWhitespace() }
        guard wanted.contains("ALL") || wanted.contains(eventType) else { return }
        let body = JSON.object(
            [("EventTime", .string(RequestClock.iso8601(now()))), ("EventType", .string(eventType))] + fields
        ).serialized()
        var headers: [(name: String, value: String)] = []
        if config.authSwitch == "on" {
            let timestamp = String(Int(now().timeIntervalSince1970))
            let signature = Digest.hash(.md5, Array("\(config.callbackURL)|\(timestamp)|\(config.authKey)".utf8))
                .hexString
            headers = [("X-VOD-TIMESTAMP", timestamp), ("X-VOD-SIGNATURE", signature)]
        }
        let pull = pull
        let url = config.callbackURL
        Task.detached { await pull.post(url, body: Array(body.utf8), headers: headers) }
    }
}

extension RPCService {
    func setMessageCallback(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = context.string("AppId") ?? "app-1000000"
        var record =
            store.read { $0.callbacks?[appId] }
            ?? CallbackRecord(
                appId: appId, callbackType: "HTTP", callbackURL: "", eventTypeList: "ALL", authSwitch: "off",
                authKey: "",
                mnsEndpoint: "", mnsQueueName: "")
        if let type = context.string("CallbackType") {
            guard ["HTTP", "MNS"].contains(type) else { throw RPCFailure.invalid("CallbackType", "Use HTTP or MNS.") }
            record.callbackType = type
        }
        if let url = context.string("CallbackURL") {
            if case .failure(let failure) = LoopbackPull.check(url) {
                throw RPCFailure.invalid(
                    "CallbackURL", "The sandbox delivers callbacks only on loopback. " + failure.message)
            }
            record.callbackURL = url
        }
        if let events = context.string("EventTypeList") { record.eventTypeList = events }
        if let authSwitch = context.string("AuthSwitch") {
            guard ["on", "off"].contains(authSwitch) else { throw RPCFailure.invalid("AuthSwitch", "Use on or off.") }
            record.authSwitch = authSwitch
        }
        if let key = context.string("AuthKey") {
            guard key.count <= 32, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw RPCFailure.invalid("AuthKey", "Use up to 32 letters and digits.")
            }
            record.authKey = key
        }
        if let endpoint = context.string("MnsEndpoint") { record.mnsEndpoint = endpoint }
        if let queue = context.string("MnsQueueName") { record.mnsQueueName = queue }
        if record.callbackType == "HTTP" && record.callbackURL.isEmpty { throw RPCFailure.missing("CallbackURL") }
        if record.authSwitch == "on" && record.authKey.isEmpty { throw RPCFailure.missing("AuthKey") }
        let saved = record
        store.mutate { state in
            var all = state.callbacks ?? [:]
            all[appId] = saved
            state.callbacks = all
        }
        return []
    }

    func getMessageCallback(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = context.string("AppId") ?? "app-1000000"
        guard let record = store.read({ $0.callbacks?[appId] }) else {
            throw RPCFailure.notFound("MessageCallbackNotFound", "No message callback is set for \(appId).")
        }
        return [
            (
                "MessageCallback",
                .object([
                    ("AppId", .string(record.appId)), ("CallbackType", .string(record.callbackType)),
                    ("CallbackURL", .string(record.callbackURL)), ("EventTypeList", .string(record.eventTypeList)),
                    ("AuthSwitch", .string(record.authSwitch)), ("AuthKey", .string(record.authKey)),
                    ("MnsEndpoint", .string(record.mnsEndpoint)), ("MnsQueueName", .string(record.mnsQueueName)),
                ])
            )
        ]
    }

    func deleteMessageCallback(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = context.string("AppId") ?? "app-1000000"
        store.mutate { _ = $0.callbacks?.removeValue(forKey: appId) }
        return []
    }
}

/// Where the messages that follow an HTTP exchange find it in this process: the client's answers to the exchange's
/// requests (by their id prefix) and cancellations of the exchange's own request (by session and request id).
actor ExchangeRoutes {
    private var byPrefix: [String: Connection] = [:]
    private var byRequest: [String: Connection] = [:]

    func add(prefix: String, request: String, _ connection: Connection) {
        byPrefix[prefix] = connection
        byRequest[request] = connection
    }

    func remove(prefix: String, request: String) {
        byPrefix[prefix] = nil
        byRequest[request] = nil
    }

    func connection(prefix: String) -> Connection? { byPrefix[prefix] }

    func connection(request: String) -> Connection? { byRequest[request] }
}

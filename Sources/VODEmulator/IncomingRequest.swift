import VODSigning

/// One HTTP request as the sandbox sees it, with the body already read (RPC, admin, small OSS bodies).
struct IncomingRequest: Sendable {
    var method: String
    /// The path as sent, still percent-encoded.
    var rawPath: String
    var rawQuery: String
    var headers: [(name: String, value: String)]
    var body: [UInt8] = []

    init(method: String, uri: String, headers: [(name: String, value: String)]) {
        self.method = method
        if let mark = uri.firstIndex(of: "?") {
            rawPath = String(uri[..<mark])
            rawQuery = String(uri[uri.index(after: mark)...])
        } else {
            rawPath = uri
            rawQuery = ""
        }
        self.headers = headers
    }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// All values of a header, by case-insensitive name.
    func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// Decoded query parameters; `nil` when the encoding is malformed. A name without `=` has an empty value.
    func queryParameters(plusAsSpace: Bool = true) -> [String: String]? {
        Self.parseForm(rawQuery, plusAsSpace: plusAsSpace)
    }

    static func parseForm(_ text: String, plusAsSpace: Bool = true) -> [String: String]? {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = pair.firstIndex(of: "=") {
                name = pair[..<equals]
                value = pair[pair.index(after: equals)...]
            } else {
                name = pair
                value = ""
            }
            guard let decodedName = PercentEncoding.decode(String(name), plusAsSpace: plusAsSpace),
                let decodedValue = PercentEncoding.decode(String(value), plusAsSpace: plusAsSpace)
            else { return nil }
            result[decodedName] = decodedValue
        }
        return result
    }
}

/// An answer to send: status, headers, body.
struct OutgoingResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json(_ status: Int, _ value: JSON, requestId: String) -> OutgoingResponse {
        OutgoingResponse(
            status: status,
            headers: [("Content-Type", "application/json;charset=utf-8"), ("x-acs-request-id", requestId)],
            body: Array(value.serialized().utf8))
    }
}

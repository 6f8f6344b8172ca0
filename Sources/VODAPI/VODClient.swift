public import CurlHTTP
import TextSupport
public import VODCredentials
public import VODSigning

/// Signs and sends VOD API calls, retrying transient failures with backoff.
public struct VODClient: Sendable {
    /// Client settings; the defaults match the command-line defaults.
    public struct Configuration: Sendable {
        /// Region used to pick the endpoint (`--region` / `ALIBABA_CLOUD_REGION_ID`).
        public var region: String
        /// Full endpoint URL overriding the region map (`--endpoint` / `VOD_MCP_ENDPOINT`).
        public var endpoint: String?
        public var signatureVersion: SignatureVersion
        /// Connect timeout of each attempt.
        public var connectTimeout: Duration
        /// Total timeout of each attempt.
        public var timeout: Duration
        /// Attempts including the first (1 = never retry).
        public var maxAttempts: Int
        /// Time budget of the whole call, all attempts and waits included.
        public var deadline: Duration
        /// First backoff step; doubles per retry, with jitter, up to `maxBackoff`.
        public var backoffBase: Duration
        public var maxBackoff: Duration
        public var userAgent: String

        public init(
            region: String = VODEndpoint.defaultRegion, endpoint: String? = nil,
            signatureVersion: SignatureVersion = .v1,
            connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(30), maxAttempts: Int = 4,
            deadline: Duration = .seconds(60), backoffBase: Duration = .milliseconds(200),
            maxBackoff: Duration = .seconds(5), userAgent: String = CurlTransport.defaultUserAgent(version: "dev")
        ) {
            self.region = region
            self.endpoint = endpoint
            self.signatureVersion = signatureVersion
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.maxAttempts = maxAttempts
            self.deadline = deadline
            self.backoffBase = backoffBase
            self.maxBackoff = maxBackoff
            self.userAgent = userAgent
        }
    }

    public let configuration: Configuration
    private let credentials: any CredentialProvider
    private let transport: any HTTPTransport
    private let clock: RequestClock
    private let builder: RequestBuilder

    public init(
        configuration: Configuration, credentials: any CredentialProvider, transport: any HTTPTransport,
        clock: RequestClock = .system
    ) {
        self.configuration = configuration
        self.credentials = credentials
        self.transport = transport
        self.clock = clock
        builder = RequestBuilder(
            baseURL: VODEndpoint.baseURL(region: configuration.region, override: configuration.endpoint),
            signatureVersion: configuration.signatureVersion, userAgent: configuration.userAgent, clock: clock)
    }

    /// The base URL calls go to.
    public var baseURL: String { builder.baseURL }

    /// Calls `action` with business `parameters` (already wire-encoded strings).
    ///
    /// `idempotent` (true for read-only operations) allows retrying failures that may have reached the server;
    /// otherwise only failures that prove the server did not act (throttling, connect failures) are retried.
    public func call(action: String, httpMethod: String, parameters: [String: String], idempotent: Bool)
        async throws(VODAPIError) -> VODResponse
    {
        let start = ContinuousClock.now
        let deadline = start + configuration.deadline
        var attempt = 0
        // libcrypto is opened on first use; a machine without it gets this call's error, not the end of the process.
        do {
            try Digest.requireLibrary()
        } catch {
            throw VODAPIError(code: error.code, message: error.description)
        }
        let credential: Credential
        do {
            credential = try await credentials.credential()
        } catch {
            throw VODAPIError(code: error.code, message: error.description)
        }
        let secrets = credential.secrets
        while true {
            attempt += 1
            if Task.isCancelled { throw cancelled(attempts: attempt - 1) }
            let remaining = deadline - ContinuousClock.now
            let timeout = min(configuration.timeout, remaining)
            let signed = requestBuilder(for: action).build(
                action: action, method: httpMethod, parameters: parameters, credential: credential,
                connectTimeout: min(configuration.connectTimeout, timeout), timeout: timeout)
            let outcome = await attemptOnce(
                signed, credential: credential, secrets: secrets, idempotent: idempotent, attempt: attempt)
            let failure: VODAPIError
            let wait: Duration?
            switch outcome {
            case .success(let response):
                return response
            case .failure(let error, let retryAfter):
                failure = error
                wait =
                    error.retryable && attempt < configuration.maxAttempts
                    ? backoff(attempt: attempt, retryAfter: retryAfter) : nil
            }
            guard let wait, failure.code != "Network.Cancelled" else { throw failure }
            if ContinuousClock.now + wait >= deadline { throw failure }
            do {
                try await Task.sleep(for: wait)
            } catch {
                throw cancelled(attempts: attempt)
            }
            if ContinuousClock.now >= deadline { throw failure }
        }
    }

    /// What `call` would send, without credentials, signature or network.
    public func preview(action: String, httpMethod: String, parameters: [String: String]) -> RequestPreview {
        requestBuilder(for: action).preview(
            action: action, method: httpMethod, parameters: parameters, region: routing(for: action).region,
            endpointOverride: configuration.endpoint)
    }

    /// Where `action` goes: the configured region, or the one region Alibaba Cloud serves it from.
    public func routing(for action: String) -> RegionRouting {
        RegionRouting.route(
            action: action, configuredRegion: configuration.region, endpointOverride: configuration.endpoint)
    }

    /// The request builder for `action`'s region (the configured one unless the operation is single-region).
    private func requestBuilder(for action: String) -> RequestBuilder {
        let route = routing(for: action)
        guard route.note != nil else { return builder }
        return RequestBuilder(
            baseURL: VODEndpoint.baseURL(region: route.region, override: nil),
            signatureVersion: configuration.signatureVersion, userAgent: configuration.userAgent, clock: clock)
    }

    // MARK: One attempt

    private enum Outcome {
        case success(VODResponse)
        case failure(VODAPIError, retryAfter: Duration?)
    }

    private func cancelled(attempts: Int) -> VODAPIError {
        VODAPIError(
            code: "Network.Cancelled", message: CurlError.cancelled(mayHaveReachedServer: false).description,
            attempts: attempts)
    }

    private func attemptOnce(
        _ signed: RequestBuilder.Signed, credential: Credential, secrets: [String], idempotent: Bool, attempt: Int
    ) async -> Outcome {
        // Everything the endpoint sends back is masked against what it could echo: the secret, the STS token and
        // this attempt's signature.
        let redactor = EndpointRedactor(secrets: secrets + [signed.signature])
        let response: HTTPResponse
        do {
            response = try await transport.send(signed.request, progress: nil)
        } catch {
            let retryable = error.isTransient && (idempotent || !error.mayHaveReachedServer)
            return .failure(
                VODAPIError(
                    code: error.code, message: redactor.redact(error.description),
                    retryable: retryable, attempts: attempt), retryAfter: nil)
        }
        if (200..<300).contains(response.status) {
            guard LooseJSON.parse(response.body) != nil else {
                return .failure(
                    VODAPIError(
                        code: "Response.Malformed", message: "HTTP \(response.status) but the body is not JSON",
                        httpStatus: response.status, attempts: attempt), retryAfter: nil)
            }
            let body = redactor.redact(response.body)
            return .success(
                VODResponse(
                    httpStatus: response.status, requestId: redactor.redact(ErrorBody.requestId(body)), body: body,
                    attempts: attempt))
        }
        let parsed = ErrorBody.parse(response.body)
        let code = redactor.redact(parsed?.code ?? "HTTP.\(response.status)")
        var message = parsed?.message ?? Self.snippet(response.body)
        let retryAfter = response.headers["x-acs-retry-after"].flatMap(Int.init).flatMap {
            $0 > 0 ? Duration.milliseconds($0) : nil
        }
        let throttled = code.hasPrefix("Throttling") || retryAfter != nil
        let serverSide =
            ["ServiceUnavailable", "ServiceUnAvailable", "InternalError", "UnknownError"].contains(code)
            || response.status >= 500
        let retryable = throttled || (serverSide && idempotent)
        var diff: String?
        if code == "SignatureDoesNotMatch", let server = SignatureDiff.serverStringToSign(in: message) {
            switch configuration.signatureVersion {
            case .v1: diff = SignatureDiff.rpcV1(server: server, ours: signed.stringToSign)
            case .v3:
                diff = SignatureDiff.acs3(
                    server: server, ourStringToSign: signed.stringToSign,
                    ourCanonicalRequest: signed.canonicalRequest ?? "")
            }
            diff = redactor.redact(diff)
        }
        if code == "SignatureNonceUsed" {
            message +=
                " The same signed request reached the server twice (libcurl resends once when a kept-alive "
                + "connection drops), so the first copy may have been processed: check the resource before repeating."
        }
        message = redactor.redact(message)
        return .failure(
            VODAPIError(
                code: code, message: message, httpStatus: response.status,
                requestId: redactor.redact(parsed?.requestId),
                hostId: redactor.redact(parsed?.hostId), recommend: redactor.redact(parsed?.recommend),
                retryable: retryable, attempts: attempt, signatureDiff: diff), retryAfter: retryAfter)
    }

    private func backoff(attempt: Int, retryAfter: Duration?) -> Duration {
        let exponent = min(attempt - 1, 16)
        let ceiling = min(configuration.backoffBase * (1 << exponent), configuration.maxBackoff)
        let jittered = ceiling * Double.random(in: 0.5...1.0)
        if let retryAfter { return max(retryAfter, jittered / 4) }
        return jittered
    }

    private static func snippet(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self).replacingLiterally("\n", with: " ")
        return text.isEmpty ? "empty error body" : "unexpected error body: \(text)"
    }
}

import CurlHTTP
import VODSigning

/// RamRoleArn: exchanges a long-lived key for STS credentials with a V1-signed `AssumeRole` call.
struct AssumeRoleProvider: CredentialProvider {
    let name: String
    let role: ProfileSpec.RoleSpec
    let transport: any HTTPTransport
    let clock: RequestClock
    /// Full base URL of STS; `nil` derives it from the role's region.
    let endpoint: String?
    let cache: RefreshingCredential

    init(name: String, role: ProfileSpec.RoleSpec, transport: any HTTPTransport, clock: RequestClock, endpoint: String?)
    {
        self.name = name
        self.role = role
        self.transport = transport
        self.clock = clock
        self.endpoint = endpoint
        cache = RefreshingCredential(margin: 180, clock: clock)
    }

    var baseURL: String {
        if let endpoint { return endpoint }
        guard let region = role.stsRegion else { return "https://sts.aliyuncs.com" }
        return "https://\(role.useVPC ? "sts-vpc" : "sts").\(region).aliyuncs.com"
    }

    func credential() async throws(CredentialsError) -> Credential {
        try await cache.get { [self] in await assumeRole() }
    }

    private func assumeRole() async -> Result<Credential, CredentialsError> {
        var parameters = [
            "Action": "AssumeRole", "Version": "2015-04-01", "Format": "JSON",
            "AccessKeyId": role.source.accessKeyId, "SignatureMethod": RPCSignatureV1.signatureMethod,
            "SignatureVersion": RPCSignatureV1.signatureVersion, "SignatureNonce": clock.makeNonce(),
            "Timestamp": clock.timestamp(), "RoleArn": role.roleArn, "RoleSessionName": role.sessionName,
            "DurationSeconds": String(max(900, role.durationSeconds)),
        ]
        if let policy = role.policy { parameters["Policy"] = policy }
        if let externalId = role.externalId { parameters["ExternalId"] = externalId }
        if let token = role.source.securityToken { parameters["SecurityToken"] = token }
        parameters["Signature"] = RPCSignatureV1.signature(
            secret: role.source.accessKeySecret, method: "GET", parameters: parameters)
        let url = baseURL + "/?" + RPCSignatureV1.canonicalQuery(parameters)
        let secrets = role.source.secrets
        let response: HTTPResponse
        do {
            response = try await transport.send(
                HTTPRequest(
                    method: "GET", url: url, headers: [("Accept", "application/json")],
                    connectTimeout: .seconds(5), timeout: .seconds(10)))
        } catch {
            return .failure(.stsFailed(reason: SecretRedactor.redact(error.description, secrets: secrets)))
        }
        let json = LooseJSON.parse(response.body)
        guard (200..<300).contains(response.status), let credentials = json?["Credentials"], credentials.object != nil,
            let id = credentials["AccessKeyId"]?.string, let secret = credentials["AccessKeySecret"]?.string,
            let token = credentials["SecurityToken"]?.string
        else {
            let code = json?["Code"]?.string ?? "HTTP \(response.status)"
            let message = json?["Message"]?.string ?? "unexpected response"
            let requestId = json?["RequestId"]?.string
            let text = "\(code): \(message)" + (requestId.map { " (RequestId \($0))" } ?? "")
            return .failure(.stsFailed(reason: SecretRedactor.redact(text, secrets: secrets)))
        }
        let expiration = credentials["Expiration"]?.string.flatMap(RequestClock.parseISO8601)
        return .success(
            Credential(accessKeyId: id, accessKeySecret: secret, securityToken: token, expiration: expiration))
    }
}

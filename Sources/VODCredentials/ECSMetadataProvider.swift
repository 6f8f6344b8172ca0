import CurlHTTP
import TextSupport
import VODSigning

/// EcsRamRole: temporary credentials of the RAM role attached to this ECS instance, from the metadata service.
/// IMDSv2 (session token) first, IMDSv1 as fallback unless `ALIBABA_CLOUD_IMDSV1_DISABLED=true`.
struct ECSMetadataProvider: CredentialProvider {
    static let defaultEndpoint = "http://100.100.100.200"
    let name: String
    let roleName: String?
    let endpoint: String
    let allowIMDSv1: Bool
    let transport: any HTTPTransport
    let cache: RefreshingCredential

    init(
        name: String, roleName: String?, endpoint: String?, allowIMDSv1: Bool, transport: any HTTPTransport,
        clock: RequestClock
    ) {
        self.name = name
        self.roleName = roleName
        self.endpoint = endpoint ?? Self.defaultEndpoint
        self.allowIMDSv1 = allowIMDSv1
        self.transport = transport
        cache = RefreshingCredential(margin: 15 * 60, clock: clock)
    }

    func credential() async throws(CredentialsError) -> Credential {
        try await cache.get { [self] in await fetch() }
    }

    private func request(_ method: String, _ path: String, headers: [(name: String, value: String)]) -> HTTPRequest {
        HTTPRequest(
            method: method, url: endpoint + path, headers: headers, connectTimeout: .seconds(1), timeout: .seconds(2),
            allowsPlainHTTP: true)
    }

    private func fetch() async -> Result<Credential, CredentialsError> {
        var headers: [(name: String, value: String)] = []
        do {
            let tokenResponse = try await transport.send(
                request("PUT", "/latest/api/token", headers: [("X-aliyun-ecs-metadata-token-ttl-seconds", "21600")]))
            if tokenResponse.status == 200 {
                headers = [("X-aliyun-ecs-metadata-token", String(decoding: tokenResponse.body, as: UTF8.self))]
            } else if !allowIMDSv1 {
                return .failure(.metadataFailed(reason: "IMDSv2 token request returned HTTP \(tokenResponse.status)"))
            }
            var role = roleName
            if role == nil {
                let list = try await transport.send(
                    request("GET", "/latest/meta-data/ram/security-credentials/", headers: headers))
                guard list.status == 200 else {
                    return .failure(.metadataFailed(reason: "listing roles returned HTTP \(list.status)"))
                }
                role = String(decoding: list.body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map {
                    $0.trimmingWhitespace()
                }
            }
            guard let role, !role.isEmpty else { return .failure(.metadataFailed(reason: "no RAM role is attached")) }
            let response = try await transport.send(
                request("GET", "/latest/meta-data/ram/security-credentials/" + role, headers: headers))
            let json = LooseJSON.parse(response.body)
            guard response.status == 200, json?["Code"]?.string == "Success",
                let id = json?["AccessKeyId"]?.string, let secret = json?["AccessKeySecret"]?.string,
                let token = json?["SecurityToken"]?.string
            else {
                return .failure(
                    .metadataFailed(reason: "role '\(role)' returned HTTP \(response.status) without credentials"))
            }
            let expiration = json?["Expiration"]?.string.flatMap(RequestClock.parseISO8601)
            return .success(
                Credential(accessKeyId: id, accessKeySecret: secret, securityToken: token, expiration: expiration))
        } catch {
            return .failure(.metadataFailed(reason: error.description))
        }
    }
}

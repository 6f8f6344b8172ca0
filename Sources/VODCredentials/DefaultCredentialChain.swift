public import CurlHTTP
import FoundationEssentials
public import VODSigning

/// The Alibaba Cloud default chain, resolved lazily on the first `credential()` call and then remembered.
///
/// With an explicit `profile` (the `--profile` flag) only that profile is used: first in `~/.aliyun/config.json`,
/// then as a section of the credentials INI file. Without one, the official order applies:
/// 1. `ALIBABA_CLOUD_ACCESS_KEY_ID` + `ALIBABA_CLOUD_ACCESS_KEY_SECRET` (+ `ALIBABA_CLOUD_SECURITY_TOKEN`);
/// 2. `~/.aliyun/config.json`, profile `ALIBABA_CLOUD_PROFILE` or the file's `current`
///    (skipped when `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`);
/// 3. `ALIBABA_CLOUD_CREDENTIALS_FILE` or `~/.alibabacloud/credentials.ini`, section `ALIBABA_CLOUD_PROFILE` or `default`;
/// 4. the ECS RAM role from instance metadata (skipped when `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`).
public final class DefaultCredentialChain: CredentialProvider {
    public let name = "default"
    private let profile: String?
    private let environment: [String: String]
    private let homeDirectory: String
    private let transport: any HTTPTransport
    private let clock: RequestClock
    private let stsEndpoint: String?
    private let metadataEndpoint: String?
    private let state = ChainState()

    /// - Parameters:
    ///   - stsEndpoint: base URL for STS instead of `https://sts[.<region>].aliyuncs.com` (tests, private links);
    ///     `VOD_MCP_STS_ENDPOINT` in `environment` does the same.
    ///   - metadataEndpoint: base URL of the ECS metadata service instead of `http://100.100.100.200`;
    ///     `VOD_MCP_ECS_METADATA_ENDPOINT` does the same.
    public init(
        profile: String?, environment: [String: String], homeDirectory: String, transport: any HTTPTransport,
        clock: RequestClock = .system, stsEndpoint: String? = nil, metadataEndpoint: String? = nil
    ) {
        self.profile = profile.flatMap { $0.isEmpty ? nil : $0 }
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.transport = transport
        self.clock = clock
        self.stsEndpoint = stsEndpoint ?? environment["VOD_MCP_STS_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
        self.metadataEndpoint =
            metadataEndpoint ?? environment["VOD_MCP_ECS_METADATA_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public func credential() async throws(CredentialsError) -> Credential {
        let provider = try await state.provider { () async throws(CredentialsError) -> any CredentialProvider in
            try await self.resolve()
        }
        return try await provider.credential()
    }

    /// The name of the source in use, once resolved (e.g. `environment`); for logs.
    public func resolvedSourceName() async -> String? { await state.resolvedName }

    private func env(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }

    private var cliConfigPath: String { homeDirectory + "/.aliyun/config.json" }
    private var iniPath: String {
        env("ALIBABA_CLOUD_CREDENTIALS_FILE") ?? homeDirectory + "/.alibabacloud/credentials.ini"
    }

    private func resolve() async throws(CredentialsError) -> any CredentialProvider {
        var searched: [String] = []
        if let profile {
            if let provider = try cliProvider(profile: profile, searched: &searched) { return provider }
            if let provider = try iniProvider(section: profile, searched: &searched) { return provider }
            throw .missing(searched: searched)
        }
        if let id = env("ALIBABA_CLOUD_ACCESS_KEY_ID"), let secret = env("ALIBABA_CLOUD_ACCESS_KEY_SECRET") {
            let credential = Credential(
                accessKeyId: id, accessKeySecret: secret, securityToken: env("ALIBABA_CLOUD_SECURITY_TOKEN"))
            return StaticCredentialProvider(credential, name: "environment")
        }
        searched.append("environment (ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET not both set)")
        let wanted = env("ALIBABA_CLOUD_PROFILE")
        if env("ALIBABA_CLOUD_CLI_PROFILE_DISABLED")?.lowercased() == "true" {
            searched.append("\(cliConfigPath) (disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED)")
        } else if let provider = try cliProvider(profile: wanted, searched: &searched) {
            return provider
        }
        if let provider = try iniProvider(section: wanted ?? "default", searched: &searched) { return provider }
        if env("ALIBABA_CLOUD_ECS_METADATA_DISABLED")?.lowercased() == "true" {
            searched.append("ECS instance metadata (disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED)")
        } else {
            let provider = makeECS(roleName: env("ALIBABA_CLOUD_ECS_METADATA"), name: "ecs metadata")
            do {
                _ = try await provider.credential()
                return provider
            } catch {
                searched.append("ECS instance metadata (\(error.code))")
            }
        }
        throw .missing(searched: searched)
    }

    private func cliProvider(profile: String?, searched: inout [String]) throws(CredentialsError) -> (
        any CredentialProvider
    )? {
        let path = cliConfigPath
        guard let contents = FileManager.default.contents(atPath: path) else {
            searched.append("\(path) (not found)")
            return nil
        }
        guard let (name, spec) = try CLIConfigFile.spec(contents: Array(contents), path: path, profile: profile) else {
            searched.append("\(path) (no profile '\(profile ?? "<current>")')")
            return nil
        }
        return makeProvider(spec, name: "cli profile '\(name)'")
    }

    private func iniProvider(section: String, searched: inout [String]) throws(CredentialsError) -> (
        any CredentialProvider
    )? {
        let path = iniPath
        guard let contents = FileManager.default.contents(atPath: path) else {
            searched.append("\(path) (not found)")
            return nil
        }
        guard let spec = try INIFile.spec(text: String(decoding: contents, as: UTF8.self), path: path, section: section)
        else {
            searched.append("\(path) (no section [\(section)])")
            return nil
        }
        return makeProvider(spec, name: "credentials file [\(section)]")
    }

    private func makeProvider(_ spec: ProfileSpec, name: String) -> any CredentialProvider {
        switch spec {
        case .accessKey(let credential):
            return StaticCredentialProvider(credential, name: name)
        case .ramRoleArn(let role):
            return AssumeRoleProvider(name: name, role: role, transport: transport, clock: clock, endpoint: stsEndpoint)
        case .ecsRamRole(let roleName):
            return makeECS(roleName: roleName, name: name)
        }
    }

    private func makeECS(roleName: String?, name: String) -> ECSMetadataProvider {
        ECSMetadataProvider(
            name: name, roleName: roleName, endpoint: metadataEndpoint,
            allowIMDSv1: env("ALIBABA_CLOUD_IMDSV1_DISABLED")?.lowercased() != "true", transport: transport,
            clock: clock)
    }
}

/// The provider the chain settled on.
private actor ChainState {
    private var resolved: (any CredentialProvider)?

    var resolvedName: String? { resolved?.name }

    func provider(
        resolve: @Sendable () async throws(CredentialsError) -> any CredentialProvider
    ) async throws(CredentialsError) -> any CredentialProvider {
        if let resolved { return resolved }
        let provider = try await resolve()
        resolved = provider
        return provider
    }
}

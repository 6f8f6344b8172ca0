import CurlHTTP
import Foundation
import Testing
import VODCredentials
import VODSigning

/// A transport that must never be used (chain resolution from files and environment is offline).
struct NoNetwork: HTTPTransport {
    func send(_ request: HTTPRequest, progress: (@Sendable (Int64, Int64) -> Void)?) async throws(CurlError)
        -> HTTPResponse
    {
        throw .connectFailed(reason: "no network in this test")
    }
}

/// A temporary home directory with optional CLI config and INI file.
struct Home {
    let path: String

    init(cliConfig: String? = nil, ini: String? = nil) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("vodcred-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.aliyun", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/.alibabacloud", withIntermediateDirectories: true)
        if let cliConfig {
            try cliConfig.write(toFile: path + "/.aliyun/config.json", atomically: true, encoding: .utf8)
        }
        if let ini { try ini.write(toFile: path + "/.alibabacloud/credentials.ini", atomically: true, encoding: .utf8) }
    }

    func chain(profile: String? = nil, environment: [String: String] = [:]) -> DefaultCredentialChain {
        var env = environment
        env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] ?? "true"
        return DefaultCredentialChain(profile: profile, environment: env, homeDirectory: path, transport: NoNetwork())
    }
}

func resolve(_ chain: DefaultCredentialChain) async -> Result<Credential, CredentialsError> {
    do { return .success(try await chain.credential()) } catch { return .failure(error) }
}

@Suite struct CredentialTests {
    @Test func descriptionMasksTheKeyAndHidesSecrets() {
        let credential = Credential(
            accessKeyId: "LTAI5tAbCdEfGhabcd", accessKeySecret: "SUPERSECRET", securityToken: "TOKENVALUE")
        for text in [credential.description, String(reflecting: credential), "\(credential)"] {
            #expect(text.contains("LTAI****abcd"))
            #expect(!text.contains("SUPERSECRET"))
            #expect(!text.contains("TOKENVALUE"))
        }
        var dumped = ""
        dump(credential, to: &dumped)
        #expect(!dumped.contains("SUPERSECRET") && !dumped.contains("TOKENVALUE"))
        #expect(Credential.mask("short") == "****")
    }

    @Test func redactorHandlesEveryForm() {
        let token = "CAIS+tok/en=="
        let text =
            "a SecurityToken=\(PercentEncoding.encode(token))&b=1 c SecurityToken%3DX%26 d \"AccessKeySecret\": \"s3cr3t\" "
            + "e x-acs-security-token: raw f Signature=sig%3D g \(token)"
        let out = SecretRedactor.redact(text, secrets: [token])
        #expect(!out.contains("tok/en") && !out.contains("tok%2Fen"))
        #expect(!out.contains("><redacted>"))
        #expect(!out.contains("s3cr3t"))
        #expect(!out.contains("sig%3D"))
        #expect(!out.contains("raw"))
        #expect(out.contains("b=1"))
        #expect(
            SecretRedactor.redact("SignatureMethod=HMAC-SHA1&SignatureNonce=n")
                == "SignatureMethod=HMAC-SHA1&SignatureNonce=n")
    }
}

@Suite struct CredentialChainTests {
    static let cli = """
        {"current": "main", "profiles": [
          {"name": "main", "mode": "AK", "access_key_id": "LTAIcliMAIN0001", "access_key_secret": "cli-secret"},
          {"name": "sts", "mode": "StsToken", "access_key_id": "STS.cli00001", "access_key_secret": "s", "sts_token": "tok"},
          {"name": "sso", "mode": "CloudSSO"},
          {"name": "broken", "mode": "AK", "access_key_id": "LTAIonly"}
        ]}
        """
    static let ini = """
        # comment
        [default]
        type = access_key
        access_key_id = LTAIiniDEFAULT1   # trailing comment
        access_key_secret = ini-secret

        [other]
        type = rsa_key_pair
        """

    @Test func environmentComesFirst() async throws {
        let home = try Home(cliConfig: Self.cli, ini: Self.ini)
        let chain = home.chain(environment: [
            "ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIenv000001", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret",
            "ALIBABA_CLOUD_SECURITY_TOKEN": "env-token",
        ])
        let credential = try await chain.credential()
        #expect(credential.accessKeyId == "LTAIenv000001")
        #expect(credential.securityToken == "env-token")
        #expect(await chain.resolvedSourceName() == "environment")
    }

    @Test func cliCurrentProfileThenNamedProfile() async throws {
        let home = try Home(cliConfig: Self.cli, ini: Self.ini)
        #expect(try await home.chain().credential().accessKeyId == "LTAIcliMAIN0001")
        let sts = try await home.chain(environment: ["ALIBABA_CLOUD_PROFILE": "sts"]).credential()
        #expect(sts.securityToken == "tok")
        // The explicit flag beats the environment.
        let flagged = home.chain(
            profile: "sts",
            environment: ["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIenv000001", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "x"])
        #expect(try await flagged.credential().accessKeyId == "STS.cli00001")
    }

    @Test func unsupportedModeAndMissingFieldsAreExplained() async throws {
        let home = try Home(cliConfig: Self.cli)
        guard case .failure(let sso) = await resolve(home.chain(profile: "sso")) else {
            Issue.record("expected failure")
            return
        }
        #expect(sso.code == "Credentials.ModeUnsupported")
        #expect(sso.description.contains("CloudSSO") && sso.description.contains("RamRoleArn"))
        guard case .failure(let broken) = await resolve(home.chain(profile: "broken")) else {
            Issue.record("expected failure")
            return
        }
        #expect(broken.code == "Credentials.Invalid")
        #expect(broken.description.contains("access_key_secret"))
        #expect(!broken.description.contains("LTAIonly"))
    }

    @Test func iniFileIsUsedWhenTheCLIConfigIsAbsent() async throws {
        let home = try Home(ini: Self.ini)
        let credential = try await home.chain().credential()
        #expect(credential.accessKeyId == "LTAIiniDEFAULT1")
        #expect(credential.accessKeySecret == "ini-secret")
        guard case .failure(let other) = await resolve(home.chain(profile: "other")) else {
            Issue.record("expected failure")
            return
        }
        #expect(other.code == "Credentials.ModeUnsupported")
    }

    @Test func credentialsFileVariableAndMalformedLines() async throws {
        let home = try Home()
        let path = home.path + "/custom.ini"
        try "[default]\naccess_key_id = LTAIxx\nthis line is wrong secret-ish\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        guard
            case .failure(let error) = await resolve(home.chain(environment: ["ALIBABA_CLOUD_CREDENTIALS_FILE": path]))
        else {
            Issue.record("expected failure")
            return
        }
        #expect(error == .invalid(path: path, line: 3, reason: "expected `key = value` inside a [section]"))
        #expect(!error.description.contains("secret-ish"))
    }

    @Test func missingListsEverythingSearched() async throws {
        let home = try Home()
        guard case .failure(let error) = await resolve(home.chain()) else {
            Issue.record("expected failure")
            return
        }
        #expect(error.code == "Credentials.Missing")
        guard case .missing(let searched) = error else { return }
        #expect(searched.count == 4)
        #expect(searched[0].hasPrefix("environment"))
        #expect(searched[1].contains(".aliyun/config.json"))
        #expect(searched[2].contains("credentials.ini"))
        #expect(searched[3].contains("ALIBABA_CLOUD_ECS_METADATA_DISABLED"))
    }

    @Test func ecsMetadataFailureIsListedNotThrown() async throws {
        let home = try Home()
        guard
            case .failure(let error) = await resolve(
                home.chain(environment: ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "false"]))
        else {
            Issue.record("expected failure")
            return
        }
        #expect(error.description.contains("ECS instance metadata (Credentials.MetadataFailed)"))
    }

    @Test func assumeRoleIsSignedCachedAndRefreshed() async throws {
        let home = try Home(
            cliConfig: """
                {"current": "r", "profiles": [{"name": "r", "mode": "RamRoleArn", "access_key_id": "LTAIsource001",
                 "access_key_secret": "source-secret", "ram_role_arn": "acs:ram::1:role/x", "expired_seconds": 900}]}
                """)
        let now = Box(Date(timeIntervalSince1970: 1_800_000_000))
        let clock = RequestClock(now: { now.value }, nonce: { UUID().uuidString })
        let sts = STSFake(now: now)
        let chain = DefaultCredentialChain(
            profile: nil, environment: ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"], homeDirectory: home.path,
            transport: sts, clock: clock, stsEndpoint: "https://sts.test")
        let first = try await chain.credential()
        let again = try await chain.credential()
        #expect(first == again)
        #expect(sts.calls == 1)
        now.value = now.value.addingTimeInterval(800)  // within the refresh margin of the 900 s credential
        let refreshed = try await chain.credential()
        #expect(sts.calls == 2)
        #expect(refreshed.accessKeyId != first.accessKeyId)
        #expect(sts.verified)
    }
}

final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// STS stand-in that checks the V1 signature of AssumeRole and issues 900 s credentials.
final class STSFake: HTTPTransport, @unchecked Sendable {
    private let now: Box<Date>
    private let count = Box(0)
    private let ok = Box(true)
    init(now: Box<Date>) { self.now = now }
    var calls: Int { count.value }
    var verified: Bool { ok.value }

    func send(_ request: HTTPRequest, progress: (@Sendable (Int64, Int64) -> Void)?) async throws(CurlError)
        -> HTTPResponse
    {
        count.value += 1
        let query = String(request.url.split(separator: "?", maxSplits: 1).last ?? "")
        var params: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { PercentEncoding.decode(String($0)) ?? "" }
            params[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        let signature = params.removeValue(forKey: "Signature")
        let expected = RPCSignatureV1.signature(secret: "source-secret", method: "GET", parameters: params)
        if signature != expected || params["Action"] != "AssumeRole" || params["RoleArn"] != "acs:ram::1:role/x"
            || params["DurationSeconds"] != "900" || !request.url.hasPrefix("https://sts.test/?")
        {
            ok.value = false
        }
        let expiration = RequestClock.iso8601(now.value.addingTimeInterval(900))
        let body = """
            {"RequestId": "r", "Credentials": {"AccessKeyId": "STS.k\(calls)", "AccessKeySecret": "s\(calls)",
             "SecurityToken": "t\(calls)", "Expiration": "\(expiration)"}}
            """
        return HTTPResponse(status: 200, headers: [:], body: Array(body.utf8))
    }
}

/// Everything the command line and environment decide about a server run.
public struct ServerSettings: Sendable {
    public var region = "cn-shanghai"
    public var endpoint: String?
    public var signatureVersion = "v1"
    public var profile: String?
    public var connectTimeoutSeconds = 5.0
    public var timeoutSeconds = 30.0
    public var toolsets: [String] = ["default"]
    public var tools: [String] = []
    public var excludeTools: [String] = []
    public var readOnly = false
    public var allowDestructive = false
    public var dryRun = false
    public var workdir: String
    public var docsDirectory: String?
    public var uploadConcurrency = 4
    /// Extra tools for testing MCP clients (`test_sleep`); never listed unless asked for.
    public var testTools = false
    /// Set when the server runs against the embedded sandbox; shown in the instructions.
    public var sandboxEndpoint: String?
    /// Key sealing the `requestState` of confirmations, shared by replicas behind one balancer (from
    /// `VOD_MCP_HTTP_SECRET`); nil means a random key per process.
    public var stateSealingKey: [UInt8]?

    public init(workdir: String) {
        self.workdir = workdir
    }
}

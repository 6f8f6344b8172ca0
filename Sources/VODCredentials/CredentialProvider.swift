/// Something that yields a credential, possibly after network calls.
public protocol CredentialProvider: Sendable {
    /// Where the credential comes from, e.g. `environment` or `cli profile 'dev'`; never a secret.
    var name: String { get }
    /// The current credential; temporary ones are refreshed before they expire.
    func credential() async throws(CredentialsError) -> Credential
}

/// A fixed credential (flags, environment, AK profiles, tests).
public struct StaticCredentialProvider: CredentialProvider {
    public let name: String
    private let value: Credential

    public init(_ credential: Credential, name: String = "static") {
        value = credential
        self.name = name
    }

    public func credential() async throws(CredentialsError) -> Credential { value }
}

import MCPCore
import VODCredentials

/// Hands on the credentials of another provider and registers each one's secrets (AccessKey secret, STS token) with
/// the output redactor before anything can use them, so no later stdout or stderr line can carry them.
struct RegisteringCredentialProvider: CredentialProvider {
    let wrapped: any CredentialProvider
    let redactor: Redactor

    var name: String { wrapped.name }

    func credential() async throws(CredentialsError) -> Credential {
        let credential = try await wrapped.credential()
        for secret in credential.secrets { redactor.register(secret) }
        return credential
    }
}

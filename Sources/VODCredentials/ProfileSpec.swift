/// A credential source read from a profile or section, before any network call.
enum ProfileSpec: Equatable {
    case accessKey(Credential)
    case ramRoleArn(RoleSpec)
    case ecsRamRole(roleName: String?)

    struct RoleSpec: Equatable {
        var source: Credential
        var roleArn: String
        var sessionName: String
        var durationSeconds: Int
        var policy: String?
        var externalId: String?
        var stsRegion: String?
        var useVPC: Bool
    }
}

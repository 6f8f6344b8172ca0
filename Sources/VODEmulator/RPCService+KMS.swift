import FoundationEssentials
import VODSigning

/// KMS data keys for HLS encryption: GenerateKMSDataKey issues a 256-bit key with its ciphertext blob under the
/// sandbox's service key; DecryptKMSDataKey gives the plaintext back for a blob it issued (any other is rejected).
extension RPCService {
    /// The id of the one service key the sandbox encrypts data keys under (the service uses its VOD service key).
    static let serviceKeyId = "sandbox-vod-kms-key-0001"

    func generateKMSDataKey(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let plaintext = Data(Digest.randomBytes(32)).base64EncodedString()
        let blob = Data(Array("sbxkms1:".utf8) + Digest.randomBytes(48)).base64EncodedString()
        store.mutate { state in
            var keys = state.dataKeys ?? [:]
            keys[blob] = plaintext
            state.dataKeys = keys
        }
        return [
            ("KeyId", .string(Self.serviceKeyId)), ("CiphertextBlob", .string(blob)), ("Plaintext", .string(plaintext)),
        ]
    }

    func decryptKMSDataKey(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let blob = try context.required("CipherText")
        guard Data(base64Encoded: blob) != nil else {
            throw RPCFailure.invalid("CipherText", "It must be the base64 CiphertextBlob GenerateKMSDataKey returned.")
        }
        guard let plaintext = store.read({ $0.dataKeys?[blob] }) else {
            throw RPCFailure(
                status: 400, code: "InvalidCipherText",
                message: "The sandbox did not issue this CipherText; use a CiphertextBlob from GenerateKMSDataKey.")
        }
        return [("KeyId", .string(Self.serviceKeyId)), ("Plaintext", .string(plaintext))]
    }
}

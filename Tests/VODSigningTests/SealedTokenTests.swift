import Foundation
import Testing
import VODSigning

/// The seal behind `requestState` and `Mcp-Session-Id`: what one process seals, another with the same key opens;
/// anything else is refused.
@Suite struct SealedTokenTests {
    static let key = Array("replica-secret-ssssssssssssssssssssssss".utf8)
    static let payload = Array(#"{"v":"2025-11-25","k":"abc"}"#.utf8)

    @Test func aTokenOpensUnderTheSameKeyAndPurpose() {
        let token = SealedToken(key: Self.key).seal(Self.payload, purpose: "s1")
        #expect(token.hasPrefix("s1.") && token.split(separator: ".").count == 3)
        #expect(token.utf8.allSatisfy { (0x21...0x7E).contains($0) }, "fits an HTTP header as is")
        #expect(SealedToken(key: Self.key).open(token, purpose: "s1") == Self.payload)
    }

    @Test func anotherKeyOrPurposeIsRefused() {
        let token = SealedToken(key: Self.key).seal(Self.payload, purpose: "s1")
        #expect(
            SealedToken(key: Array("another-secret-ssssssssssssssssssssssss".utf8)).open(token, purpose: "s1") == nil)
        #expect(SealedToken(key: nil).open(token, purpose: "s1") == nil, "a random key is this process's alone")
        #expect(SealedToken(key: Self.key).open(token, purpose: "v1") == nil)
        let relabelled = "v1" + token.dropFirst(2)
        #expect(SealedToken(key: Self.key).open(relabelled, purpose: "v1") == nil, "the purpose is under the tag")
    }

    @Test func anAlteredTokenIsRefused() {
        let sealer = SealedToken(key: Self.key)
        let token = sealer.seal(Self.payload, purpose: "s1")
        let parts = token.split(separator: ".").map(String.init)
        let forged = SealedToken.base64url(Array(#"{"v":"2025-03-26","k":"abc"}"#.utf8))
        for altered in [
            "s1.\(forged).\(parts[2])", token + "A", String(token.dropLast()), "s1.\(parts[1])", "", "s1..",
            token.replacingOccurrences(of: ".", with: "+"), "s1.\(parts[1])!.\(parts[2])",
        ] {
            #expect(sealer.open(altered, purpose: "s1") == nil, "\(altered)")
        }
    }
}

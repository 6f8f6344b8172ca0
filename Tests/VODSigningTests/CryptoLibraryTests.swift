import Foundation
import Testing

@testable import VODSigning

/// libcrypto is opened by the first digest, not linked; when it cannot be opened the error names the fix. Expected
/// digests are the published test values (FIPS 180 "abc" and a million "a", RFC 1321, RFC 2202 and RFC 4231 HMACs),
/// the same that Python's hashlib and hmac give.
@Suite(.timeLimit(.minutes(1)))
struct CryptoLibraryTests {
    static let missing = "libcrypto-vodmcp-missing.so.3"

    @Test(arguments: [
        (
            Digest.Algorithm.md5, "d41d8cd98f00b204e9800998ecf8427e", "900150983cd24fb0d6963f7d28e17f72",
            "7707d6ae4e027c70eea2a935c2296f21"
        ),
        (
            .sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709", "a9993e364706816aba3e25717850c26c9cd0d89d",
            "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
        ),
        (
            .sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        ),
    ])
    func digestsMatchThePublishedValues(algorithm: Digest.Algorithm, empty: String, abc: String, million: String) {
        #expect(Digest.hash(algorithm, [UInt8]()).hexString == empty)
        #expect(Digest.hash(algorithm, Array("abc".utf8)).hexString == abc)
        // Streamed in uneven pieces, the same as in one piece.
        var hasher = Digest.Hasher(algorithm)
        var left = 1_000_000
        var piece = 1
        while left > 0 {
            let count = min(piece, left)
            hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
            left -= count
            piece = piece * 3 + 1
        }
        #expect(hasher.finalize().hexString == million)
        #expect(Digest.hash(algorithm, [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)).hexString == million)
    }

    @Test(arguments: [
        (Digest.Algorithm.md5, "750c783e6ab0b503eaa86e310a5db738", "bfecaf4efff90a3a668f3922fec3762d"),
        (.sha1, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", "90d0dace1c1bdc957339307803160335bde6df2b"),
        (
            .sha256, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
    ])
    func hmacsMatchThePublishedValues(algorithm: Digest.Algorithm, jefe: String, longKey: String) {
        #expect(Digest.hmac(algorithm, key: "Jefe", message: "what do ya want for nothing?").hexString == jefe)
        let key = [UInt8](repeating: 0xAA, count: 131)
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(Digest.hmac(algorithm, key: key, message: message).hexString == longKey)
    }

    @Test func manyThreadsDigestAtOnceAndAgree() async {
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask { Digest.hmac(.sha256, key: "Jefe", message: "what do ya want for nothing?").hexString }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(
            results == Array(repeating: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", count: 16))
    }

    @Test func aMissingLibraryIsRefusedNamingThePackageToInstall() throws {
        let error = try #require(CryptoLibrary.load(name: Self.missing).failure)
        #expect(error.code == "Crypto.LibcryptoUnavailable")
        // The loader's own words name the library it looked for; the rest names the package to install.
        #expect(error.reason.contains(Self.missing))
        #expect(error.description.contains("could not be loaded"))
        #expect(error.description.contains("apt-get install libssl3"))
    }

    @Test func aLibraryThatIsNotLibcryptoIsRefusedByName() throws {
        // libc is surely there and has none of libcrypto's functions.
        let error = try #require(CryptoLibrary.load(name: "libc.so.6").failure)
        #expect(error.reason == "libc.so.6 has no EVP_md5 (vod-mcp needs OpenSSL 3's libcrypto)")
    }

    @Test func theSharedLibraryLoadsAndMatchesTheBuildHeadersMajorVersion() throws {
        try Digest.requireLibrary()
        let library = try CryptoLibrary.shared.get()
        let loaded = library.version.split(separator: ".")
        let built = CryptoLibrary.buildVersion.split(separator: ".")
        #expect(loaded.count == 3, "\(library.version)")
        #expect(built.count == 3, "\(CryptoLibrary.buildVersion)")
        #expect(loaded.first == built.first)
    }

    @Test func randomBytesHaveTheLengthAskedForAndDiffer() {
        for count in [0, 1, 7, 8, 9, 16, 33] {
            #expect(Digest.randomBytes(count).count == count)
        }
        let draws = Set((0..<64).map { _ in Digest.randomBytes(16) })
        #expect(draws.count == 64)
        // Every byte value turns up in 64 KiB of output: not a stuck or short-period generator.
        #expect(Set(Digest.randomBytes(65_536)).count == 256)
    }

    /// The package's binaries carry no link to libcrypto (this test binary links VODSigning), so start-up never
    /// maps it.
    @Test func theTestBinaryDoesNotLinkLibcrypto() throws {
        #if os(Linux)
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["ldd", URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path]
            process.standardOutput = output
            try process.run()
            let listing = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(listing.contains("libc.so"), "ldd listed nothing: \(listing)")
            #expect(!listing.contains("libcrypto"), "\(listing)")
        #endif
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

import ArgumentParser
import Testing

@testable import vod_mcp

/// The quick reader must read every command line it accepts exactly as ArgumentParser does, and hand the rest over.
@Suite struct QuickLaunchTests {
    /// ArgumentParser's reading of `line`, as the `serve` command's values.
    private func parsedByArgumentParser(_ line: [String]) throws -> ServeArguments {
        let command = try VODMCPCommand.parseAsRoot(line)
        let serve = try #require(command as? ServeCommand, "\(line) did not parse as serve")
        return serve.arguments
    }

    @Test func anEmptyLineIsTheDefaultServe() throws {
        let quick = try #require(QuickLaunch.parse([String]()))
        #expect(quick == ServeArguments())
        #expect(quick == (try parsedByArgumentParser([])))
    }

    @Test(arguments: QuickLaunch.flags.keys.sorted())
    func everyFlagReadsAlike(flag: String) throws {
        for line in [[flag], ["serve", flag]] {
            let quick = try #require(QuickLaunch.parse(line))
            #expect(quick == (try parsedByArgumentParser(line)), "\(line)")
            #expect(quick != ServeArguments(), "\(line) changed nothing")
        }
    }

    @Test(arguments: QuickLaunch.options.keys.sorted())
    func everyOptionReadsAlike(option: String) throws {
        for line in [[option, "value-1"], ["\(option)=value-1"], ["serve", option, "a=b"], [option, ""]] {
            let quick = try #require(QuickLaunch.parse(line))
            #expect(quick == (try parsedByArgumentParser(line)), "\(line)")
        }
        let quick = try #require(QuickLaunch.parse([option, "value-1"]))
        #expect(quick != ServeArguments(), "\(option) changed nothing")
    }

    @Test func aTypicalLaunchReadsAlike() throws {
        let line = [
            "--sandbox", "--region", "cn-beijing", "--toolsets=all", "--read-only", "--log-level", "debug",
            "--sequential",
        ]
        let quick = try #require(QuickLaunch.parse(line))
        #expect(quick == (try parsedByArgumentParser(line)))
        #expect(quick.server.region == "cn-beijing" && quick.server.toolsets == "all" && quick.sandbox)
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["--version"], ["tools"], ["sandbox", "--port", "0"], ["docs", "sync"],
        ["--region"], ["--region", "--sandbox"], ["--sandbox", "--sandbox"], ["--region", "a", "--region", "b"],
        ["--timeout", "5"], ["--http-allow-origin", "https://a.example"], ["--", "--sandbox"], ["--sandbox=true"],
        ["--regoin", "x"], ["serve", "serve"], ["-x"],
    ])
    func theRestGoesToArgumentParser(line: [String]) {
        #expect(QuickLaunch.parse(line) == nil)
    }

    @Test func optionsArgumentParserRefusesAreNeverAcceptedQuickly() {
        // Each of these is an error for ArgumentParser; the quick reader must not turn any of them into a launch.
        for line in [["--region"], ["--sandbox=yes"], ["--unknown"], ["serve", "--tools"]] {
            #expect(throws: (any Error).self, "\(line)") { try VODMCPCommand.parseAsRoot(line) }
            #expect(QuickLaunch.parse(line) == nil, "\(line)")
        }
    }
}

import ArgumentParser

/// The entry point: the common serving command lines go straight to `ServeCommand.serve`; the rest (subcommands,
/// `--help`, `--version`, less common options, mistakes) to ArgumentParser through `VODMCPCommand`.
@main
enum VODMCPMain {
    static func main() async {
        guard let arguments = QuickLaunch.parse(CommandLine.arguments.dropFirst()) else {
            await VODMCPCommand.main()
            return
        }
        do {
            try await ServeCommand.serve(arguments)
        } catch {
            // The same report and exit status as when ArgumentParser ran the command.
            VODMCPCommand.exit(withError: error)
        }
    }
}

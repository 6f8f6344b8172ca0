// The shared harnesses (the built binary, the in-process sandbox) live in VODTestSupport; every file here sees them.
@_exported import VODTestSupport

/// The name these tests knew the sandbox harness by.
typealias Harness = SandboxHarness

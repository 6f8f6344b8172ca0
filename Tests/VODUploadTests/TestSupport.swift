// The shared harnesses (the built binary, the in-process sandbox) live in VODTestSupport; every file here sees them.
@_exported import VODTestSupport

import Foundation
import Testing
import VODUpload

@Suite struct ConfinementTests {
    let root: URL
    let workdir: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("vod-confine-\(UUID().uuidString)")
        workdir = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(
            at: workdir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("inside".utf8).write(to: workdir.appendingPathComponent("sub/in.mp4"))
        try Data("outside".utf8).write(to: root.appendingPathComponent("out.mp4"))
        try FileManager.default.createSymbolicLink(
            atPath: workdir.appendingPathComponent("escape.mp4").path,
            withDestinationPath: root.appendingPathComponent("out.mp4").path)
        try FileManager.default.createSymbolicLink(
            atPath: workdir.appendingPathComponent("ok.mp4").path, withDestinationPath: "sub/in.mp4")
    }

    @Test func relativeAndAbsolutePathsInsideAreAccepted() throws {
        let relative = try LocalFile.open("sub/in.mp4", workdir: workdir.path)
        let absolute = try LocalFile.open(workdir.appendingPathComponent("sub/in.mp4").path, workdir: workdir.path)
        #expect(relative == absolute)
        #expect(relative.size == 6)
        #expect(try LocalFile.open("ok.mp4", workdir: workdir.path).path == relative.path)
    }

    @Test func escapesAreRefused() {
        #expect(throws: UploadError.outsideWorkdir(path: "../out.mp4", workdir: workdir.resolvingSymlinksInPath().path))
        {
            try LocalFile.open("../out.mp4", workdir: workdir.path)
        }
        #expect(throws: UploadError.outsideWorkdir(path: "escape.mp4", workdir: workdir.resolvingSymlinksInPath().path))
        {
            try LocalFile.open("escape.mp4", workdir: workdir.path)
        }
        #expect(throws: UploadError.self) { try LocalFile.open("/etc/hostname", workdir: workdir.path) }
    }

    @Test func rootWorkdirAllowsAnyRegularFile() throws {
        #expect(try LocalFile.open(root.appendingPathComponent("out.mp4").path, workdir: "/").size == 7)
    }

    @Test func directoriesDevicesAndMissingFilesAreRefused() {
        #expect(throws: UploadError.notRegularFile(path: "sub", kind: "directory")) {
            try LocalFile.open("sub", workdir: workdir.path)
        }
        #expect(throws: UploadError.notRegularFile(path: "/dev/null", kind: "device")) {
            try LocalFile.open("/dev/null", workdir: "/")
        }
        do {
            _ = try LocalFile.open("missing.mp4", workdir: workdir.path)
            Issue.record("a missing file was accepted")
        } catch {
            #expect(error.code == "Upload.FileNotFound")
        }
    }
}

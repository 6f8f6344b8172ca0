import Foundation
import Testing
import TextSupport

/// `PathText` against the `NSString` methods it replaces. Left out: `x/`, on which Linux Foundation's
/// `deletingLastPathComponent` traps, and `//`, whose last component Foundation calls empty.
@Suite struct PathTextTests {
    static let paths = [
        "a/b/c.MP4", "c.tar.gz", ".bashrc", "dir.d/file", "file.", "/x/y/", "/", "", "a//b.mp4", "noext",
        "a/.hidden.mp4", "x.mp4/", "/abs/path.mkv", "é.mov", "a b.mp4 ", "x.toolongextensionhere", "x.m p4",
        "/home/u/.local/state/vod-mcp/uploads", "/tmp/job/clip.final.mov", "/x", "视频.mp4", "/a//",
        "/srv/media/My Video (1).MOV", "rel/path/", "./clip.mp4",
    ]

    @Test(arguments: paths) func answersAsNSStringDoes(path: String) {
        let ns = path as NSString
        #expect(PathText.lastComponent(path) == ns.lastPathComponent)
        #expect(PathText.pathExtension(path) == ns.pathExtension)
        #expect(PathText.deletingPathExtension(path) == ns.deletingPathExtension)
        #expect(PathText.deletingLastComponent(path) == ns.deletingLastPathComponent)
        #expect(PathText.appending("z.json", to: path) == ns.appendingPathComponent("z.json"))
        #expect(PathText.appending(path, to: "/base/") == ("/base/" as NSString).appendingPathComponent(path))
        #expect(PathText.appending(path, to: "/base") == ("/base" as NSString).appendingPathComponent(path))
    }
}

import MCPCore

/// Prompts for the common journeys.
enum Prompts {
    struct Prompt {
        let name: String
        let title: String
        let description: String
        let arguments: [(name: String, description: String, required: Bool)]
        let render: @Sendable ([String: String]) -> String
    }

    static let all: [Prompt] = [
        Prompt(
            name: "upload_and_play", title: "Upload a video and get a play URL",
            description: "Upload a local video file to VOD, wait until it can be played, and return a play URL.",
            arguments: [
                ("file_path", "Path of the local video file, relative to the server's work directory.", true),
                ("title", "Title for the video (at most 128 characters).", false),
            ]
        ) { arguments in
            let path = arguments["file_path"] ?? "video.mp4"
            let title = arguments["title"] ?? "(derive a short title from the file name)"
            return """
                Upload the local file \(path) to Alibaba Cloud VOD and give me a play URL.
                1. Call upload_media_file with FilePath "\(path)" and Title \(title). It creates the upload credential, uploads to OSS (multipart for large files) and verifies the checksum; note the VideoId it returns.
                2. Call wait_for_media with that VideoId and Target "Normal" (or "UploadSucc" if no transcoding template group applies).
                3. Call GetPlayInfo with the VideoId and report PlayInfoList.PlayInfo[].PlayURL with Definition and Format.
                If a step fails, read the hint and docs links in the error result before retrying.
                """
        },
        Prompt(
            name: "secure_playback", title: "Set up secure playback",
            description: "Plan URL authentication, HLS encryption and playback credentials for a VOD domain.",
            arguments: [("domain", "The accelerated VOD domain name.", false)]
        ) { arguments in
            let domain = arguments["domain"] ?? "(ask me which domain)"
            return """
                Help me secure playback of my VOD videos on domain \(domain).
                Read vod://docs/Media%20Security/Overview.md first (use read_doc), then propose: URL authentication (key and TTL), Referer/IP allow lists, HLS encryption with a transcode template group, and GetVideoPlayAuth for the player. Use describe_api before calling any operation that is not listed as a tool, and DryRun before changing a domain.
                """
        },
        Prompt(
            name: "troubleshoot_error", title: "Troubleshoot a VOD error code",
            description: "Explain a VOD error code and how to fix the call that produced it.",
            arguments: [
                ("code", "The error code, e.g. InvalidVideo.NotFound.", true),
                ("action", "The operation that failed, e.g. GetPlayInfo.", false),
            ]
        ) { arguments in
            let code = arguments["code"] ?? ""
            let action = arguments["action"].map { " from \($0)" } ?? ""
            return """
                I got the VOD error \(code)\(action). Read vod://docs/errors/\(code) with read_doc\(arguments["action"].map { " and vod://docs/api/\($0)" } ?? ""), check the common mistakes (vod://docs/Common%20Mistakes/Common%20Mistakes%20to%20Avoid.md), then tell me the most likely cause and the corrected call. Use DryRun to show the corrected request before sending it.
                """
        },
    ]

    static var definitions: [JSONValue] {
        all.map { prompt in
            [
                "name": .string(prompt.name), "title": .string(prompt.title),
                "description": .string(prompt.description),
                "arguments": .array(
                    prompt.arguments.map {
                        [
                            "name": .string($0.name), "description": .string($0.description),
                            "required": .bool($0.required),
                        ]
                    }),
            ]
        }
    }

    static func get(name: String, arguments: [String: String]) throws -> JSONValue {
        guard let prompt = all.first(where: { $0.name == name }) else {
            throw JSONRPCError.invalidParams(
                "Unknown prompt: \(name). Available: \(all.map(\.name).joined(separator: ", "))",
                data: ["prompt": .string(name)])
        }
        let missing = prompt.arguments.filter { $0.required && (arguments[$0.name] ?? "").isEmpty }.map(\.name)
        guard missing.isEmpty else {
            throw JSONRPCError.invalidParams(
                "Missing required prompt argument(s) for \(name): \(missing.joined(separator: ", "))",
                data: ["missing": .array(missing.map { .string($0) })])
        }
        return [
            "description": .string(prompt.description),
            "messages": [["role": "user", "content": ["type": "text", "text": .string(prompt.render(arguments))]]],
        ]
    }
}

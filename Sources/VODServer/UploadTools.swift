import CurlHTTP
import Foundation
import MCPCore
import VODAPI
import VODDocs
import VODUpload

/// `upload_media_file` (local file → VOD via OSS) and `upload_media_url` (UploadMediaByURL).
enum UploadTools {
    /// The media metadata both upload tools take (UploadMediaByURL and CreateUpload* parameters).
    static let metadata: [HelperParameter] = [
        HelperParameter("Title", .string, "At most 128 characters; default: the file name."),
        HelperParameter("Description", .string, "At most 1024 characters."),
        HelperParameter("CateId", .integer, "Category ID."),
        HelperParameter("Tags", .string, "Comma-separated, at most 16."),
        HelperParameter("TemplateGroupId", .string, "Transcode template group."),
        HelperParameter("WorkflowId", .string, "Workflow (wins over TemplateGroupId)."),
        HelperParameter("StorageLocation", .string, "Omit for the default storage."),
        HelperParameter("AppId", .string, "Default app-1000000."),
        HelperParameter("UserData", .string, "JSON text."),
    ]

    static let uploadFileTool = HelperTool(
        name: "upload_media_file", title: "Upload a local file",
        description:
            "Upload a file under the server's workdir to VOD (video, image or attached media by extension; multipart above 10 MiB, verified by CRC-64). Returns the media ID; then call wait_for_media.",
        parameters: metadata + [
            HelperParameter("FilePath", .string, required: true, "Absolute, or relative to the server's workdir."),
            HelperParameter(
                "MediaType", .string, "Override the type picked from the extension.",
                enumValues: MediaKind.allCases.map(\.rawValue)),
            HelperParameter("CoverURL", .string, "Cover image URL."),
            HelperParameter("Resume", .boolean, "Continue an interrupted upload of the same file."),
            HelperParameter("DryRun", .boolean, "Check the file and plan; send nothing."),
        ],
        annotations: ["readOnlyHint": false, "destructiveHint": false, "idempotentHint": false, "openWorldHint": true],
        outputSchema: uploadFileOutput,
        runsAsTask: true)

    /// Results of upload_media_file: the uploaded media, a dry run's plan, or an upload still running.
    static let uploadFileOutput: JSONValue = [
        "type": "object",
        "properties": [
            "status": ["type": "string", "description": "done, or still_running (call again with resume.arguments)."],
            "MediaId": ["type": "string"], "VideoId": ["type": "string"], "ImageId": ["type": "string"],
            "MediaType": ["type": "string"], "Size": ["type": "integer"], "BytesDone": ["type": "integer"],
            "ElapsedSeconds": ["type": "number"], "Multipart": ["type": "boolean"], "Parts": ["type": "integer"],
            "PartSize": ["type": "integer"], "CRC64": ["type": "string"], "Verified": ["type": "boolean"],
            "ResumedParts": ["type": "integer"], "ResentParts": ["type": "integer"],
            "CredentialRefreshes": ["type": "integer"], "MediaURL": ["type": "string"], "ImageURL": ["type": "string"],
            "IgnoredParameters": ["type": "array", "items": ["type": "string"]], "Title": ["type": "string"],
            "NextStep": ["type": "object"], "resume": ["type": "object"], "dryRun": ["type": "boolean"],
        ],
    ]

    /// Upload settings from the server settings; `VOD_MCP_UPLOAD_PART_SIZE` and `VOD_MCP_UPLOAD_THRESHOLD` (bytes)
    /// override the 10 MiB defaults, for tests that need multipart with small files.
    static func options(settings: ServerSettings, environment: [String: String], homeDirectory: String) -> UploadOptions
    {
        var options = UploadOptions(
            workdir: settings.workdir,
            checkpointDirectory: UploadOptions.defaultCheckpointDirectory(
                environment: environment, homeDirectory: homeDirectory),
            concurrency: settings.uploadConcurrency)
        if let size = environment["VOD_MCP_UPLOAD_PART_SIZE"].flatMap({ Int64($0) }), size >= PartPlan.minPartSize {
            options.partSize = size
        }
        if let size = environment["VOD_MCP_UPLOAD_THRESHOLD"].flatMap({ Int64($0) }), size >= 0 {
            options.multipartThreshold = size
        }
        return options
    }

    static func uploadFile(settings: ServerSettings, uploader: MediaUploader, docs: DocLibrary) -> ToolHandler {
        uploadFileTool.handler(docs: docs) { call, context in
            let path = call.string("FilePath") ?? ""
            let kind = call.string("MediaType").flatMap(MediaKind.init(rawValue:))
            let parameters = wireStrings(call, keys: metadata.map(\.name) + ["CoverURL"])
            let request = UploadRequest(
                filePath: path, kind: kind, parameters: parameters, resume: call.bool("Resume") ?? false)
            if settings.dryRun || call.bool("DryRun") == true {
                return .complete(dryRun(request, uploader: uploader, docs: docs))
            }
            let progress = ProgressRelay(context: context)
            defer { progress.finish() }
            do throws(UploadError) {
                let result = try await uploader.upload(request, progress: progress.sink)
                await progress.drain()
                return .complete(success(result))
            } catch {
                await progress.drain()
                var toolFailure = ToolFailure(
                    code: error.code, message: plainMessage(error), action: "upload_media_file")
                toolFailure.retryable = error.retryable
                if let media = error.createdMedia {
                    toolFailure.details[media.idField] = .string(media.mediaId)
                    toolFailure.details["MediaDisposition"] = .string(media.dispositionName)
                    if media.disposition == .keptForResume {
                        toolFailure.details["resume"] = [
                            "tool": "upload_media_file", "arguments": ["FilePath": .string(path), "Resume": true],
                        ]
                    }
                }
                switch error.underlying {
                case .api(_, _, let requestId, let status):
                    toolFailure.requestId = requestId
                    toolFailure.httpStatus = status
                case .oss(_, _, let requestId, let status):
                    toolFailure.requestId = requestId
                    toolFailure.httpStatus = status
                case .cancelled(let resumable):
                    toolFailure.details["resume"] =
                        resumable
                        ? ["tool": "upload_media_file", "arguments": ["FilePath": .string(path), "Resume": true]] : nil
                default: break
                }
                return .complete(toolFailure.result(docs: docs))
            }
        }
    }

    /// The checked arguments named in `keys` as wire strings (integers as digits).
    static func wireStrings(_ call: HelperCall, keys: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for key in keys {
            switch call.arguments[key] {
            case .string(let text)?: result[key] = text
            case .int(let number)?: result[key] = String(number)
            default: continue
            }
        }
        return result
    }

    /// The error's description without its leading `code: ` (the failure text adds the code itself).
    static func plainMessage(_ error: UploadError) -> String {
        let text = error.description
        return text.hasPrefix(error.code + ": ") ? String(text.dropFirst(error.code.count + 2)) : text
    }

    static func success(_ result: UploadResult) -> JSONValue {
        let idKey = result.kind == .video ? "VideoId" : result.kind == .image ? "ImageId" : "MediaId"
        var structured: [String: JSONValue] = [
            "MediaId": .string(result.mediaId), "MediaType": .string(result.kind.rawValue),
            "Size": .int(result.objectSize), "ElapsedSeconds": .double((result.elapsedSeconds * 1000).rounded() / 1000),
            "Multipart": .bool(result.multipart), "Parts": .int(Int64(result.partCount)),
            "CRC64": .string(String(result.crc64)), "Verified": true,
        ]
        structured[idKey] = .string(result.mediaId)
        if result.resumedParts > 0 { structured["ResumedParts"] = .int(Int64(result.resumedParts)) }
        if result.resentParts > 0 { structured["ResentParts"] = .int(Int64(result.resentParts)) }
        if result.credentialRefreshes > 0 {
            structured["CredentialRefreshes"] = .int(Int64(result.credentialRefreshes))
        }
        if let url = result.mediaURL {
            structured["MediaURL"] = .string(url)
            if result.kind == .image { structured["ImageURL"] = .string(url) }
        }
        if !result.ignoredParameters.isEmpty {
            structured["IgnoredParameters"] = .array(result.ignoredParameters.map { .string($0) })
        }
        structured["NextStep"] = [
            "tool": "wait_for_media", "arguments": .object([idKey: .string(result.mediaId)]),
            "why": .string(
                result.kind == .video
                    ? "wait until the video is Normal (transcoded) before playing it"
                    : "confirm the \(result.kind.rawValue) is Normal"),
        ]
        let text =
            "Uploaded \(result.objectSize) bytes as \(idKey) \(result.mediaId) in \(String(format: "%.2f", result.elapsedSeconds)) s (CRC-64 verified). Next: wait_for_media {\"\(idKey)\": \"\(result.mediaId)\"}."
            + (result.mediaURL.map { result.kind == .image ? " ImageURL (usable as a CoverURL): \($0)" : " URL: \($0)" }
                ?? "")
        return ToolResults.success(text: text, structured: .object(structured))
    }

    static func dryRun(_ request: UploadRequest, uploader: MediaUploader, docs: DocLibrary) -> JSONValue {
        do throws(UploadError) {
            let file = try LocalFile.open(request.filePath, workdir: uploader.options.workdir)
            // The same parameters (default Title cut to VOD's byte limit) and the same refusals as the real call.
            let (kind, parameters, _) = try uploader.plannedParameters(request, file: file)
            let multipart = file.size > uploader.options.multipartThreshold
            let plan = PartPlan(fileSize: file.size, preferred: uploader.options.partSize)
            var structured: [String: JSONValue] = [
                "dryRun": true, "MediaType": .string(kind.rawValue), "Size": .int(file.size),
                "Multipart": .bool(multipart),
                "PartSize": .int(multipart ? plan.partSize : file.size),
                "Parts": .int(Int64(multipart ? plan.partCount : 1)),
            ]
            if let title = parameters["Title"] { structured["Title"] = .string(title) }
            return ToolResults.success(
                text: "Dry run: would upload \(file.size) bytes as \(kind.rawValue); nothing was sent.",
                structured: .object(structured))
        } catch {
            return ToolFailure(code: error.code, message: plainMessage(error), action: "upload_media_file").result(
                docs: docs)
        }
    }
}

/// Turns the uploader's byte counts into `notifications/progress`, in order, when the request asked for them.
final class ProgressRelay: Sendable {
    private let continuation: AsyncStream<(Int64, Int64)>.Continuation?
    private let task: Task<Void, Never>?

    init(context: RequestContext) {
        guard context.wantsProgress else {
            continuation = nil
            task = nil
            return
        }
        let (stream, continuation) = AsyncStream.makeStream(
            of: (Int64, Int64).self, bufferingPolicy: .bufferingNewest(1))
        self.continuation = continuation
        task = Task {
            for await (sent, total) in stream {
                await context.reportProgress(
                    Double(sent), total: Double(total), message: "\(sent) of \(total) bytes sent")
            }
        }
    }

    var sink: (@Sendable (Int64, Int64) -> Void)? {
        guard let continuation else { return nil }
        return { sent, total in continuation.yield((sent, total)) }
    }

    func finish() { continuation?.finish() }

    /// Sends what is pending before the result goes out.
    func drain() async {
        continuation?.finish()
        await task?.value
    }
}

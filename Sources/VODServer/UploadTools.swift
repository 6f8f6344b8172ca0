import CurlHTTP
import Foundation
import MCPCore
import VODAPI
import VODDocs
import VODUpload

/// `upload_media_file` (local file → VOD via OSS) and `upload_media_url` (UploadMediaByURL).
enum UploadTools {
    static let metadata: [String: JSONValue] = [
        "Title": ["type": "string", "description": "At most 128 characters; default: the file name."],
        "Description": ["type": "string", "description": "At most 1024 characters."],
        "CateId": ["type": "integer", "description": "Category ID."],
        "Tags": ["type": "string", "description": "Comma-separated, at most 16."],
        "TemplateGroupId": ["type": "string", "description": "Transcode template group."],
        "WorkflowId": ["type": "string", "description": "Workflow (wins over TemplateGroupId)."],
        "StorageLocation": ["type": "string", "description": "Omit for the default storage."],
        "AppId": ["type": "string", "description": "Default app-1000000."],
        "UserData": ["type": "string", "description": "JSON text."],
    ]

    /// Upload settings from the server settings; `VOD_MCP_UPLOAD_PART_SIZE` and `VOD_MCP_UPLOAD_THRESHOLD` (bytes)
    /// override the 10 MiB defaults, for tests that need multipart with small files.
    static func options(settings: ServerSettings, environment: [String: String], homeDirectory: String) -> UploadOptions {
        var options = UploadOptions(
            workdir: settings.workdir,
            checkpointDirectory: UploadOptions.defaultCheckpointDirectory(environment: environment, homeDirectory: homeDirectory),
            concurrency: settings.uploadConcurrency)
        if let size = environment["VOD_MCP_UPLOAD_PART_SIZE"].flatMap({ Int64($0) }), size >= PartPlan.minPartSize { options.partSize = size }
        if let size = environment["VOD_MCP_UPLOAD_THRESHOLD"].flatMap({ Int64($0) }), size >= 0 { options.multipartThreshold = size }
        return options
    }

    static func uploadFile(settings: ServerSettings, uploader: MediaUploader, docs: DocLibrary) -> ToolHandler {
        var properties = metadata
        properties["FilePath"] = ["type": "string", "description": "Absolute, or relative to the server's workdir."]
        properties["MediaType"] = [
            "type": "string", "enum": ["video", "image", "attached"], "description": "Override the type picked from the extension.",
        ]
        properties["CoverURL"] = ["type": "string", "description": "Cover image URL."]
        properties["Resume"] = ["type": "boolean", "description": "Continue an interrupted upload of the same file."]
        properties["DryRun"] = ["type": "boolean", "description": "Check the file and plan; send nothing."]
        let definition: JSONValue = [
            "name": "upload_media_file",
            "title": "Upload a local file",
            "description":
                "Upload a file under the server's workdir to VOD (video, image or attached media by extension; multipart above 10 MiB, verified by CRC-64). Returns the media ID; then call wait_for_media.",
            "inputSchema": ["type": "object", "properties": .object(properties), "required": ["FilePath"]],
            "annotations": ["readOnlyHint": false, "destructiveHint": false, "idempotentHint": false, "openWorldHint": true],
        ]
        return ToolHandler(name: "upload_media_file", definition: definition, runsAsTask: true) { arguments, context in
            let failure = { (failure: ToolFailure) in ToolOutcome.complete(failure.result(docs: docs)) }
            guard let path = arguments["FilePath"]?.stringValue else {
                return failure(ToolFailure(code: "Validation.MissingParameter", message: "upload_media_file needs FilePath (a string)", action: "upload_media_file"))
            }
            var kind: MediaKind?
            if let type = arguments["MediaType"]?.stringValue {
                guard let parsed = MediaKind(rawValue: type) else {
                    return failure(ToolFailure(code: "Validation.InvalidParameter", message: "MediaType must be video, image or attached", action: "upload_media_file"))
                }
                kind = parsed
            }
            let parameters: [String: String]
            do throws(ToolFailure) { parameters = try wireStrings(arguments, skipping: ["FilePath", "MediaType", "Resume", "DryRun"]) } catch {
                return failure(error)
            }
            let request = UploadRequest(
                filePath: path, kind: kind, parameters: parameters, resume: arguments["Resume"]?.boolValue ?? false)
            if settings.dryRun || arguments["DryRun"] == true {
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
                var toolFailure = ToolFailure(code: error.code, message: plainMessage(error), action: "upload_media_file")
                toolFailure.retryable = error.retryable
                if let media = error.createdMedia {
                    toolFailure.details[media.idField] = .string(media.mediaId)
                    toolFailure.details["MediaDisposition"] = .string(media.dispositionName)
                    if media.disposition == .keptForResume {
                        toolFailure.details["resume"] = ["tool": "upload_media_file", "arguments": ["FilePath": .string(path), "Resume": true]]
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
                    toolFailure.details["resume"] = resumable ? ["tool": "upload_media_file", "arguments": ["FilePath": .string(path), "Resume": true]] : nil
                default: break
                }
                return .complete(toolFailure.result(docs: docs))
            }
        }
    }

    /// Arguments other than `skipping` as wire strings (integers as digits).
    static func wireStrings(_ arguments: [String: JSONValue], skipping: Set<String>) throws(ToolFailure) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in arguments where !skipping.contains(key) {
            guard metadata[key] != nil || key == "CoverURL" else {
                throw ToolFailure(code: "Validation.UnknownParameter", message: "Unknown parameter \(key)", action: "upload_media_file")
            }
            switch value {
            case .string(let text): result[key] = text
            case .int(let number): result[key] = String(number)
            case .null: continue
            default:
                throw ToolFailure(code: "Validation.WrongType", message: "\(key) must be a \(key == "CateId" ? "integer" : "string"), not \(value.kindName)", action: "upload_media_file")
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
        if result.credentialRefreshes > 0 { structured["CredentialRefreshes"] = .int(Int64(result.credentialRefreshes)) }
        if let url = result.mediaURL {
            structured["MediaURL"] = .string(url)
            if result.kind == .image { structured["ImageURL"] = .string(url) }
        }
        if !result.ignoredParameters.isEmpty { structured["IgnoredParameters"] = .array(result.ignoredParameters.map { .string($0) }) }
        structured["NextStep"] = [
            "tool": "wait_for_media", "arguments": .object([idKey: .string(result.mediaId)]),
            "why": .string(result.kind == .video ? "wait until the video is Normal (transcoded) before playing it" : "confirm the \(result.kind.rawValue) is Normal"),
        ]
        let text = "Uploaded \(result.objectSize) bytes as \(idKey) \(result.mediaId) in \(String(format: "%.2f", result.elapsedSeconds)) s (CRC-64 verified). Next: wait_for_media {\"\(idKey)\": \"\(result.mediaId)\"}."
            + (result.mediaURL.map { result.kind == .image ? " ImageURL (usable as a CoverURL): \($0)" : " URL: \($0)" } ?? "")
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
                "dryRun": true, "MediaType": .string(kind.rawValue), "Size": .int(file.size), "Multipart": .bool(multipart),
                "PartSize": .int(multipart ? plan.partSize : file.size), "Parts": .int(Int64(multipart ? plan.partCount : 1)),
            ]
            if let title = parameters["Title"] { structured["Title"] = .string(title) }
            return ToolResults.success(text: "Dry run: would upload \(file.size) bytes as \(kind.rawValue); nothing was sent.", structured: .object(structured))
        } catch {
            return ToolFailure(code: error.code, message: plainMessage(error), action: "upload_media_file").result(docs: docs)
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
        let (stream, continuation) = AsyncStream.makeStream(of: (Int64, Int64).self, bufferingPolicy: .bufferingNewest(1))
        self.continuation = continuation
        task = Task {
            for await (sent, total) in stream {
                await context.reportProgress(Double(sent), total: Double(total), message: "\(sent) of \(total) bytes sent")
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

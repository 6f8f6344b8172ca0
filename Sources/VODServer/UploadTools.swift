import CurlHTTP
import FoundationEssentials
import MCPCore
import TextSupport
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
            "Upload a file under the server's workdir to VOD (video, image or attached media by extension; multipart above 10 MiB, verified by CRC-64). Returns the media ID; then call wait_for_media. Answers within TimeoutSeconds: a longer upload goes on in the background and the same call again joins it.",
        parameters: metadata + [
            HelperParameter("FilePath", .string, required: true, "Absolute, or relative to the server's workdir."),
            HelperParameter(
                "MediaType", .string, "Override the type picked from the extension.",
                enumValues: MediaKind.allCases.map(\.rawValue)),
            HelperParameter("CoverURL", .string, "Cover image URL."),
            HelperParameter("Resume", .boolean, "Continue an interrupted upload of the same file."),
            HelperParameter("DryRun", .boolean, "Check the file and plan; send nothing."),
            HelperParameter(
                "TimeoutSeconds", .integer,
                "How long to wait for the upload (default 25, under common client time limits); then returns "
                    + "still_running with resume arguments while the upload goes on.",
                minimum: 1, maximum: 3600),
        ],
        annotations: ["readOnlyHint": false, "destructiveHint": false, "idempotentHint": false, "openWorldHint": true],
        outputSchema: uploadFileOutput,
        runsAsTask: true)

    /// Results of upload_media_file: the uploaded media, a dry run's plan, or an upload still running.
    static let uploadFileOutput: JSONValue = [
        "type": "object",
        "properties": [
            "status": [
                "type": "string",
                "description": .string(
                    "still_running when the upload outlasted TimeoutSeconds (call again with resume.arguments); "
                        + "absent once done."),
            ],
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

    static func uploadFile(
        settings: ServerSettings, uploader: MediaUploader, uploads: RunningUploads = RunningUploads(), docs: DocLibrary
    ) -> ToolHandler {
        uploadFileTool.handler(docs: docs) { call, context in
            let path = call.string("FilePath") ?? ""
            let kind = call.string("MediaType").flatMap(MediaKind.init(rawValue:))
            let parameters = wireStrings(call, keys: metadata.map(\.name) + ["CoverURL"])
            let request = UploadRequest(
                filePath: path, kind: kind, parameters: parameters, resume: call.bool("Resume") ?? false)
            if settings.dryRun || call.bool("DryRun") == true {
                return .complete(dryRun(request, uploader: uploader, docs: docs))
            }
            let key: RunningUploads.Key
            do throws(UploadError) {
                key = RunningUploads.Key(try LocalFile.open(path, workdir: uploader.options.workdir))
            } catch {
                return .complete(failure(error, path: path, docs: docs))
            }
            let (upload, joined) = await uploads.join(key, parameters: parameters) { progress in
                do throws(UploadError) {
                    return .success(
                        try await uploader.upload(request, progress: progress.sent, created: progress.created))
                } catch {
                    return .failure(error)
                }
            }
            let timeout = call.int("TimeoutSeconds") ?? defaultTimeoutSeconds
            let idKey = idKey(call, key: key)
            let outcome = await upload.outcome(within: .seconds(timeout)) { snapshot in
                let media = snapshot.mediaId.map { "\(idKey) \($0): " } ?? ""
                await context.reportProgress(
                    Double(snapshot.bytesDone), total: Double(snapshot.total),
                    message: "\(media)\(snapshot.bytesDone) of \(snapshot.total) bytes sent")
            }
            var notes: [String] = []
            if joined, upload.parameters != parameters {
                notes.append(
                    "Joined the upload of this file already running; it keeps the metadata it was started with.")
            }
            guard let outcome else {
                let snapshot = upload.progress.snapshot
                let answer = stillRunning(snapshot, idKey: idKey, call: call, timeout: timeout)
                return ToolResults.noting(notes, in: .complete(answer))
            }
            await uploads.delivered(upload)
            switch outcome {
            case .success(let result): return ToolResults.noting(notes, in: .complete(success(result)))
            case .failure(let error): return .complete(failure(error, path: path, docs: docs))
            }
        }
    }

    /// How long upload_media_file waits for the upload before answering still_running (under common client limits).
    static let defaultTimeoutSeconds: Int64 = 25

    /// The answer of a call whose time ran out before the upload ended: what is done, and the call that joins it.
    static func stillRunning(
        _ snapshot: UploadProgress.Snapshot, idKey: String, call: HelperCall, timeout: Int64
    ) -> JSONValue {
        var arguments = call.arguments
        arguments["Resume"] = true
        arguments["DryRun"] = nil
        var structured: [String: JSONValue] = [
            "status": "still_running", "BytesDone": .int(snapshot.bytesDone), "Size": .int(snapshot.total),
            "resume": ["tool": "upload_media_file", "arguments": .object(arguments)],
        ]
        let path = call.string("FilePath") ?? ""
        var text =
            "Upload of \(path) still running after \(timeout) s (status still_running): "
            + "\(snapshot.bytesDone) of \(snapshot.total) bytes sent"
        if let id = snapshot.mediaId {
            structured["MediaId"] = .string(id)
            structured[idKey] = .string(id)
            text += ", \(idKey) \(id)"
        }
        text +=
            ". It goes on in the background; call upload_media_file again with "
            + "\(JSONValue.object(arguments).encodedString()) to get its result "
            + "(it joins this upload, never starts a second)."
        return ToolResults.success(text: text, structured: .object(structured))
    }

    /// VideoId, ImageId or MediaId: the ID field of the kind the call uploads the file as.
    static func idKey(_ call: HelperCall, key: RunningUploads.Key) -> String {
        let kind =
            call.string("MediaType").flatMap(MediaKind.init(rawValue:))
            ?? MediaKind.detect(fileExtension: PathText.pathExtension(key.path))
        return kind == .video ? "VideoId" : kind == .image ? "ImageId" : "MediaId"
    }

    /// The failure result of an upload (the media it left behind, and how to resume, in its details).
    static func failure(_ error: UploadError, path: String, docs: DocLibrary) -> JSONValue {
        var toolFailure = ToolFailure(code: error.code, message: plainMessage(error), action: "upload_media_file")
        toolFailure.retryable = error.retryable
        let resume: JSONValue = [
            "tool": "upload_media_file", "arguments": ["FilePath": .string(path), "Resume": true],
        ]
        if let media = error.createdMedia {
            toolFailure.details[media.idField] = .string(media.mediaId)
            toolFailure.details["MediaDisposition"] = .string(media.dispositionName)
            if media.disposition == .keptForResume { toolFailure.details["resume"] = resume }
        }
        switch error.underlying {
        case .api(_, _, let requestId, let status):
            toolFailure.requestId = requestId
            toolFailure.httpStatus = status
        case .oss(_, _, let requestId, let status):
            toolFailure.requestId = requestId
            toolFailure.httpStatus = status
        case .cancelled(let resumable):
            toolFailure.details["resume"] = resumable ? resume : nil
        default: break
        }
        return toolFailure.result(docs: docs)
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
            "Uploaded \(result.objectSize) bytes as \(idKey) \(result.mediaId) in \(cFormat("%.2f", result.elapsedSeconds)) s (CRC-64 verified). Next: wait_for_media {\"\(idKey)\": \"\(result.mediaId)\"}."
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

import CurlHTTP
import FoundationEssentials
import TextSupport
import VODSigning

extension MediaUploader {
    /// Initiate (or resume), upload the missing parts in parallel, check every stored part's CRC with ListParts,
    /// re-send damaged ones, complete, and compare the object's CRC with the file's.
    func uploadMultipart(
        file: LocalFile, session: Session, checkpoint saved: UploadCheckpoint?, meter: ProgressMeter
    ) async throws(UploadError) -> UploadResult {
        let plan = PartPlan(fileSize: file.size, preferred: saved?.partSize ?? options.partSize)
        var state: UploadCheckpoint
        if var saved, saved.partSize == plan.partSize {
            saved.address = session.oss.address
            do {
                let server = try await listParts(session, uploadId: saved.uploadId)
                var kept: [Int: UploadCheckpoint.Part] = [:]
                for (number, stored) in server
                where number <= plan.partCount && stored.size == plan.range(of: number).length {
                    if let known = saved.parts[number], stored.matches(known) {
                        kept[number] = known
                    } else if let storedCRC = stored.crc64 {
                        // Stored after the last checkpoint save: keep it if it matches the file.
                        let range = plan.range(of: number)
                        let local = try FileChecksum.crc64(file: file, offset: range.offset, length: range.length)
                        if local == storedCRC {
                            kept[number] = UploadCheckpoint.Part(
                                number: number, etag: stored.etag, size: stored.size, crc64: storedCRC)
                        }
                    }
                    // A part the store lists without a CRC and our checkpoint does not know is sent again.
                }
                saved.parts = kept
            } catch {
                guard case .oss("NoSuchUpload", _, _, _) = error else { throw error }
                saved.uploadId = try await initiate(session, file: file)
                saved.parts = [:]
            }
            state = saved
        } else {
            state = UploadCheckpoint(
                filePath: file.path, fileSize: file.size, fileModified: file.modified,
                kind: session.credentials.kind.rawValue,
                mediaId: session.mediaId, address: session.oss.address,
                uploadId: try await initiate(session, file: file),
                partSize: plan.partSize, parts: [:], created: clock.date())
        }
        let resumed = state.parts.count
        let tracker = PartTracker(checkpoint: state, store: checkpoints, file: file)
        try checkpoints.save(state, for: file)
        for part in state.parts.values { meter.finish(part: part.number, size: part.size) }

        var pending = (1...plan.partCount).filter { state.parts[$0] == nil }
        var resent = 0
        var round = 0
        while true {
            round += 1
            try await uploadParts(
                pending, plan: plan, file: file, session: session, uploadId: state.uploadId, tracker: tracker,
                meter: meter)
            let server = try await listParts(session, uploadId: state.uploadId)
            let recorded = await tracker.parts
            pending = (1...plan.partCount).filter { number in
                guard let mine = recorded[number], let stored = server[number] else { return true }
                return !stored.matches(mine)
            }
            if pending.isEmpty { break }
            guard round < 3 else {
                throw .checksumMismatch(
                    detail:
                        "OSS kept storing different bytes for part(s) \(pending.prefix(5).map(String.init).joined(separator: ", "))"
                )
            }
            resent += pending.count
            await tracker.drop(pending)
        }

        let parts = await tracker.parts.values.sorted { $0.number < $1.number }
        var crc: UInt64 = 0
        for (index, part) in parts.enumerated() {
            crc = index == 0 ? part.crc64 : CRC64.combine(crc, part.crc64, secondLength: part.size)
        }
        var xml = "<CompleteMultipartUpload>"
        for part in parts { xml += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\"\(part.etag)\"</ETag></Part>" }
        xml += "</CompleteMultipartUpload>"
        let body = Array(xml.utf8)
        let uploadId = state.uploadId
        let response = try await retrying { () async throws(UploadError) -> HTTPResponse in
            try await withCredential(session) { auth async throws(UploadError) -> HTTPResponse in
                try await session.oss.send(
                    "POST", query: [("uploadId", uploadId)], contentType: "application/xml", body: .bytes(body),
                    auth: auth)
            }
        }
        checkpoints.remove(for: file)
        if let reported = response.headers["x-oss-hash-crc64ecma"].flatMap({ UInt64($0) }), reported != crc {
            throw .checksumMismatch(detail: "the completed object's CRC-64 \(reported) differs from the file's \(crc)")
        }
        if let change = file.changeDescription() { throw .fileChanged(path: file.path, detail: change) }
        return UploadResult(
            kind: session.credentials.kind, mediaId: session.mediaId, mediaURL: session.mediaURL, objectSize: file.size,
            crc64: crc, elapsedSeconds: 0, multipart: true, partCount: plan.partCount, resumedParts: resumed,
            resentParts: resent, credentialRefreshes: 0, ignoredParameters: [])
    }

    private func initiate(_ session: Session, file: LocalFile) async throws(UploadError) -> String {
        let contentType = MediaKind.contentType(fileExtension: PathText.pathExtension(file.path))
        let response = try await retrying { () async throws(UploadError) -> HTTPResponse in
            try await withCredential(session) { auth async throws(UploadError) -> HTTPResponse in
                try await session.oss.send("POST", query: [("uploads", "")], contentType: contentType, auth: auth)
            }
        }
        guard let uploadId = XMLText.element("UploadId", in: String(decoding: response.body, as: UTF8.self)),
            !uploadId.isEmpty
        else {
            throw .oss(
                code: "MalformedXML", message: "InitiateMultipartUpload answered without an UploadId",
                requestId: response.headers["x-oss-request-id"], httpStatus: response.status)
        }
        return uploadId
    }

    /// Every part OSS holds for `uploadId` (all pages).
    func listParts(_ session: Session, uploadId: String) async throws(UploadError) -> [Int: StoredPart] {
        var parts: [Int: StoredPart] = [:]
        var marker = 0
        while true {
            let query = [("uploadId", uploadId), ("max-parts", "1000"), ("part-number-marker", String(marker))]
            let response = try await retrying { () async throws(UploadError) -> HTTPResponse in
                try await withCredential(session) { auth async throws(UploadError) -> HTTPResponse in
                    try await session.oss.send("GET", query: query, auth: auth)
                }
            }
            let text = String(decoding: response.body, as: UTF8.self)
            for chunk in XMLText.elements("Part", in: text) {
                guard let number = XMLText.element("PartNumber", in: chunk).flatMap({ Int($0) }),
                    let etag = XMLText.element("ETag", in: chunk)?.replacingLiterally("\"", with: ""),
                    let size = XMLText.element("Size", in: chunk).flatMap({ Int64($0) })
                else { continue }
                let crc = XMLText.element("HashCrc64ecma", in: chunk).flatMap { UInt64($0) }
                parts[number] = StoredPart(number: number, etag: etag, size: size, crc64: crc)
            }
            guard XMLText.element("IsTruncated", in: text) == "true",
                let next = XMLText.element("NextPartNumberMarker", in: text).flatMap({ Int($0) }), next > marker
            else { break }
            marker = next
        }
        return parts
    }

    /// Uploads `numbers` with up to `options.concurrency` parts in flight; the first failure stops the rest.
    private func uploadParts(
        _ numbers: [Int], plan: PartPlan, file: LocalFile, session: Session, uploadId: String, tracker: PartTracker,
        meter: ProgressMeter
    ) async throws(UploadError) {
        let concurrency = options.concurrency
        let failure: UploadError? = await withTaskGroup(of: UploadError?.self) { group in
            var next = 0
            var failure: UploadError?
            while next < numbers.count && next < concurrency {
                let number = numbers[next]
                group.addTask {
                    await self.uploadPart(
                        number, plan: plan, file: file, session: session, uploadId: uploadId, tracker: tracker,
                        meter: meter)
                }
                next += 1
            }
            while let outcome = await group.next() {
                if let outcome {
                    if failure == nil {
                        failure = outcome
                        group.cancelAll()
                    }
                } else if failure == nil && next < numbers.count {
                    let number = numbers[next]
                    group.addTask {
                        await self.uploadPart(
                            number, plan: plan, file: file, session: session, uploadId: uploadId, tracker: tracker,
                            meter: meter)
                    }
                    next += 1
                }
            }
            return failure
        }
        await tracker.flush()
        if Task.isCancelled { throw .cancelled(resumable: true) }
        if let failure {
            if case .cancelled = failure { throw .cancelled(resumable: true) }
            throw failure
        }
    }

    /// One part: PUT the byte range, compare the CRC OSS reports with the local one, record it.
    private func uploadPart(
        _ number: Int, plan: PartPlan, file: LocalFile, session: Session, uploadId: String, tracker: PartTracker,
        meter: ProgressMeter
    ) async -> UploadError? {
        let range = plan.range(of: number)
        let localTask = Task.detached { FileChecksum.result(file: file, offset: range.offset, length: range.length) }
        let query = [("partNumber", String(number)), ("uploadId", uploadId)]
        do throws(UploadError) {
            for _ in 1...3 {
                let response = try await retrying { () async throws(UploadError) -> HTTPResponse in
                    try await withCredential(session) { auth async throws(UploadError) -> HTTPResponse in
                        try await session.oss.send(
                            "PUT", query: query,
                            body: .descriptor(file.descriptor, offset: range.offset, length: range.length), auth: auth,
                            progress: { sent, _ in meter.update(part: number, sent: sent) })
                    }
                }
                let local = try await localTask.value.get()
                guard let etag = response.headers["etag"]?.replacingLiterally("\"", with: ""), !etag.isEmpty
                else {
                    throw UploadError.oss(
                        code: "MissingETag", message: "UploadPart answered without an ETag",
                        requestId: response.headers["x-oss-request-id"], httpStatus: response.status)
                }
                if let reported = response.headers["x-oss-hash-crc64ecma"].flatMap({ UInt64($0) }), reported != local {
                    meter.reset(part: number)
                    continue
                }
                await tracker.record(
                    UploadCheckpoint.Part(number: number, etag: etag, size: range.length, crc64: local))
                meter.finish(part: number, size: range.length)
                return nil
            }
            return .checksumMismatch(detail: "part \(number) arrived damaged three times")
        } catch {
            return error
        }
    }
}

/// The checkpoint of a running multipart upload; saved at most once a second (and on flush).
actor PartTracker {
    private var checkpoint: UploadCheckpoint
    private let store: CheckpointStore
    private let file: LocalFile
    private var lastSave = ContinuousClock.now
    private var dirty = false

    init(checkpoint: UploadCheckpoint, store: CheckpointStore, file: LocalFile) {
        self.checkpoint = checkpoint
        self.store = store
        self.file = file
    }

    var parts: [Int: UploadCheckpoint.Part] { checkpoint.parts }

    func record(_ part: UploadCheckpoint.Part) {
        checkpoint.parts[part.number] = part
        dirty = true
        if ContinuousClock.now - lastSave >= .seconds(1) { flush() }
    }

    func drop(_ numbers: [Int]) {
        for number in numbers { checkpoint.parts[number] = nil }
        dirty = true
        flush()
    }

    func flush() {
        guard dirty else { return }
        try? store.save(checkpoint, for: file)
        lastSave = ContinuousClock.now
        dirty = false
    }
}

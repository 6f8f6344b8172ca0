import Foundation
import Testing
import VODHints

@Suite struct VODHintsTests {
    static let generic = VODHints.hint(for: "Totally.UnknownCode", action: nil, httpStatus: nil)

    /// Codes the brief requires a specific hint for (gateway, common, vod-facts §8.2, the llms guide table, OSS, local).
    static let required: [String] = [
        "SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound", "InvalidAction.NotFound",
        "InvalidSecurityToken.Expired",
        "IncompleteSignature", "InvalidTimeStamp.Expired", "SignatureNonceUsed", "Throttling", "Throttling.User",
        "UnsupportedOperation", "MissingParameter", "InvalidParameter", "OperationDenied", "OperationDenied.Suspended",
        "Forbidden", "Forbidden.RAM", "InternalError", "ServiceUnAvailable", "ServiceUnavailable",
        "InvalidVideo.NotFound", "InvalidVideo.Damaged", "InvalidVideo.NoneStream", "Forbidden.IllegalStatus",
        "Forbidden.AliyunVoDEncryption", "NoSuchResource", "InvalidStream.NotFound", "VideoIdsExceededMax",
        "VideoListExceededMax", "JobIdsExceededMax", "ExceededMax", "LimitExceeded.MediaIds", "DeleteVideoFailed",
        "DeleteStreamFailed", "AddVideoFailed", "InvalidStorage.NotFound", "InvalidTemplateGroupId.NotFound",
        "InvalidFileName.Extension", "TagsExceededMax", "LengthExceededMax", "IllegalCharacters",
        "Forbidden.InitFailed",
        "InvalidParameter.UploadURLs", "InvalidMultipartUpload.NotFound", "InvalidFile.NotFound",
        "InvalidCateId.NotFound",
        "LevelExceededMax", "SubTotalExceededMax", "InvalidTranscodeTemplateGroup.NotFound",
        "Forbidden.DefaultTemplateGroup", "Forbidden.LockedTemplateGroup", "Forbidden.SpecialTemplateGroup",
        "TranscodeTemplateExceededMax", "TrasncodeTemplateGroupExceededMax", "WatermarkExceededMax",
        "AlreadyExist.AppName", "LimitExceeded.AppCount", "Forbidden.OperateApp", "Forbidden.OperateAppResource",
        "Forbidden.ResourceNotEmpty", "OperationDenied.NotOpenAppService", "InvalidScrollToken.Expired",
        "ErrorMatchSyntax", "SortByExceededMax", "IpsExceededMax", "IpsIsEmpty", "SecurityIpGroupExceededMax",
        "SecurityIp.NotFound", "InvalidDomain.NotFound", "InvalidDomain.Offline", "DomainAlreadyExist", "BusinessExist",
        "DomainOverLimit", "DomainNotRegistration", "ServiceBusy", "IllegalOperation", "InvalidDomainName.Malformed",
        "InvalidSources.Malformed", "InvalidScope.Malformed", "InvalidStartTime.Malformed", "InvalidEndTime.Malformed",
        "InvalidEndTime.Mismatch", "InvalidStartTime.ValueNotSupported", "InvalidTimeRange", "QuotaExceeded.Refresh",
        "QuotaPerMinuteExceeded.Refresh", "PreloadQueueFull", "InvalidObjectPath.Malformed",
        "InvalidExtensiveDomain.ValueNotSupported", "InvalidFunctionName.ValueNotSupported",
        "InvalidArgName.ValueNotSupported", "InvalidArgValue.Malformed", "Certificate.Duplicated",
        "Certificate.FormatError", "Certificate.KeyNull", "Certificate.MissMatch", "Certificate.NotFind",
        "Certificate.StatusError", "InvalidCertificate", "InvalidSSLPri", "SSLPri.MissingParameter",
        "SSLPub.MissingParameter", "NotInternationRealIdentity", "InvalidParameterStartTime", "InvalidParameterEndTime",
        "InvalidParameterRegion", "InvalidParameterInterval", "InvalidBizDate.Malformed",
        "InvalidBizDate.BeyondCurrent",
        "InvalidEndTime.BeyondCurrent", "Forbidden.AccessDenied", "QuotaExceeded.UploadVideo", "MediaNotFound",
        "InvalidStatus.Media", "SecurityTokenExpired", "InvalidAccessKeyId", "NoSuchUpload", "InvalidPart",
        "PartNotSequential", "InvalidDigest", "InvalidObjectName", "MalformedXML", "AccessDenied",
        "Validation.MissingParameter", "Validation.WrongType", "Validation.OutOfRange", "Validation.UnknownParameter",
        "Validation.MalformedJSON", "Validation.BadTimestamp", "Validation.InvalidArguments",
        "Validation.UnknownOperation", "Credentials.Missing", "Credentials.Invalid", "Credentials.ModeUnsupported",
        "Network.Timeout", "Network.ConnectFailed", "Network.DNS", "Network.TLS", "Network.Reset",
        "Network.TruncatedBody", "Network.InsecureURL", "Safety.ConfirmationRequired", "Safety.ReadOnly",
        "Upload.FileNotFound", "Upload.OutsideWorkdir", "Upload.ChecksumMismatch", "Upload.Expired",
        "Sandbox.Unsupported",
    ]

    /// Exactly these are worth repeating unchanged (5xx statuses add server codes; see `serverStatusMakesRetryable`).
    static let retryable: Set<String> = [
        "Throttling", "Throttling.User", "InternalError", "UnknownError", "ServiceUnAvailable", "ServiceUnavailable",
        "DeleteVideoFailed", "DeleteStreamFailed", "AddVideoFailed", "QuotaPerMinuteExceeded.Refresh",
        "Network.Timeout", "Network.ConnectFailed", "Network.DNS", "Network.Reset", "Network.TruncatedBody",
        "Network.Failed",
    ]

    @Test func everyRequiredCodeIsKnown() {
        let known = Set(VODHints.knownCodes)
        #expect(Set(Self.required).subtracting(known).sorted() == [])
        #expect(known.count == VODHints.knownCodes.count, "a code appears twice in the table")
    }

    @Test(arguments: VODHints.knownCodes)
    func knownCodeHasItsOwnHint(_ code: String) {
        let hint = VODHints.hint(for: code, action: nil, httpStatus: nil)
        #expect(hint.code == code)
        #expect(hint.hint.count > 30)
        #expect(hint.hint != Self.generic.hint)
        #expect(!hint.hint.contains("no specific advice"))
        #expect(hint.docs.first?.hasPrefix("vod://docs/errors/") == true)
        #expect(hint.docs.allSatisfy { $0.hasPrefix("vod://docs/") && !$0.contains(" ") })
        #expect(hint.retryable == Self.retryable.contains(code), "retryable for \(code)")
    }

    @Test func hintsAreDistinct() {
        let texts = VODHints.knownCodes.map { VODHints.hint(for: $0, action: nil, httpStatus: nil).hint }
        #expect(Set(texts).count == texts.count)
    }

    @Test func serverStatusMakesRetryable() {
        #expect(!VODHints.hint(for: "InvalidParameter", action: nil, httpStatus: 400).retryable)
        #expect(VODHints.hint(for: "InvalidParameter", action: nil, httpStatus: 503).retryable)
        #expect(VODHints.hint(for: "Some.New.Code", action: nil, httpStatus: 502).retryable)
        #expect(VODHints.hint(for: "Some.New.Code", action: nil, httpStatus: 429).retryable)
        #expect(!VODHints.hint(for: "Some.New.Code", action: nil, httpStatus: 404).retryable)
        // Local codes ignore the status: a TLS failure is not retryable whatever a caller passes.
        #expect(!VODHints.hint(for: "Network.TLS", action: nil, httpStatus: 503).retryable)
        #expect(!VODHints.hint(for: "Network.InsecureURL", action: nil, httpStatus: nil).retryable)
        #expect(VODHints.hint(for: "Throttling", action: nil, httpStatus: 400).retryable)
    }

    @Test func forbiddenRAMNamesTheExactPermissionAndAPolicy() throws {
        let hint = VODHints.hint(for: "Forbidden.RAM", action: "GetVideoInfo", httpStatus: 403)
        #expect(hint.hint.contains("vod:GetVideoInfo"))
        let policyStart = try #require(hint.hint.range(of: "{"))
        let policy =
            try JSONSerialization.jsonObject(with: Data(hint.hint[policyStart.lowerBound...].utf8)) as? [String: Any]
        let statement = try #require((policy?["Statement"] as? [[String: Any]])?.first)
        #expect(statement["Action"] as? [String] == ["vod:GetVideoInfo"])
        #expect(statement["Effect"] as? String == "Allow")
        #expect(hint.docs.contains("vod://docs/api/GetVideoInfo"))
        #expect(hint.docs.contains("vod://docs/errors/Forbidden.RAM"))  // its own section since issue 19
        #expect(!hint.retryable)
        #expect(
            VODHints.hint(for: "Forbidden", action: "DeleteVideo", httpStatus: 403).hint.contains("vod:DeleteVideo"))
        #expect(
            VODHints.hint(for: "Forbidden.AccessDenied", action: "SearchMedia", httpStatus: 403).hint.contains(
                "vod:SearchMedia"))
    }

    @Test func notFoundAfterUploadSuggestsWaitingAndRegion() {
        let plain = VODHints.hint(for: "InvalidVideo.NotFound", action: nil, httpStatus: 404)
        #expect(plain.hint.contains("region"))
        #expect(plain.hint.contains("AppId"))
        #expect(!plain.hint.contains("wait_for_media"))
        let refined = VODHints.hint(for: "InvalidVideo.NotFound", action: "GetPlayInfo", httpStatus: 404)
        #expect(refined.hint.contains("wait_for_media"))
        #expect(refined.hint.contains("GetPlayInfo"))
        #expect(refined.docs.prefix(2) == ["vod://docs/errors/InvalidVideo.NotFound", "vod://docs/api/GetPlayInfo"])
        #expect(refined.mistakes.contains { $0.contains("region") })
    }

    @Test func credentialsMissingMentionsSandboxAndEnvironment() {
        let hint = VODHints.hint(for: "Credentials.Missing", action: "GetVideoInfo", httpStatus: nil)
        #expect(hint.hint.contains("--sandbox"))
        #expect(hint.hint.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"))
        #expect(hint.hint.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))
        #expect(hint.docs.contains("vod://docs/Authentication%20and%20Signing/Credentials.md"))
    }

    @Test func uploadByURLParameterErrorsPointAtEncoding() {
        let hint = VODHints.hint(for: "InvalidParameter", action: "UploadMediaByURL", httpStatus: 400)
        #expect(hint.hint.contains("URL-encode"))
        #expect(hint.docs.contains("vod://docs/Media%20Upload/Upload%20from%20URL.md"))
        #expect(hint.mistakes.first?.contains("UploadURLs") == true)
    }

    @Test func ossSignatureFailureIsToldApartByStatus() {
        let gateway = VODHints.hint(for: "SignatureDoesNotMatch", action: nil, httpStatus: 400)
        let oss = VODHints.hint(for: "SignatureDoesNotMatch", action: nil, httpStatus: 403)
        #expect(gateway.hint.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))
        #expect(oss.hint.contains("OSS"))
        #expect(oss.hint != gateway.hint)
    }

    @Test func unknownCodeGetsGeneralHintWithRecommendAndSearch() {
        let hint = VODHints.hint(for: "Brand.NewCode", action: "GetVideoInfo", httpStatus: 403)
        #expect(hint.hint.contains("Recommend"))
        #expect(hint.hint.contains("search_docs"))
        #expect(hint.hint.contains("vod:GetVideoInfo"))
        #expect(hint.docs.first == "vod://docs/api/GetVideoInfo")
        #expect(!hint.docs.contains { $0.hasPrefix("vod://docs/errors/") })
        #expect(hint.mistakes.isEmpty)
    }

    @Test func lookupToleratesCaseAndFallsBackToTheFamily() {
        #expect(
            VODHints.hint(for: "throttling.user", action: nil, httpStatus: nil).hint
                == VODHints.hint(for: "Throttling.User", action: nil, httpStatus: nil).hint)
        let family = VODHints.hint(for: "Throttling.Api", action: nil, httpStatus: 400)
        #expect(family.code == "Throttling.Api")
        #expect(family.retryable)
        #expect(family.docs.first == "vod://docs/errors/Throttling")
        // Both spellings are real codes with their own sections.
        #expect(
            VODHints.hint(for: "ServiceUnAvailable", action: nil, httpStatus: 503).docs.first
                == "vod://docs/errors/ServiceUnAvailable")
        #expect(
            VODHints.hint(for: "ServiceUnavailable", action: nil, httpStatus: 503).docs.first
                == "vod://docs/errors/ServiceUnavailable")
    }

    @Test func nonActionNamesGetNoAPILink() {
        let hint = VODHints.hint(for: "Upload.FileNotFound", action: "upload_media_file", httpStatus: nil)
        #expect(!hint.docs.contains { $0.hasPrefix("vod://docs/api/") })
        #expect(
            VODHints.hint(for: "Throttling", action: "../x", httpStatus: nil).docs.allSatisfy { !$0.contains("..") })
    }

    @Test func topicPagesAreFewEncodedDocURIs() {
        #expect(VODHints.topicPages.count <= 12)
        #expect(VODHints.topicPages.contains("vod://docs/Common%20Mistakes/Common%20Mistakes%20to%20Avoid.md"))
        for code in VODHints.knownCodes {
            for uri in VODHints.hint(for: code, action: nil, httpStatus: nil).docs
            where !uri.hasPrefix("vod://docs/errors/") {
                #expect(VODHints.topicPages.contains(uri), "\(code) links \(uri), which is not in topicPages")
            }
        }
    }
}

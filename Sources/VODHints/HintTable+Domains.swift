extension HintTable {
    /// CDN domains, certificates, refresh and preload.
    static let domains: [HintEntry] = [
        HintEntry(
            "InvalidDomain.NotFound",
            "The domain is not an accelerated domain of this account. List yours with call_api DescribeVodUserDomains and pass "
                + "the name exactly, without scheme or path.",
            topics: [.cdn]),
        HintEntry(
            "InvalidDomain.Offline",
            "The domain is stopped or offline. Start it with call_api BatchStartVodDomain before configuring or refreshing it.",
            topics: [.cdn]),
        HintEntry(
            "DomainAlreadyExist",
            "This domain is already added as an accelerated domain (here or in another account or product). Use the "
                + "existing one, or remove it there first.",
            topics: [.cdn]),
        HintEntry(
            "BusinessExist",
            "The domain is already in use by another Alibaba Cloud CDN business. Remove it from that service before "
                + "adding it to VOD.",
            topics: [.cdn]),
        HintEntry(
            "DomainOverLimit",
            "The account reached its limit of accelerated domains. Delete unused domains or request a higher quota.",
            topics: [.cdn]),
        HintEntry(
            "DomainNotRegistration",
            "The domain has no ICP filing, which mainland China acceleration requires. File it, or use an acceleration "
                + "scope outside the mainland.",
            topics: [.cdn]),
        HintEntry(
            "ServiceBusy",
            "The domain is still being configured by an earlier change. Wait until its status is online again (check "
                + "call_api DescribeVodDomainDetail), then retry.",
            topics: [.cdn]),
        HintEntry(
            "IllegalOperation",
            "The domain's current state does not allow this change (for example it is locked or under review). Check "
                + "its status with call_api DescribeVodDomainDetail.",
            topics: [.cdn]),
        HintEntry(
            "InvalidDomainName.Malformed",
            "DomainName is not a valid host name. Pass only the host, such as video.example.com; wildcards need the "
                + "form *.example.com.",
            topics: [.cdn]),
        HintEntry(
            "InvalidSources.Malformed",
            "Sources is not valid JSON text for the origin list. Send a JSON array string such as "
                + "[{\"content\":\"1.2.3.4\",\"type\":\"ipaddr\",\"port\":80}].",
            topics: [.cdn], mistakes: [.jsonAsText]),
        HintEntry(
            "InvalidScope.Malformed",
            "Scope must be domestic, overseas or global.",
            topics: [.cdn]),
        HintEntry(
            "InvalidStartTime.Malformed",
            "StartTime is not UTC ISO 8601. Write it as yyyy-MM-ddTHH:mm:ssZ.",
            mistakes: [.timeFormat]),
        HintEntry(
            "InvalidEndTime.Malformed",
            "EndTime is not UTC ISO 8601. Write it as yyyy-MM-ddTHH:mm:ssZ.",
            mistakes: [.timeFormat]),
        HintEntry(
            "InvalidEndTime.Mismatch",
            "EndTime is earlier than StartTime. Swap or correct the two times."),
        HintEntry(
            "InvalidStartTime.ValueNotSupported",
            "StartTime is too far in the past for this query. Ask for a more recent window (the operation page gives "
                + "how far back data is kept)."),
        HintEntry(
            "InvalidTimeRange",
            "The time window is longer than this query allows. Split it into several shorter windows."),
        HintEntry(
            "QuotaExceeded.Refresh",
            "The daily refresh or preload quota is used up. Check the remaining quota with call_api DescribeVodRefreshQuota, "
                + "refresh a directory instead of many files, or wait until the quota resets.",
            topics: [.cdn]),
        HintEntry(
            "QuotaPerMinuteExceeded.Refresh",
            "Too many refresh requests in the last minute. Wait a minute and retry, submitting URLs in larger batches "
                + "rather than one by one.",
            topics: [.cdn], retry: .always),
        HintEntry(
            "PreloadQueueFull",
            "The preload queue is full. Wait for earlier preload tasks to finish (call_api DescribeVodRefreshTasks) before "
                + "submitting more.",
            topics: [.cdn]),
        HintEntry(
            "InvalidObjectPath.Malformed",
            "ObjectPath is malformed. Give full URLs including the accelerated domain (http://video.example.com/a.mp4), "
                + "one per line, and end directory paths with a slash.",
            topics: [.cdn], mistakes: [.purgeURLsCommas]),
        HintEntry(
            "InvalidExtensiveDomain.ValueNotSupported",
            "Wildcard domains are not supported for this operation or account. Use the concrete host name.",
            topics: [.cdn]),
        HintEntry(
            "InvalidFunctionName.ValueNotSupported",
            "A function name in Functions is not a known domain configuration. Check the function names against "
                + "the documentation of call_api BatchSetVodDomainConfigs.",
            topics: [.cdn], mistakes: [.jsonAsText]),
        HintEntry(
            "InvalidArgName.ValueNotSupported",
            "A functionArgs argName is not valid for its function. Use the argument names documented for that "
                + "function.",
            topics: [.cdn]),
        HintEntry(
            "InvalidArgValue.Malformed",
            "A functionArgs argValue has the wrong format for its argument. Check the value format documented for "
                + "that function.",
            topics: [.cdn]),
        HintEntry(
            "Certificate.Duplicated",
            "A certificate with this name already exists. Pick a different CertName or reuse the stored certificate.",
            topics: [.cdn]),
        HintEntry(
            "Certificate.FormatError",
            "The certificate is not valid PEM. Pass the full chain, each block with its BEGIN/END lines and line breaks "
                + "intact.",
            topics: [.cdn]),
        HintEntry(
            "Certificate.KeyNull",
            "The private key is missing. Send SSLPri together with SSLPub when uploading a certificate.",
            topics: [.cdn]),
        HintEntry(
            "Certificate.MissMatch",
            "The private key does not belong to the certificate. Upload the key that was generated with this "
                + "certificate.",
            topics: [.cdn]),
        HintEntry(
            "Certificate.NotFind",
            "No certificate with this name or ID exists. List certificates with call_api DescribeVodCertificateList.",
            topics: [.cdn]),
        HintEntry(
            "Certificate.StatusError",
            "The certificate is not in a usable state (expired, revoked or still being issued). Use a valid one.",
            topics: [.cdn]),
        HintEntry(
            "InvalidCertificate",
            "The certificate is invalid: it does not parse, has expired, or does not cover this domain name.",
            topics: [.cdn]),
        HintEntry(
            "InvalidSSLPri",
            "The private key (SSLPri) is invalid. Send an unencrypted PEM key that matches the certificate.",
            topics: [.cdn]),
        HintEntry(
            "SSLPri.MissingParameter",
            "SSLPri (the private key) is required when SSLProtocol is on and a new certificate is uploaded.",
            topics: [.cdn]),
        HintEntry(
            "SSLPub.MissingParameter",
            "SSLPub (the certificate) is required when SSLProtocol is on and a new certificate is uploaded.",
            topics: [.cdn]),
        HintEntry(
            "NotInternationRealIdentity",
            "Resources in mainland China need a real-name verified account. Complete real-name verification, or use a "
                + "region or scope outside the mainland."),
    ]
}

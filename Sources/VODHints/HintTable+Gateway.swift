extension HintTable {
    /// Codes of the POP gateway in front of VOD: signing, keys, throttling. Plus VOD's account-wide codes.
    static let gateway: [HintEntry] = [
        HintEntry(
            "SignatureDoesNotMatch",
            "The server computed a different signature. vod-mcp's signer follows the documented algorithm, so the usual "
                + "cause is a wrong AccessKey secret: check ALIBABA_CLOUD_ACCESS_KEY_SECRET for a typo, stray whitespace or "
                + "a secret that belongs to another key ID. The error message ends with the server's string to sign.",
            topics: [.credentials, .signing], mistakes: [.spacesAsPlus]),
        HintEntry(
            "InvalidAccessKeyId.NotFound",
            "No AccessKey with this ID exists: it was mistyped, deleted, disabled, or belongs to the international site "
                + "while calling the China site (or the reverse). Create or copy the key again in the RAM console and set "
                + "ALIBABA_CLOUD_ACCESS_KEY_ID.",
            topics: [.credentials], mistakes: [.stsWithoutToken]),
        HintEntry(
            "InvalidAction.NotFound",
            "The gateway does not know this Action for Version 2017-03-21. Check the exact spelling and case of the "
                + "operation name (search_docs finds it), and that the endpoint is a VOD endpoint (vod.<region>.aliyuncs.com).",
            topics: [.regions]),
        HintEntry(
            "InvalidSecurityToken.Expired",
            "The STS token has expired. Get fresh temporary credentials (AssumeRole again, or refresh the CLI profile) "
                + "and set ALIBABA_CLOUD_SECURITY_TOKEN together with the new key pair; tokens last one hour by default.",
            topics: [.credentials], mistakes: [.stsWithoutToken]),
        HintEntry(
            "IncompleteSignature",
            "A signature field was missing or empty (Signature, SignatureNonce, SignatureMethod or Timestamp). This points "
                + "at a proxy or tool that dropped query parameters; send requests directly and keep the query intact.",
            topics: [.signing]),
        HintEntry(
            "InvalidTimeStamp.Expired",
            "The request Timestamp is too far from the server's clock. Sync this machine's clock (NTP); the timestamp is "
                + "UTC, so a wrong time zone setting also causes this.",
            topics: [.signing]),
        HintEntry(
            "SignatureNonceUsed",
            "The SignatureNonce was already used within the replay window. Each request needs a fresh random nonce; "
                + "re-sending a captured or cached request triggers this. Build a new request rather than replaying one.",
            topics: [.signing], mistakes: [.nonceReuse]),
        HintEntry(
            "Throttling",
            "VOD throttled the request because calls arrived too fast. Wait and retry with exponential backoff (for "
                + "example 1 s, 2 s, 4 s), and space out bulk loops instead of firing them in parallel.",
            topics: [.errorCodes], retry: .always),
        HintEntry(
            "Throttling.User",
            "Your account exceeded its per-user request rate for this API. Back off exponentially, run fewer calls in "
                + "parallel, and batch reads where an operation accepts several IDs.",
            topics: [.errorCodes], retry: .always),
        HintEntry(
            "UnsupportedOperation",
            "The operation is not available for this account, region or request form. Check that the region offers the "
                + "feature and that the account has it enabled; some operations exist only in certain regions.",
            topics: [.regions]),
        HintEntry(
            "ServiceUnavailable",
            "The gateway or service could not answer right now. Retry with exponential backoff; if it lasts for minutes, "
                + "check the Alibaba Cloud status page for the region.",
            topics: [.errorCodes], retry: .always),
    ]

    /// VOD's common codes, valid for every operation.
    static let common: [HintEntry] = [
        HintEntry(
            "MissingParameter",
            "A parameter the operation requires was not sent. Compare the arguments with the operation's parameter "
                + "table; names are case-sensitive.", mistakes: [.retrying4xx]),
        HintEntry(
            "InvalidParameter",
            "A parameter has the wrong type, format, length or value. Check each argument against the operation page: "
                + "IDs must be real IDs, lists are comma-separated strings, and JSON fields must be JSON text.",
            mistakes: [.jsonAsText, .timeFormat, .retrying4xx]),
        HintEntry(
            "OperationDenied",
            "VOD is not activated for this Alibaba Cloud account (or for the region). Activate ApsaraVideo VOD in the "
                + "console first; API calls fail until it is.",
            topics: [.regions]),
        HintEntry(
            "OperationDenied.Suspended",
            "The account's VOD service is suspended because of an overdue payment. Top up the account balance in the "
                + "billing console; the service resumes once the arrears are paid."),
        HintEntry(
            "Forbidden",
            "The RAM user or role behind the AccessKey has no permission for this operation. Attach a policy that "
                + "allows the operation's vod:<Action> (or AliyunVODFullAccess while testing) to that identity.",
            topics: [.credentials], mistakes: [.appPolicyOnly]),
        HintEntry(
            "Forbidden.RAM",
            "RAM denied the call: the identity behind the AccessKey lacks the operation's vod:<Action> permission. "
                + "Grant it with a custom policy on that RAM user or role.",
            topics: [.credentials], mistakes: [.appPolicyOnly]),
        HintEntry(
            "Forbidden.AccessDenied",
            "Permission denied for this action or resource. If the response carries AccessDeniedDetail, it names the "
                + "missing action and the policy that blocked it; grant vod:<Action> to the RAM identity.",
            topics: [.credentials], mistakes: [.appPolicyOnly]),
        HintEntry(
            "InternalError",
            "VOD hit an unexpected internal error. Retry after a short pause with backoff; if it keeps failing for the "
                + "same input, keep the RequestId and open a ticket.",
            topics: [.errorCodes], retry: .always),
        HintEntry(
            "UnknownError",
            "The server could not classify the failure. Retry once after a pause; if it repeats, keep the RequestId "
                + "for support and simplify the request to find the argument that triggers it.",
            topics: [.errorCodes], retry: .always),
        HintEntry(
            "ServiceUnAvailable",
            "VOD is temporarily unavailable (this spelling, with a capital A, is VOD's own). Retry with exponential "
                + "backoff.",
            topics: [.errorCodes], retry: .always),
        HintEntry(
            "QuotaExceeded.UploadVideo",
            "The account reached its quota of uploaded videos. Delete media you no longer need, or ask for a higher "
                + "quota through a support ticket."),
    ]
}

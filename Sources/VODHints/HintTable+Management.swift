extension HintTable {
    /// Categories, templates, applications, search and review IP whitelists.
    static let management: [HintEntry] = [
        HintEntry(
            "InvalidCateId.NotFound",
            "No category with this CateId exists. List categories with call_api GetCategories (CateId -1 lists the top level) "
                + "and use one of those IDs."),
        HintEntry(
            "LevelExceededMax",
            "Categories can be nested at most three levels deep. Attach the new category to a parent higher up."),
        HintEntry(
            "SubTotalExceededMax",
            "The parent category already has the maximum number of sub-categories. Reorganise or delete unused ones "
                + "first."),
        HintEntry(
            "InvalidTranscodeTemplateGroup.NotFound",
            "The transcoding template group does not exist in this region or application. List groups with "
                + "call_api ListTranscodeTemplateGroup and check the region and AppId.",
            topics: [.transcoding], mistakes: [.wrongRegion, .appId]),
        HintEntry(
            "Forbidden.DefaultTemplateGroup",
            "The default transcoding template group cannot be deleted or changed this way. Make another group the "
                + "default with call_api SetDefaultTranscodeTemplateGroup first.",
            topics: [.transcoding]),
        HintEntry(
            "Forbidden.LockedTemplateGroup",
            "The template group is locked, so it cannot be modified. Unlock it (Locked=Disabled in "
                + "call_api UpdateTranscodeTemplateGroup) or create a new group.",
            topics: [.transcoding]),
        HintEntry(
            "Forbidden.SpecialTemplateGroup",
            "This is a system template group (such as the no-transcoding group), which cannot be edited or removed. "
                + "Create a group of your own instead.",
            topics: [.transcoding]),
        HintEntry(
            "TranscodeTemplateExceededMax",
            "The group has more transcoding templates than allowed. Remove some definitions or split them across "
                + "groups.",
            topics: [.transcoding]),
        HintEntry(
            "TrasncodeTemplateGroupExceededMax",
            "The account has reached its limit of transcoding template groups (the code's spelling is VOD's own). "
                + "Delete unused groups first.",
            topics: [.transcoding]),
        HintEntry(
            "WatermarkExceededMax",
            "Too many watermarks for the template or account. Delete unused watermarks or reuse an existing one."),
        HintEntry(
            "AlreadyExist.AppName",
            "An application with this AppName already exists. Choose another name, or look the existing one up with "
                + "call_api ListAppInfo and use its AppId.",
            topics: [.multiApp]),
        HintEntry(
            "LimitExceeded.AppCount",
            "The account already has the maximum number of applications (10). Delete an unused one or reuse an "
                + "existing application.",
            topics: [.multiApp]),
        HintEntry(
            "Forbidden.OperateApp",
            "The caller may not manage this application. Check the AppId and grant the RAM identity rights on it "
                + "(call_api AttachAppPolicyToIdentity).",
            topics: [.multiApp], mistakes: [.appPolicyOnly]),
        HintEntry(
            "Forbidden.OperateAppResource",
            "The caller may not act on resources of this application. Grant an application policy to the RAM identity "
                + "or pass the AppId the resources belong to.",
            topics: [.multiApp], mistakes: [.appId, .appPolicyOnly]),
        HintEntry(
            "Forbidden.ResourceNotEmpty",
            "An application that still holds media or other resources cannot be deleted. Move or delete its resources "
                + "first (call_api MoveAppResource).",
            topics: [.multiApp]),
        HintEntry(
            "OperationDenied.NotOpenAppService",
            "The multi-application service is not enabled for this account. Enable it in the VOD console before using "
                + "application operations or AppId.",
            topics: [.multiApp], mistakes: [.appIdBeforeEnabled]),
        HintEntry(
            "InvalidScrollToken.Expired",
            "The ScrollToken of SearchMedia has expired. Start the search again from the first page without a token."),
        HintEntry(
            "ErrorMatchSyntax",
            "The Match expression of SearchMedia does not parse. Quote string values and use the documented operators, "
                + "for example Title = 'demo' and Status in ('Normal')."),
        HintEntry(
            "SortByExceededMax",
            "SortBy names too many fields. Sort by one field, such as CreationTime:Desc."),
        HintEntry(
            "IpsExceededMax",
            "The review IP whitelist would exceed 100 addresses. Remove addresses or use CIDR ranges."),
        HintEntry(
            "IpsIsEmpty",
            "Ips was empty. Pass at least one IP address or CIDR range, comma-separated."),
        HintEntry(
            "SecurityIpGroupExceededMax",
            "There are already 10 review IP groups. Reuse an existing SecurityGroupName or delete one."),
        HintEntry(
            "SecurityIp.NotFound",
            "No review IP whitelist group with that name exists. List them with call_api ListAuditSecurityIp."),
    ]

    /// Statistics and usage queries.
    static let statistics: [HintEntry] = [
        HintEntry(
            "InvalidParameterStartTime",
            "StartTime is missing or malformed. Give a UTC time as yyyy-MM-ddTHH:mm:ssZ, before EndTime.",
            mistakes: [.timeFormat]),
        HintEntry(
            "InvalidParameterEndTime",
            "EndTime is missing, malformed or not after StartTime. Use UTC yyyy-MM-ddTHH:mm:ssZ.",
            mistakes: [.timeFormat]),
        HintEntry(
            "InvalidParameterRegion",
            "The Region filter is not a region ID this statistic supports. Use an ID such as cn-shanghai, or omit it.",
            topics: [.regions]),
        HintEntry(
            "InvalidParameterInterval",
            "Interval is not one this query supports for the chosen time span. Use a supported granularity (for "
                + "example 300, 3600 or 86400 seconds) and a span that fits it."),
        HintEntry(
            "InvalidBizDate.Malformed",
            "BizDate is malformed. Use the date format the operation documents (usually yyyy-MM-dd or a UTC "
                + "timestamp).",
            mistakes: [.timeFormat]),
        HintEntry(
            "InvalidBizDate.BeyondCurrent",
            "BizDate lies in the future. Ask for a date up to today (statistics for today may be incomplete)."),
        HintEntry(
            "InvalidEndTime.BeyondCurrent",
            "EndTime lies in the future. Use a time up to now, in UTC.",
            mistakes: [.timeFormat]),
    ]
}

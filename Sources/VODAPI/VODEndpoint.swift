import TextSupport

/// Where VOD's API lives for a region.
public struct VODEndpoint: Sendable {
    /// Regions with their own host (cn-hangzhou is served from Shanghai).
    static let regional: [String: String] = [
        "cn-shanghai": "vod.cn-shanghai.aliyuncs.com",
        "cn-hangzhou": "vod.cn-shanghai.aliyuncs.com",
        "cn-beijing": "vod.cn-beijing.aliyuncs.com",
        "cn-shenzhen": "vod.cn-shenzhen.aliyuncs.com",
        "cn-hongkong": "vod.cn-hongkong.aliyuncs.com",
        "ap-southeast-1": "vod.ap-southeast-1.aliyuncs.com",
        "ap-northeast-1": "vod.ap-northeast-1.aliyuncs.com",
        "ap-southeast-5": "vod.ap-southeast-5.aliyuncs.com",
        "us-west-1": "vod.us-west-1.aliyuncs.com",
        "eu-central-1": "vod.eu-central-1.aliyuncs.com",
        "me-central-1": "vod.me-central-1.aliyuncs.com",
        "cn-north-2-gov-1": "vod.cn-north-2-gov-1.aliyuncs.com",
    ]
    /// Regions the SDK sends to the central host.
    static let central: Set<String> = [
        "ap-northeast-2-pop", "ap-southeast-2", "ap-southeast-3", "cn-chengdu", "cn-qingdao", "cn-huhehaote",
        "cn-wulanchabu", "cn-zhangjiakou", "us-east-1", "me-east-1", "eu-west-1-oxs", "eu-west-1",
    ]
    /// The default region when neither `--region` nor `ALIBABA_CLOUD_REGION_ID` is given.
    public static let defaultRegion = "cn-shanghai"

    /// The API host for `region`: the SDK map, the central host, or the `vod.<region>.aliyuncs.com` pattern.
    public static func host(forRegion region: String) -> String {
        let key = region.lowercased()
        if let host = regional[key] { return host }
        if central.contains(key) { return "vod.aliyuncs.com" }
        return "vod.\(key).aliyuncs.com"
    }

    /// `https://<host>` for the region, or the override (a bare host gets `https://`; a trailing `/` is dropped).
    public static func baseURL(region: String, override: String?) -> String {
        guard var endpoint = override?.trimmingWhitespace(), !endpoint.isEmpty else {
            return "https://" + host(forRegion: region)
        }
        if !endpoint.contains("://") { endpoint = "https://" + endpoint }
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        return endpoint
    }
}

/// A CDN statistics operation described as data: the header keys it answers, where its series lives, and what each
/// point carries. One generic implementation (`RPCService+Series.swift`) computes every series from the sandbox's
/// play log (each fetch through a signed URL is one request and its bytes are traffic). The sandbox is its own
/// origin and has no CDN cache, so back-to-origin ("Src") figures equal the served ones and hit rates are 0.
struct DomainSeries: Sendable {
    /// What one value measures over its interval.
    enum Metric: Sendable {
        case bytes, bps, requests, qps, hitRate, zero
    }

    /// A value of a point, with the JSON type the SDK model declares.
    enum Field: Sendable {
        case string(String, Metric)
        case double(String, Metric)
        case int(String, Metric)
    }

    /// Keys beside the series.
    enum Header: Sendable {
        case domainName, startTime, endTime, dataInterval, dataIntervalInt, totalTraffic, area, type
    }

    let headers: [Header]
    /// Wrapper object and its list key: `BpsDataInterval.DataModule`.
    let wrapper: String
    let item: String
    let fields: [Field]
    /// Seconds per point: 300 for the 5-minute series, 60 for the real-time ones.
    let interval: Double

    private static let window: [Header] = [.domainName, .startTime, .endTime, .dataInterval]
    private static let https: [Field] = [.string("Value", .bytes), .string("HttpsValue", .zero)]

    static let operations: [String: DomainSeries] = [
        "DescribeVodDomainBpsDataByLayer": DomainSeries(
            headers: [.dataIntervalInt], wrapper: "BpsDataInterval", item: "DataModule",
            fields: [.double("Value", .bps), .int("TrafficValue", .bytes)], interval: 300),
        "DescribeVodDomainHitRateData": DomainSeries(
            headers: window, wrapper: "HitRateInterval", item: "DataModule",
            fields: [.string("Value", .hitRate), .string("HttpsValue", .zero)], interval: 300),
        "DescribeVodDomainReqHitRateData": DomainSeries(
            headers: window, wrapper: "Data", item: "DataModule",
            fields: [.string("Value", .hitRate), .string("HttpsValue", .zero)], interval: 300),
        "DescribeVodDomainQpsData": DomainSeries(
            headers: window, wrapper: "QpsDataInterval", item: "DataModule",
            fields: [
                .string("Value", .qps), .string("DomesticValue", .qps), .string("OverseasValue", .zero),
                .string("AccValue", .requests), .string("AccDomesticValue", .requests),
                .string("AccOverseasValue", .zero), .string("HttpsValue", .zero),
                .string("HttpsDomesticValue", .zero), .string("HttpsOverseasValue", .zero),
                .string("HttpsAccValue", .zero), .string("HttpsAccDomesticValue", .zero),
                .string("HttpsAccOverseasValue", .zero),
            ], interval: 300),
        "DescribeVodDomainSrcBpsData": DomainSeries(
            headers: window, wrapper: "SrcBpsDataPerInterval", item: "DataModule",
            fields: [.string("Value", .bps), .string("HttpsValue", .zero)], interval: 300),
        "DescribeVodDomainSrcTrafficData": DomainSeries(
            headers: window + [.totalTraffic], wrapper: "SrcTrafficDataPerInterval", item: "DataModule",
            fields: https, interval: 300),
        "DescribeVodDomainUsageData": DomainSeries(
            headers: window + [.area, .type], wrapper: "UsageDataPerInterval", item: "DataModule",
            fields: [.string("Value", .bytes)], interval: 300),
        "DescribeVodDomainRealTimeTrafficData": DomainSeries(
            headers: window, wrapper: "RealTimeTrafficDataPerInterval", item: "DataModule",
            fields: [.string("Value", .bytes)], interval: 60),
        "DescribeVodDomainRealTimeBpsData": DomainSeries(
            headers: [], wrapper: "Data", item: "BpsModel", fields: [.double("Bps", .bps)], interval: 60),
        "DescribeVodDomainRealTimeQpsData": DomainSeries(
            headers: [], wrapper: "Data", item: "QpsModel", fields: [.double("Qps", .qps)], interval: 60),
        "DescribeVodDomainRealTimeByteHitRateData": DomainSeries(
            headers: [], wrapper: "Data", item: "ByteHitRateDataModel", fields: [.double("ByteHitRate", .hitRate)],
            interval: 60),
        "DescribeVodDomainRealTimeReqHitRateData": DomainSeries(
            headers: [], wrapper: "Data", item: "ReqHitRateDataModel", fields: [.double("ReqHitRate", .hitRate)],
            interval: 60),
    ]

    static var handlers: [String: RPCService.Handler] {
        operations.mapValues { series in
            { service, context in try service.serve(series, context) }
        }
    }
}
